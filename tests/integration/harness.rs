//! The test harness: a full application on an isolated real database, driven
//! through the router without a socket, plus helpers that create users by role.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use argon2::PasswordHasher;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use mockomi::adapters::clock::ShiftedClock;
use mockomi::config::Config;
use mockomi::domain::{Role, UserId};
use mockomi::state::AppState;
use mockomi::store::entity::users;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt;

/// The password every harness-made user has.
pub const PASSWORD: &str = "Str0ng!Passw0rd";

/// A running application on its own database.
pub struct TestApp {
    pub state: AppState,
    pub router: Router,
    pub clock: Arc<ShiftedClock>,
    pub dir: TempDir,
    /// The PostgreSQL database made for this test, if any.
    pub database_url: String,
}

impl TestApp {
    /// A fresh application with an empty, migrated database.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(&[]).await
    }

    /// A fresh application with extra configuration variables.
    pub async fn spawn_with(extra: &[(&str, &str)]) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = fresh_database_url(&dir).await;
        let mut vars: HashMap<String, String> = HashMap::from([
            ("DATABASE_URL".into(), database_url.clone()),
            (
                "MOCKOMI_DATA_DIR".into(),
                dir.path().to_string_lossy().into_owned(),
            ),
            ("MOCKOMI_SECRET_KEY".into(), "5e".repeat(32)),
            ("MOCKOMI_RUN_WORKER".into(), "false".into()),
            ("MOCKOMI_PUBLIC_URL".into(), "http://mockomi.test".into()),
            ("DATABASE_MAX_CONNECTIONS".into(), "8".into()),
        ]);
        for (key, value) in extra {
            vars.insert((*key).into(), (*value).into());
        }
        let config = Config::from_lookup(|var| vars.get(var).cloned()).expect("test config");
        let clock = Arc::new(ShiftedClock::default());
        let state = mockomi::server::build_state_with_clock(config, clock.clone())
            .await
            .expect("application state");
        let router = mockomi::web::router(state.clone());
        TestApp {
            state,
            router,
            clock,
            dir,
            database_url,
        }
    }

    /// Starts a request to `path`.
    pub fn request(&self, method: Method, path: &str) -> TestRequest<'_> {
        TestRequest {
            app: self,
            builder: Request::builder().method(method).uri(path),
            body: Body::empty(),
        }
    }

    pub fn get(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::POST, path)
    }

    pub fn put(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::PUT, path)
    }

    pub fn patch(&self, path: &str) -> TestRequest<'_> {
        self.request(Method::PATCH, path)
    }

    /// Runs every due background job now (the worker is off in tests).
    pub async fn run_jobs(&self) -> usize {
        mockomi::jobs::worker::drain(&self.state)
            .await
            .expect("job queue")
    }

    /// Every e-mail written to the outbox so far, as raw text.
    pub fn outbox(&self) -> Vec<String> {
        let dir: PathBuf = self.state.config.outbox_dir.clone();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }

    /// Creates an active user with a verified e-mail and returns it with an access token.
    pub async fn user(&self, role: Role) -> TestUser {
        self.user_with(role, true).await
    }

    /// Creates an active user, verified or not, and returns it with an access token.
    pub async fn user_with(&self, role: Role, verified: bool) -> TestUser {
        let id = UserId::new();
        let email = format!("{}-{}@example.com", role.as_str(), id.0.simple());
        let now = mockomi::adapters::clock::Clock::now(self.state.clock.as_ref());
        let hash = argon2::Argon2::default()
            .hash_password(PASSWORD.as_bytes())
            .expect("hash")
            .to_string();
        let row = users::ActiveModel {
            id: Set(id.0),
            email: Set(email.clone()),
            password_hash: Set(hash),
            role: Set(role.as_str().into()),
            status: Set("active".into()),
            first_name: Set("Test".into()),
            last_name: Set(role.label().into()),
            phone: Set(None),
            email_verified_at: Set(verified.then_some(now)),
            failed_logins: Set(0),
            locked_until: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        };
        // Through a write transaction like every write, so SQLite writers queue.
        let tx = self.state.db.begin().await.expect("tx");
        users::Entity::insert(row)
            .exec_without_returning(&tx)
            .await
            .expect("insert user");
        let tokens = mockomi::app::sessions::open_api_session(&self.state, &tx, id)
            .await
            .expect("session");
        tx.commit().await.expect("commit");
        TestUser {
            id,
            email,
            role,
            token: tokens.access_token,
            refresh_token: tokens.refresh_token,
        }
    }
}

