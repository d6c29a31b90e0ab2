//! In-app notifications: each user sees only their own, newest first, with an unread count.

use axum::http::StatusCode;
use mockomi::app::notifications::{Notice, notify};
use mockomi::domain::Role;

use crate::harness::{TestApp, TestUser};

async fn tell(app: &TestApp, user: &TestUser, title: &str) {
    let tx = app.state.db.begin().await.expect("tx");
    let notice = Notice {
        kind: "application_status_changed",
        title: title.into(),
        body: "Your application moved on.".into(),
        link: Some("/me/applications".into()),
    };
    notify(&app.state, &tx, user.id, notice)
        .await
        .expect("notify");
    tx.commit().await.expect("commit");
}

#[tokio::test]
async fn users_read_and_mark_only_their_own_notifications() {
    let app = TestApp::spawn().await;
    let asha = app.user(Role::JobSeeker).await;
    let ravi = app.user(Role::JobSeeker).await;
    tell(&app, &asha, "First").await;
    tell(&app, &asha, "Second").await;

    let inbox = app.get("/api/v1/notifications").auth(&asha).send().await;
    inbox.assert_status(StatusCode::OK);
    let body = inbox.json();
    assert_eq!(body["unread"], 2);
    assert_eq!(body["items"][0]["title"], "Second", "newest first");
    let id = body["items"][1]["id"].as_str().expect("id").to_owned();

    let others = app
        .get("/api/v1/notifications")
        .auth(&ravi)
        .send()
        .await
        .json();
    assert_eq!(others["unread"], 0);
    assert_eq!(others["items"].as_array().map(Vec::len), Some(0));
    let steal = app
        .post(&format!("/api/v1/notifications/{id}/read"))
        .auth(&ravi)
        .send()
        .await;
    steal.assert_status(StatusCode::NOT_FOUND);

    app.post(&format!("/api/v1/notifications/{id}/read"))
        .auth(&asha)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    app.post(&format!("/api/v1/notifications/{id}/read"))
        .auth(&asha)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let after = app
        .get("/api/v1/notifications")
        .auth(&asha)
        .send()
        .await
        .json();
    assert_eq!(after["unread"], 1);

    app.run_jobs().await;
    assert_eq!(
        app.outbox()
            .iter()
            .filter(|m| m.contains(&asha.email))
            .count(),
        2,
        "each notice is e-mailed too"
    );
}

#[tokio::test]
async fn notifications_need_a_valid_token() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/notifications").send().await;
    response.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(response.code(), "unauthenticated");
    let response = app
        .get("/api/v1/notifications")
        .bearer("not-a-jwt")
        .send()
        .await;
    response.assert_status(StatusCode::UNAUTHORIZED);
    let response = app
        .post("/api/v1/notifications/not-a-uuid/read")
        .bearer("x")
        .send()
        .await;
    assert!(response.status.is_client_error());
}
