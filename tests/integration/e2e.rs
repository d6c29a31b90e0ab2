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
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
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
        let server = Server {
            child,
            outbox: dir.path().join("outbox"),
            base,
            _dir: dir,
            database_url,
        };
        server.wait_ready().await;
        server
    }

    fn env(dir: &Path, database_url: &str, base: &str, port: u16) -> Vec<(String, String)> {
        vec![
            ("DATABASE_URL".into(), database_url.into()),
            (
                "MOCKOMI_DATA_DIR".into(),
                dir.to_string_lossy().into_owned(),
            ),
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
            .args([
                "admin",
                "create",
                "--email",
                email,
                "--first-name",
                "Asha",
                "--last-name",
                "Rao",
            ])
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
            for entry in std::fs::read_dir(&self.outbox)
                .into_iter()
                .flatten()
                .flatten()
            {
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
}

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request");
    let status = response.status();
    let text = response.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
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
        let token = line
            .split("token=")
            .nth(1)
            .expect("token")
            .trim()
            .to_owned();
        let (status, body) = send(
            http.post(server.url("/api/v1/auth/verify-email"))
                .json(&json!({ "token": token })),
        )
        .await;
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
        let token = body["access_token"]
            .as_str()
            .expect("access token")
            .to_owned();
        Person { http, token }
    }

    async fn get(&self, server: &Server, path: &str) -> (StatusCode, Value) {
        send(self.http.get(server.url(path)).bearer_auth(&self.token)).await
    }

    async fn post(&self, server: &Server, path: &str, body: Value) -> (StatusCode, Value) {
        send(
            self.http
                .post(server.url(path))
                .bearer_auth(&self.token)
                .json(&body),
        )
        .await
    }

    async fn put(&self, server: &Server, path: &str, body: Value) -> (StatusCode, Value) {
        send(
            self.http
                .put(server.url(path))
                .bearer_auth(&self.token)
                .json(&body),
        )
        .await
    }
}

/// Pulls `name="<field>" value="<value>"` out of an HTML form.
fn form_value(html: &str, field: &str) -> Option<String> {
    let marker = format!("name=\"{field}\"");
    let at = html.find(&marker)?;
    let rest = &html[at..];
    let value_at = rest.find("value=\"")? + "value=\"".len();
    let end = rest[value_at..].find('"')?;
    Some(rest[value_at..value_at + end].replace("&amp;", "&"))
}

/// The `action` of the first form in `html`.
fn form_action(html: &str) -> Option<String> {
    let at = html.find("action=\"")? + "action=\"".len();
    let end = html[at..].find('"')?;
    Some(html[at..at + end].replace("&amp;", "&"))
}

/// Pays an order on the sandbox checkout page as a browser would, then posts the
/// checkout result to our callback exactly as Razorpay Checkout's form does.
async fn pay_on_sandbox_checkout(server: &Server, checkout_url: &str) {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = browser
        .get(checkout_url)
        .send()
        .await
        .expect("checkout page");
    assert_eq!(page.status(), StatusCode::OK);
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    let html = page.text().await.expect("html");
    let csrf = form_value(&html, "csrf_token").expect("csrf token on checkout page");
    let callback_url = form_value(&html, "callback_url").expect("callback url on checkout page");
    let action = form_action(&html).expect("pay form");
    let action = if action.starts_with('/') {
        server.url(&action)
    } else {
        action
    };
    let paid = browser
        .post(action)
        .header("cookie", cookie)
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("callback_url", callback_url.as_str()),
            ("outcome", "success"),
        ])
        .send()
        .await
        .expect("pay");
    assert_eq!(paid.status(), StatusCode::OK, "pay answered");
    let callback_form = paid.text().await.expect("callback form");
    let callback = form_action(&callback_form).expect("callback form action");
    let fields: Vec<(String, String)> = [
        "razorpay_order_id",
        "razorpay_payment_id",
        "razorpay_signature",
    ]
    .iter()
    .map(|f| {
        (
            f.to_string(),
            form_value(&callback_form, f).unwrap_or_else(|| panic!("{f} missing")),
        )
    })
    .collect();
    let done = browser
        .post(callback)
        .form(&fields)
        .send()
        .await
        .expect("callback");
    assert!(
        done.status().is_redirection() || done.status().is_success(),
        "callback: {}",
        done.status()
    );
}

