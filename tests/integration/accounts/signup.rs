//! Sign-up: the happy path, field errors, duplicates, roles and profiles.

use axum::http::StatusCode;
use mockomi::store::entity::{interviewer_profiles, seeker_profiles, users};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::{GOOD_PASSWORD, field_codes, login, register, verification_token};
use crate::harness::TestApp;

#[tokio::test]
async fn register_verify_login_and_me() {
    let app = TestApp::spawn().await;

    let created = register(&app, "job_seeker", "  Asha.Rao@Example.COM ").await;
    created.assert_status(StatusCode::CREATED);
    let user = &created.json()["user"];
    assert_eq!(user["email"], "asha.rao@example.com");
    assert_eq!(user["role"], "job_seeker");
    assert_eq!(user["first_name"], "Asha");
    assert_eq!(user["email_verified"], false);

    let token = verification_token(&app, "asha.rao@example.com").await;
    let logged_in = login(&app, "asha.rao@example.com", GOOD_PASSWORD).await;
    logged_in.assert_status(StatusCode::OK);
    let access = logged_in.json()["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(logged_in.json()["token_type"], "Bearer");
    assert_eq!(logged_in.json()["expires_in"], 900);
    assert_eq!(logged_in.json()["user"]["email_verified"], false);

    let me = app.get("/api/v1/auth/me").bearer(&access).send().await;
    me.assert_status(StatusCode::OK);
    assert_eq!(me.json()["email_verified"], false);
    assert_eq!(me.json()["phone"], "+919876543210");

    app.post("/api/v1/auth/verify-email")
        .json(&json!({ "token": token }))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let me = app.get("/api/v1/auth/me").bearer(&access).send().await;
    assert_eq!(me.json()["email_verified"], true);
    assert!(
        me.json()["created_at"]
            .as_str()
            .is_some_and(|t| t.contains('T'))
    );
}

#[tokio::test]
async fn each_role_starts_with_its_profile_row() {
    let app = TestApp::spawn().await;
    let seeker = register(&app, "job_seeker", "seeker@example.com")
        .await
        .json();
    let interviewer = register(&app, "interviewer", "ivr@example.com")
        .await
        .json();
    let id = |v: &serde_json::Value| {
        uuid::Uuid::parse_str(v["user"]["id"].as_str().expect("id")).expect("uuid")
    };
    let conn = app.state.db.conn();
    let profile = seeker_profiles::Entity::find_by_id(id(&seeker))
        .one(conn)
        .await
        .expect("query")
        .expect("seeker profile");
    assert_eq!(
        (profile.skills.as_str(), profile.open_to_work),
        ("[]", true)
    );
    let profile = interviewer_profiles::Entity::find_by_id(id(&interviewer))
        .one(conn)
        .await
        .expect("query")
        .expect("interviewer profile");
    assert_eq!(profile.approval_status, "pending");
    assert_eq!(profile.timezone, "Asia/Kolkata");
}

#[tokio::test]
async fn weak_passwords_get_field_codes() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            "abc",
            vec![
                "too_short",
                "missing_upper",
                "missing_digit",
                "missing_special",
            ],
        ),
        ("P@ssw0rd", vec!["common_password"]),
        ("Meera.K#2026", vec!["contains_email"]),
    ];
    for (password, expected) in cases {
        let response = app
            .post("/api/v1/auth/register")
            .json(&json!({
                "email": "meera.k@example.com", "password": password, "role": "job_seeker",
                "first_name": "Meera", "last_name": "K",
            }))
            .send()
            .await;
        response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.code(), "validation_failed");
        assert_eq!(
            field_codes(&response.json(), "password"),
            expected,
            "{password}"
        );
    }
    assert!(app.outbox().is_empty());
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once() {
    let app = TestApp::spawn().await;
    let response = app
        .post("/api/v1/auth/register")
        .json(&json!({
            "email": "not-an-email", "password": GOOD_PASSWORD, "role": "admin",
            "first_name": " ", "last_name": "x".repeat(51), "phone": "12ab",
        }))
        .send()
        .await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.json();
    assert_eq!(field_codes(&body, "email"), ["invalid"]);
    assert_eq!(field_codes(&body, "role"), ["not_allowed"]);
    assert_eq!(field_codes(&body, "first_name"), ["required"]);
    assert_eq!(field_codes(&body, "last_name"), ["too_long"]);
    assert_eq!(field_codes(&body, "phone"), ["invalid"]);
}

#[tokio::test]
async fn a_registered_email_is_409_whatever_its_case() {
    let app = TestApp::spawn().await;
    register(&app, "job_seeker", "dup@example.com")
        .await
        .assert_status(StatusCode::CREATED);
    let again = register(&app, "interviewer", "DUP@example.com").await;
    again.assert_status(StatusCode::CONFLICT);
    assert_eq!(again.code(), "email_taken");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_sign_ups_with_one_email_create_one_account() {
    let app = TestApp::spawn().await;
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            let request = axum::http::Request::post("/api/v1/auth/register")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(
                    json!({
                        "email": "race@example.com", "password": GOOD_PASSWORD,
                        "role": "job_seeker", "first_name": "R", "last_name": "C",
                    })
                    .to_string(),
                ))
                .expect("request");
            tower::ServiceExt::oneshot(router, request)
                .await
                .expect("response")
                .status()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    statuses.sort();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        3
    );
    let count = users::Entity::find()
        .filter(users::Column::Email.eq("race@example.com"))
        .all(app.state.db.conn())
        .await
        .expect("query")
        .len();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn employers_must_use_a_work_address() {
    let app = TestApp::spawn().await;
    let refused = register(&app, "employer", "boss@gmail.com").await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_codes(&refused.json(), "email"),
        ["public_email_domain"]
    );
    register(&app, "employer", "boss@acme.in")
        .await
        .assert_status(StatusCode::CREATED);
    register(&app, "job_seeker", "seeker@gmail.com")
        .await
        .assert_status(StatusCode::CREATED);
}

/// No marketplace endpoint exists in this branch yet; the jobs and interviews
/// areas assert the 403 `email_not_verified`. Here: the flag the guard reads.
#[tokio::test]
async fn an_unverified_seeker_is_reported_unverified() {
    let app = TestApp::spawn().await;
    register(&app, "job_seeker", "unverified@example.com").await;
    let response = login(&app, "unverified@example.com", GOOD_PASSWORD).await;
    let access = response.json()["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let me = app.get("/api/v1/auth/me").bearer(&access).send().await;
    assert_eq!(me.json()["email_verified"], false);
}