impl TestApp {
    /// A verified job seeker whose profile is complete, so they may apply and book.
    pub async fn seeker(&self) -> TestUser {
        let seeker = self.user(Role::JobSeeker).await;
        let profile = serde_json::json!({
            "headline": "Backend developer", "phone": "+919876543210", "open_to_work": true,
            "skills": [{"name": "Rust", "level": "intermediate", "years": 2}],
            "education": [{"institution": "Anna University", "degree": "B.E.",
                           "field": "Computer Science", "start_year": 2016, "end_year": 2020}],
        });
        let saved = self
            .put("/api/v1/me/profile")
            .auth(&seeker)
            .json(&profile)
            .send()
            .await;
        saved.assert_status(StatusCode::OK);
        assert_eq!(
            saved.json()["complete"],
            true,
            "harness profile is complete"
        );
        seeker
    }

    /// Opens a browser session for `user` and returns the session cookie's value.
    pub async fn web_session(&self, user: &TestUser) -> String {
        let tx = self.state.db.begin().await.expect("tx");
        let session = mockomi::app::sessions::open_web_session(&self.state, &tx, user.id)
            .await
            .expect("web session");
        tx.commit().await.expect("commit");
        session
    }
}

/// A user made by the harness.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub id: UserId,
    pub email: String,
    pub role: Role,
    pub token: String,
    pub refresh_token: String,
}

/// A request being built.
pub struct TestRequest<'a> {
    app: &'a TestApp,
    builder: axum::http::request::Builder,
    body: Body,
}

impl<'a> TestRequest<'a> {
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.builder = self.builder.header(
            HeaderName::from_bytes(name.as_bytes()).expect("header name"),
            HeaderValue::from_str(value).expect("header value"),
        );
        self
    }

    /// Authenticates as `user` with its access token.
    pub fn auth(self, user: &TestUser) -> Self {
        let token = user.token.clone();
        self.bearer(&token)
    }

    pub fn bearer(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }

    pub fn json(mut self, value: &Value) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/json");
        self.body = Body::from(value.to_string());
        self
    }

    pub fn form(mut self, pairs: &[(&str, &str)]) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.body = Body::from(serde_urlencoded::to_string(pairs).expect("form"));
        self
    }

    pub fn raw(mut self, content_type: &str, body: impl Into<Body>) -> Self {
        self.builder = self.builder.header(header::CONTENT_TYPE, content_type);
        self.body = body.into();
        self
    }

    pub async fn send(self) -> TestResponse {
        let request = self.builder.body(self.body).expect("request");
        let response = self
            .app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }
}

/// A finished response.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The stable error code of a problem response.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn assert_status(&self, expected: StatusCode) -> &Self {
        assert_eq!(
            self.status,
            expected,
            "unexpected status; body: {}",
            self.text()
        );
        self
    }

    /// Values of `Set-Cookie` headers.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }
}

/// A database URL no other test uses: a SQLite file in `dir`, or a new PostgreSQL
/// database when `TEST_DATABASE_URL` names a server to create it on.
async fn fresh_database_url(dir: &TempDir) -> String {
    if std::env::var("TEST_DATABASE_URL").is_err() {
        return format!("sqlite://{}", dir.path().join("test.db").to_string_lossy());
    }
    fresh_postgres_url().await
}

/// Creates a new, empty PostgreSQL database on the `TEST_DATABASE_URL` server.
pub async fn fresh_postgres_url() -> String {
    use sea_orm::ConnectionTrait;
    let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
    let name = format!("mockomi_t_{}", uuid::Uuid::now_v7().simple());
    let admin = mockomi::store::Db::connect(&admin_url, 1)
        .await
        .expect("TEST_DATABASE_URL reachable");
    admin
        .conn()
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let (base, _) = admin_url.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{name}")
}

/// The harness itself works: a fresh app answers its health probes.
#[tokio::test]
async fn a_fresh_app_is_live_and_ready() {
    let app = TestApp::spawn().await;
    app.get("/health/live")
        .send()
        .await
        .assert_status(StatusCode::OK);
    let ready = app.get("/health/ready").send().await;
    ready.assert_status(StatusCode::OK);
    assert_eq!(ready.json()["database"], "ok");
}

/// Unknown paths and bad bodies are problems with request ids, never bare errors.
#[tokio::test]
async fn errors_are_problem_json_with_a_request_id() {
    let app = TestApp::spawn().await;
    let missing = app.get("/api/v1/no-such-thing").send().await;
    missing.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        missing.headers[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let body = missing.json();
    assert_eq!(body["code"], "not_found");
    assert!(body["request_id"].as_str().is_some_and(|id| !id.is_empty()));
    assert_eq!(
        missing.headers["x-request-id"].to_str().ok(),
        body["request_id"].as_str()
    );
}

/// Browsers asking for an unknown page get an HTML page, not JSON.
#[tokio::test]
async fn browsers_get_an_html_not_found_page() {
    let app = TestApp::spawn().await;
    let missing = app
        .get("/no-such-page")
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await;
    missing.assert_status(StatusCode::NOT_FOUND);
    assert!(
        missing.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    assert!(missing.text().contains("No such page."));
}
