//! Login failures, lockout and suspension.

use axum::http::StatusCode;
use mockomi::domain::Role;
use mockomi::store::entity::users;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use time::Duration;

use super::login;
use crate::harness::{PASSWORD, TestApp};

async fn failed_logins(app: &TestApp, email: &str) -> i32 {
    users::Entity::find()
        .filter(users::Column::Email.eq(email))
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("user")
        .failed_logins
}

#[tokio::test]
async fn unknown_email_and_wrong_password_look_the_same() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let unknown = login(&app, "nobody@example.com", PASSWORD).await;
    let wrong = login(&app, &user.email, "Wrong$Pass99").await;
    let malformed = login(&app, "not an email", PASSWORD).await;
    for response in [&unknown, &wrong, &malformed] {
        response.assert_status(StatusCode::UNAUTHORIZED);
        assert_eq!(response.code(), "invalid_credentials");
        assert_eq!(response.json()["detail"], unknown.json()["detail"]);
    }
}

#[tokio::test]
async fn five_failures_lock_until_the_lock_ends_and_then_the_count_restarts() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    for attempt in 1..=4 {
        let response = login(&app, &user.email, "Wrong$Pass99").await;
        assert_eq!(response.code(), "invalid_credentials", "attempt {attempt}");
    }
    let fifth = login(&app, &user.email, "Wrong$Pass99").await;
    fifth.assert_status(StatusCode::LOCKED);
    assert_eq!(fifth.code(), "account_locked");

    let right_but_locked = login(&app, &user.email, PASSWORD).await;
    right_but_locked.assert_status(StatusCode::LOCKED);
    assert_eq!(right_but_locked.code(), "account_locked");

    app.clock.advance(Duration::minutes(31));
    // The earlier system kept the count after a lock: one slip re-locked the account.
    let slip = login(&app, &user.email, "Wrong$Pass99").await;
    slip.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(failed_logins(&app, &user.email).await, 1);
    login(&app, &user.email, PASSWORD)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(failed_logins(&app, &user.email).await, 0);
}

#[tokio::test]
async fn a_lock_ends_and_the_right_password_then_works() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::Employer).await;
    for _ in 0..5 {
        login(&app, &user.email, "Wrong$Pass99").await;
    }
    app.clock.advance(Duration::minutes(31));
    login(&app, &user.email, PASSWORD)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(failed_logins(&app, &user.email).await, 0);
    login(&app, &user.email, "Wrong$Pass99")
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    login(&app, &user.email, PASSWORD)
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_success_resets_the_run_of_failures() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::Interviewer).await;
    for _ in 0..4 {
        login(&app, &user.email, "Wrong$Pass99").await;
    }
    login(&app, &user.email, PASSWORD)
        .await
        .assert_status(StatusCode::OK);
    for _ in 0..4 {
        login(&app, &user.email, "Wrong$Pass99")
            .await
            .assert_status(StatusCode::UNAUTHORIZED);
    }
    login(&app, &user.email, PASSWORD)
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_failures_are_all_counted() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let state = app.state.clone();
        let email = user.email.clone();
        tasks.push(tokio::spawn(async move {
            mockomi::app::accounts::login_api(&state, &email, "Wrong$Pass99")
                .await
                .is_err()
        }));
    }
    for task in tasks {
        assert!(task.await.expect("task"));
    }
    assert_eq!(failed_logins(&app, &user.email).await, 4);
}

#[tokio::test]
async fn a_suspended_user_is_locked_out_at_once() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    app.get("/api/v1/auth/me")
        .auth(&user)
        .send()
        .await
        .assert_status(StatusCode::OK);
    users::Entity::update_many()
        .col_expr(users::Column::Status, Expr::value("suspended"))
        .filter(users::Column::Id.eq(user.id.0))
        .exec(app.state.db.conn())
        .await
        .expect("suspend");

    let me = app.get("/api/v1/auth/me").auth(&user).send().await;
    me.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(me.code(), "account_suspended");
    // Only the right password learns about the suspension.
    let wrong = login(&app, &user.email, "Wrong$Pass99").await;
    assert_eq!(wrong.code(), "invalid_credentials");
    let right = login(&app, &user.email, PASSWORD).await;
    right.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(right.code(), "account_suspended");
}

/// Lockouts must not reveal which addresses are registered: an unknown address
/// locks after the same number of failures, with the same answer, and unlocks the same way.
#[tokio::test]
async fn an_unknown_address_locks_like_a_registered_one() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let ghost = "ghost@example.com";
    for attempt in 1..=4 {
        let known = login(&app, &user.email, "Wrong$Pass99").await;
        let unknown = login(&app, ghost, "Wrong$Pass99").await;
        assert_eq!(known.code(), "invalid_credentials", "attempt {attempt}");
        assert_eq!(unknown.code(), "invalid_credentials", "attempt {attempt}");
    }
    let known = login(&app, &user.email, "Wrong$Pass99").await;
    let unknown = login(&app, ghost, "Wrong$Pass99").await;
    for response in [&known, &unknown] {
        response.assert_status(StatusCode::LOCKED);
        assert_eq!(response.code(), "account_locked");
    }
    assert_eq!(known.json()["detail"], unknown.json()["detail"]);
    login(&app, "GHOST@example.com", "Wrong$Pass99")
        .await
        .assert_status(StatusCode::LOCKED);

    app.clock.advance(Duration::minutes(31));
    let after = login(&app, ghost, "Wrong$Pass99").await;
    after.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(after.code(), "invalid_credentials");
}
