//! Verification links: the e-mail that carries them, single use, expiry,
//! signatures, and resending.

use axum::http::StatusCode;
use mockomi::store::entity::users;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use time::Duration;

use super::{GOOD_PASSWORD, login, register, verification_token, verification_tokens};
use crate::harness::{TestApp, TestResponse};

#[tokio::test]
async fn the_verification_mail_carries_the_link_verbatim() {
    let app = TestApp::spawn().await;
    register(&app, "employer", "hr@acme.in").await;
    app.run_jobs().await;
    let mails = app.outbox();
    assert_eq!(mails.len(), 1);
    let link_line = mails[0]
        .lines()
        .find(|line| line.contains("/verify-email?token="))
        .expect("link on one line");
    assert!(link_line.starts_with("http://mockomi.test/verify-email?token="));
    assert!(
        !mails[0].contains("=3D"),
        "quoted-printable would mangle the link"
    );
}

async fn verify(app: &TestApp, token: &str) -> TestResponse {
    app.post("/api/v1/auth/verify-email")
        .json(&json!({ "token": token }))
        .send()
        .await
}

#[tokio::test]
async fn a_verification_link_works_once() {
    let app = TestApp::spawn().await;
    register(&app, "job_seeker", "once@example.com").await;
    let token = verification_token(&app, "once@example.com").await;
    verify(&app, &token).await.assert_status(StatusCode::OK);
    let again = verify(&app, &token).await;
    again.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(again.code(), "token_used");
}

#[tokio::test]
async fn an_expired_link_is_refused() {
    let app = TestApp::spawn().await;
    register(&app, "job_seeker", "late@example.com").await;
    let token = verification_token(&app, "late@example.com").await;
    app.clock.advance(Duration::hours(25));
    let response = verify(&app, &token).await;
    response.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(response.code(), "token_expired");
    let row = users::Entity::find()
        .filter(users::Column::Email.eq("late@example.com"))
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("user");
    assert!(row.email_verified_at.is_none());
}

#[tokio::test]
async fn a_tampered_link_is_refused() {
    let app = TestApp::spawn().await;
    register(&app, "job_seeker", "tamper@example.com").await;
    let token = verification_token(&app, "tamper@example.com").await;
    let (head, signature) = token.rsplit_once('.').expect("signed token");
    let flipped = if signature.starts_with('0') { "1" } else { "0" };
    let tampered = format!("{head}.{flipped}{}", &signature[1..]);
    // Pushing the expiry forward breaks the signature too.
    let mut parts = token.split('.');
    let (id, expires) = (parts.next().expect("id"), parts.next().expect("exp"));
    let extended = format!(
        "{id}.{}.{}",
        expires.parse::<i64>().expect("unix") + 86_400,
        signature
    );
    for bad in [tampered.as_str(), extended.as_str(), "garbage", ""] {
        let response = verify(&app, bad).await;
        response.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(response.code(), "invalid_token", "{bad}");
    }
    verify(&app, &token).await.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn resending_sends_a_new_working_link() {
    let app = TestApp::spawn().await;
    register(&app, "job_seeker", "resend@example.com").await;
    let first = verification_token(&app, "resend@example.com").await;
    let access = login(&app, "resend@example.com", GOOD_PASSWORD)
        .await
        .json()["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    app.post("/api/v1/auth/resend-verification")
        .bearer(&access)
        .send()
        .await
        .assert_status(StatusCode::ACCEPTED);
    let tokens = verification_tokens(&app, "resend@example.com").await;
    assert_eq!(tokens.len(), 2);
    let second = tokens
        .into_iter()
        .find(|t| *t != first)
        .expect("a new link");
    verify(&app, &second).await.assert_status(StatusCode::OK);
    let done = app
        .post("/api/v1/auth/resend-verification")
        .bearer(&access)
        .send()
        .await;
    done.assert_status(StatusCode::CONFLICT);
    assert_eq!(done.code(), "already_verified");
    app.post("/api/v1/auth/resend-verification")
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}
