//! The whole journey of issue #2 against the real `mockomi serve` binary over HTTP:
//! accounts with e-mail verification, a job and an application through the pipeline,
//! interviewer approval, a mock interview paid on the sandbox checkout with a signed
//! webhook, a claim, the interview, its feedback and the interviewer's earnings.
//! Runs on SQLite, or on a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::PASSWORD;

/// A running `mockomi serve` process, killed on drop.
struct Server {
    child: Child,
    base: String,
    outbox: PathBuf,
    _dir: tempfile::TempDir,
    database_url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

async fn database_url(dir: &Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Err(_) => format!("sqlite://{}", dir.join("e2e.db").to_string_lossy()),
        Ok(_) => crate::harness::fresh_postgres_url().await,
    }
}

impl Server {
    async fn start() -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = database_url(dir.path()).await;
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_mockomi"))
            .arg("serve")
            .envs(Self::env(dir.path(), &database_url, &base, port))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start mockomi serve");
        let server = Server { child, outbox: dir.path().join("outbox"), base, _dir: dir, database_url };
        server.wait_ready().await;
        server
    }

    fn env(dir: &Path, database_url: &str, base: &str, port: u16) -> Vec<(String, String)> {
        vec![
            ("DATABASE_URL".into(), database_url.into()),
            ("MOCKOMI_DATA_DIR".into(), dir.to_string_lossy().into_owned()),
            ("MOCKOMI_BIND".into(), format!("127.0.0.1:{port}")),
            ("MOCKOMI_PUBLIC_URL".into(), base.into()),
            ("RUST_LOG".into(), "warn".into()),
        ]
    }

    async fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Ok(response) = reqwest::get(format!("{}/health/ready", self.base)).await
                && response.status() == StatusCode::OK
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("mockomi serve did not become ready");
    }

    /// Creates the first admin with the CLI, as an operator would.
    fn create_admin(&self, email: &str) {
        let dir = self._dir.path();
        let status = Command::new(env!("CARGO_BIN_EXE_mockomi"))
            .args(["admin", "create", "--email", email, "--first-name", "Asha", "--last-name", "Rao"])
            .envs(Self::env(dir, &self.database_url, &self.base, 1))
            .env("MOCKOMI_ADMIN_PASSWORD", PASSWORD)
            .stdout(Stdio::null())
            .status()
            .expect("run admin create");
        assert!(status.success(), "admin create failed");
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Waits for an e-mail to `to` that contains `needle`, and returns the line with it.
    async fn mail_line(&self, to: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            for entry in std::fs::read_dir(&self.outbox).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                if text.contains(to)
                    && let Some(line) = text.lines().find(|l| l.contains(needle))
                {
                    return line.trim().to_owned();
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("no e-mail to {to} containing {needle}");
    }
}

/// An API client for one person.
struct Person {
    http: reqwest::Client,
    token: String,
    email: String,
}

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request");
    let status = response.status();
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

impl Person {
    /// Registers, follows the e-mailed verification link and logs in.
    async fn sign_up(server: &Server, role: &str, email: &str) -> Person {
        let http = reqwest::Client::new();
        let (status, body) = send(http.post(server.url("/api/v1/auth/register")).json(&json!({
            "email": email, "password": PASSWORD, "role": role,
            "first_name": "Test", "last_name": role, "phone": "+919876543210",
        })))
        .await;
        assert_eq!(status, StatusCode::CREATED, "register {role}: {body}");
        let line = server.mail_line(email, "/verify-email?token=").await;
        let token = line.split("token=").nth(1).expect("token").trim().to_owned();
        let (status, body) =
            send(http.post(server.url("/api/v1/auth/verify-email")).json(&json!({ "token": token }))).await;
        assert_eq!(status, StatusCode::OK, "verify {role}: {body}");
        Person::log_in(server, email).await
    }

    async fn log_in(server: &Server, email: &str) -> Person {
        let http = reqwest::Client::new();
        let (status, body) = send(
            http.post(server.url("/api/v1/auth/login"))
                .json(&json!({ "email": email, "password": PASSWORD })),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "login: {body}");
        let token = body["access_token"].as_str().expect("access token").to_owned();
        Person { http, token, email: email.to_owned() }
    }

    async fn get(&self, server: &Server, path: &str) -> (StatusCode, Value) {
        send(self.http.get(server.url(path)).bearer_auth(&self.token)).await
    }

    async fn post(&self, server: &Server, path: &str, body: Value) -> (StatusCode, Value) {
        send(self.http.post(server.url(path)).bearer_auth(&self.token).json(&body)).await
    }

    async fn put(&self, server: &Server, path: &str, body: Value) -> (StatusCode, Value) {
        send(self.http.put(server.url(path)).bearer_auth(&self.token).json(&body)).await
    }
}