/// Polls `path` as `person` until `check` holds.
async fn eventually(
    server: &Server,
    person: &Person,
    path: &str,
    check: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = person.get(server, path).await;
        if status == StatusCode::OK && check(&body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting on {path}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_journey_over_http_against_the_real_binary() {
    let server = Server::start().await;

    // An employer creates a company profile, a job, and publishes it.
    let employer = Person::sign_up(&server, "employer", "hiring@kaveri.example.in").await;
    let (status, body) = employer
        .put(
            &server,
            "/api/v1/company",
            json!({
                "name": "Kaveri Software", "email": "hiring@kaveri.example.in",
                "industry": "Software", "size_band": "11-50", "headquarters": "Bengaluru",
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "company: {body}");
    let (status, job) = employer
        .post(&server, "/api/v1/jobs", json!({
            "title": "Backend Engineer (Rust)",
            "description": "Build and run the payment services behind our marketplace, in Rust and PostgreSQL.",
            "skills": ["Rust", "PostgreSQL"], "experience_level": "mid", "employment_type": "full_time",
            "salary_min": 180_000_000_i64, "salary_max": 260_000_000_i64, "salary_negotiable": true,
            "salary_visible": true, "city": "Bengaluru", "country": "India", "remote": false,
            "hybrid": true, "openings": 2,
        }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "job: {job}");
    let job_id = job["id"].as_str().expect("job id").to_owned();
    let (status, body) = employer
        .post(
            &server,
            &format!("/api/v1/jobs/{job_id}/publish"),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "publish: {body}");

    // A job seeker fills a minimal profile, finds the job by a keyword and applies, once.
    let seeker = Person::sign_up(&server, "job_seeker", "asha.iyer@example.com").await;
    let (status, body) = seeker
        .put(&server, "/api/v1/me/profile", json!({
            "headline": "Backend developer", "location": "Chennai", "phone": "+919876543210",
            "skills": [{"name": "Rust", "level": "intermediate", "years": 2}],
            "education": [{"institution": "Anna University", "degree": "B.E.", "field": "Computer Science", "start_year": 2016, "end_year": 2020}],
            "open_to_work": true,
        }))
        .await;
    assert_eq!(status, StatusCode::OK, "profile: {body}");
    assert_eq!(body["complete"], true, "profile complete: {body}");
    let (status, found) = seeker.get(&server, "/api/v1/jobs?q=payment").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        found["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|j| j["id"] == job_id),
        "search: {found}"
    );
    let apply_path = format!("/api/v1/jobs/{job_id}/applications");
    let (status, application) = seeker
        .post(
            &server,
            &apply_path,
            json!({"cover_letter": "I have shipped Rust services."}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "apply: {application}");
    let (status, again) = seeker.post(&server, &apply_path, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["code"], "already_applied");

    // The employer sees the application and shortlists it; the seeker sees the new status.
    let (status, applicants) = employer.get(&server, &apply_path).await;
    assert_eq!(status, StatusCode::OK, "applicants: {applicants}");
    let application_id = application["id"]
        .as_str()
        .expect("application id")
        .to_owned();
    let (status, body) = employer
        .post(
            &server,
            &format!("/api/v1/applications/{application_id}/status"),
            json!({"status": "shortlisted"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "shortlist: {body}");
    let mine = eventually(&server, &seeker, "/api/v1/me/applications", |b| {
        b.to_string().contains("shortlisted")
    })
    .await;
    assert!(mine.to_string().contains(&application_id));

    // An interviewer registers; the admin (made with the CLI) approves them.
    let interviewer = Person::sign_up(&server, "interviewer", "vikram.singh@example.com").await;
    let (status, body) = interviewer
        .put(&server, "/api/v1/interviewer/profile", json!({
            "skills": ["rust ", "System Design"], "years_experience": 8, "current_title": "Staff Engineer",
            "current_company": "Zoho", "bio": "Interviews backend engineers.", "timezone": "Asia/Kolkata",
        }))
        .await;
    assert_eq!(status, StatusCode::OK, "interviewer profile: {body}");
    server.create_admin("ops@mockomi.example.in");
    let admin = Person::log_in(&server, "ops@mockomi.example.in").await;
    let interviewer_id = body["user_id"].as_str().map(str::to_owned);
    let (status, pending) = admin
        .get(&server, "/api/v1/admin/interviewers?status=pending")
        .await;
    assert_eq!(status, StatusCode::OK, "pending: {pending}");
    let interviewer_id = interviewer_id.unwrap_or_else(|| pending_id(&pending));
    let (status, body) = admin
        .post(
            &server,
            &format!("/api/v1/admin/interviewers/{interviewer_id}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "approve: {body}");

    // The seeker requests a mock interview and pays on the sandbox checkout; the signed
    // webhook makes the request open.
    let (status, booking) = send(
        seeker.http.post(server.url("/api/v1/interviews")).bearer_auth(&seeker.token)
            .header("Idempotency-Key", "journey-booking-1")
            .json(&json!({"skills": ["Rust"], "duration_minutes": 60, "notes": "Focus on async Rust."})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "request: {booking}");
    assert_eq!(
        booking["payment"]["amount"], 10_000,
        "priced at ₹100 by the server"
    );
    let interview_id = booking["interview"]["id"]
        .as_str()
        .expect("interview id")
        .to_owned();
    let checkout_url = booking["payment"]["checkout_url"]
        .as_str()
        .expect("checkout url")
        .to_owned();
    pay_on_sandbox_checkout(&server, &checkout_url).await;
    let interview_path = format!("/api/v1/interviews/{interview_id}");
    eventually(&server, &seeker, &interview_path, |b| b["status"] == "open").await;

    // The matching interviewer sees the request and claims it with a future start.
    let requests = eventually(&server, &interviewer, "/api/v1/interviewer/requests", |b| {
        b.to_string().contains(&interview_id)
    })
    .await;
    assert!(requests.to_string().contains(&interview_id));
    // The server runs in another process on the real clock, so the test reads it too.
    #[allow(clippy::disallowed_methods)]
    let start_at = time::OffsetDateTime::now_utc() + time::Duration::minutes(5);
    let start_at = start_at
        .format(&time::format_description::well_known::Rfc3339)
        .expect("format");
    let (status, body) = interviewer
        .post(
            &server,
            &format!("/api/v1/interviews/{interview_id}/claim"),
            json!({"start_at": start_at}),
        )
        .await;
    assert!(status.is_success(), "claim: {status} {body}");

    // The interviewer runs the interview and completes it with rubric feedback.
    let (status, body) = interviewer
        .post(
            &server,
            &format!("/api/v1/interviews/{interview_id}/start"),
            json!({}),
        )
        .await;
    assert!(status.is_success(), "start: {status} {body}");
    let (status, body) = interviewer
        .post(&server, &format!("/api/v1/interviews/{interview_id}/feedback"), json!({
            "technical": 4, "communication": 5, "problem_solving": 4, "overall": 4,
            "strengths": "Clear reasoning about ownership.", "areas_to_improve": "Explain trade-offs earlier.",
            "comments": "A strong session overall.", "recommendation": "yes", "public": true,
        }))
        .await;
    assert!(status.is_success(), "feedback: {status} {body}");

    // The seeker sees the feedback; the interviewer sees the earnings credit.
    let done = eventually(&server, &seeker, &interview_path, |b| {
        b["status"] == "completed"
    })
    .await;
    assert!(
        done.to_string().contains("A strong session overall."),
        "feedback visible: {done}"
    );
    let (status, earnings) = interviewer
        .get(&server, "/api/v1/interviewer/earnings")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(earnings["balance"], 8_000, "80 % of ₹100: {earnings}");
}

fn pending_id(pending: &Value) -> String {
    let items = pending.get("items").unwrap_or(pending);
    items
        .as_array()
        .and_then(|list| list.first())
        .and_then(|p| p["user_id"].as_str().or_else(|| p["id"].as_str()))
        .expect("a pending interviewer")
        .to_owned()
}
