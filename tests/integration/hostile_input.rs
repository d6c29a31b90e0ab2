//! Input a client should never send: NUL characters and oversized bodies are
//! refused with problems before they reach a handler or the database.

use axum::http::StatusCode;
use mockomi::domain::Role;
use mockomi::store::entity::users;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::harness::{PASSWORD, TestApp};

async fn user_count(app: &TestApp) -> u64 {
    users::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count users")
}

#[tokio::test]
async fn nul_characters_are_refused_everywhere() {
    let app = TestApp::spawn().await;
    let before = user_count(&app).await;

    let signup = app
        .post("/api/v1/auth/register")
        .json(&json!({
            "email": "nul@example.com", "password": "Str0ng!Passw0rd#", "role": "job_seeker",
            "first_name": "A\u{0}b", "last_name": "K",
        }))
        .send()
        .await;
    signup.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(signup.code(), "nul_character");
    assert_eq!(user_count(&app).await, before, "nothing was written");

    for path in [
        "/api/v1/jobs?q=a%00b",
        "/jobs?location=x%00",
        "/api/v1/jobs/%00",
    ] {
        let search = app.get(path).send().await;
        search.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(search.code(), "nul_character", "{path}");
    }

    let seeker = app.user(Role::JobSeeker).await;
    let form = app
        .post("/login")
        .form(&[("email", &seeker.email), ("password", "a\u{0}")])
        .send()
        .await;
    form.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(form.code(), "nul_character");
}

#[tokio::test]
async fn an_escaped_backslash_before_u0000_is_plain_text() {
    let app = TestApp::spawn().await;
    let signup = app
        .post("/api/v1/auth/register")
        .json(&json!({
            "email": "slash@example.com", "password": PASSWORD, "role": "job_seeker",
            "first_name": "A\\u0000b", "last_name": "K",
        }))
        .send()
        .await;
    assert_ne!(signup.status, StatusCode::BAD_REQUEST, "{}", signup.text());
}

#[tokio::test]
async fn an_oversized_body_is_a_problem() {
    let app = TestApp::spawn().await;
    let huge = format!(r#"{{"email":"{}"}}"#, "a".repeat(2 * 1024 * 1024));
    let response = app
        .post("/api/v1/auth/login")
        .header("content-length", &huge.len().to_string())
        .raw("application/json", huge)
        .send()
        .await;
    response.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.code(), "payload_too_large");
}

#[tokio::test]
async fn a_wrong_role_is_told_which_account_it_needs() {
    let app = TestApp::spawn().await;
    let seeker = app.user(Role::JobSeeker).await;
    let employer = app.user(Role::Employer).await;
    for (user, path, wording) in [
        (
            &seeker,
            "/api/v1/company",
            "This needs an employer account.",
        ),
        (
            &employer,
            "/api/v1/me/profile",
            "This needs a job seeker account.",
        ),
    ] {
        let response = app.get(path).auth(user).send().await;
        response.assert_status(StatusCode::FORBIDDEN);
        assert_eq!(response.json()["detail"], wording, "{path}");
    }
}

/// Invisible control and text-direction characters are refused with a field error.
#[tokio::test]
async fn hidden_characters_in_names_are_refused() {
    let app = TestApp::spawn().await;
    for name in ["Asha\u{7}", "Ravi\u{202E}gnp"] {
        let response = app
            .post("/api/v1/auth/register")
            .json(&serde_json::json!({
                "email": "hidden@example.com", "password": "Str0ng!Passw0rd-x", "role": "job_seeker",
                "first_name": name, "last_name": "Iyer",
            }))
            .send()
            .await;
        response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            response.text().contains("invalid_characters"),
            "{}",
            response.text()
        );
    }
}

/// Anyone can post to the checkout callback, so its failure page never repeats posted text.
#[tokio::test]
async fn the_payment_failure_page_does_not_repeat_posted_text() {
    let app = TestApp::spawn().await;
    let id = uuid::Uuid::now_v7();
    let response = app
        .post(&format!("/interviews/{id}/payment/callback"))
        .form(&[
            ("error[code]", "BAD_REQUEST_ERROR"),
            ("error[description]", "Call 99999 for a refund"),
        ])
        .send()
        .await;
    response.assert_status(StatusCode::OK);
    let page = response.text();
    assert!(page.contains("did not go through"));
    assert!(!page.contains("Call 99999"), "posted text shown: {page}");
}

/// A browser whose form fails (here: no CSRF token) sees an error page, not JSON.
#[tokio::test]
async fn browsers_see_refused_forms_as_pages() {
    let app = TestApp::spawn().await;
    let response = app
        .post("/logout")
        .header("accept", "text/html,application/xhtml+xml")
        .form(&[("csrf_token", "forged")])
        .send()
        .await;
    response.assert_status(StatusCode::FORBIDDEN);
    let content_type = response.headers["content-type"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(
        response.text().contains("Reload the page"),
        "{}",
        response.text()
    );
}
