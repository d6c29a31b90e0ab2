//! `mockomi admin create`, run as the real binary against the test's database.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use axum::http::StatusCode;

use super::login;
use crate::harness::TestApp;

fn admin_create(app: &TestApp, email: &str, password_env: Option<&str>, stdin: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mockomi"));
    command
        .args([
            "admin",
            "create",
            "--email",
            email,
            "--first-name",
            "Root",
            "--last-name",
            "Admin",
        ])
        .env("DATABASE_URL", &app.database_url)
        .env("MOCKOMI_DATA_DIR", app.dir.path())
        .env("MOCKOMI_SECRET_KEY", "5e".repeat(32))
        .env("MOCKOMI_ENV", "development")
        .env_remove("MOCKOMI_ADMIN_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(password) = password_env {
        command.env("MOCKOMI_ADMIN_PASSWORD", password);
    }
    let mut child = command.spawn().expect("run mockomi");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

#[tokio::test]
async fn admin_create_makes_an_admin_who_can_log_in() {
    let app = TestApp::spawn().await;
    let made = admin_create(&app, "root@mockomi.in", Some("Adm1n#Mockomi-Ops"), "");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    let response = login(&app, "root@mockomi.in", "Adm1n#Mockomi-Ops").await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.json()["user"]["role"], "admin");
    assert_eq!(response.json()["user"]["email_verified"], true);

    let again = admin_create(&app, "ROOT@mockomi.in", Some("Adm1n#Mockomi-Ops"), "");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[tokio::test]
async fn admin_create_reads_stdin_and_applies_the_policy() {
    let app = TestApp::spawn().await;
    let weak = admin_create(&app, "platform@mockomi.in", None, "password\n");
    assert!(!weak.status.success());
    let message = String::from_utf8_lossy(&weak.stderr);
    assert!(message.contains("common_password"), "{message}");

    let made = admin_create(&app, "platform@mockomi.in", None, "Adm1n#Mockomi-Ops\n");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    login(&app, "platform@mockomi.in", "Adm1n#Mockomi-Ops")
        .await
        .assert_status(StatusCode::OK);
}
