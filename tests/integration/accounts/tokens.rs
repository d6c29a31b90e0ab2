//! Access and refresh tokens: rotation, reuse detection and logout.

use axum::http::StatusCode;
use mockomi::domain::Role;
use serde_json::json;

use super::{cookie, login};
use crate::harness::{PASSWORD, TestApp, TestResponse};

async fn refresh_with_cookie(app: &TestApp, token: &str) -> TestResponse {
    app.post("/api/v1/auth/refresh")
        .header("cookie", &format!("mockomi_refresh={token}"))
        .send()
        .await
}

fn access_of(response: &TestResponse) -> String {
    response.json()["access_token"]
        .as_str()
        .expect("access token")
        .to_owned()
}

#[tokio::test]
async fn login_sets_a_strict_http_only_refresh_cookie() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let response = login(&app, &user.email, PASSWORD).await;
    response.assert_status(StatusCode::OK);
    let set_cookie = response
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("mockomi_refresh="))
        .expect("refresh cookie");
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/auth",
        "Max-Age=",
    ] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain http in tests");
    assert!(response.json().get("refresh_token").is_none());

    let tls = TestApp::spawn_with(&[("MOCKOMI_PUBLIC_URL", "https://mockomi.in")]).await;
    let user = tls.user(Role::JobSeeker).await;
    let response = login(&tls, &user.email, PASSWORD).await;
    assert!(response.cookies().iter().any(|c| c.contains("; Secure")));
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_ends_the_session() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let logged_in = login(&app, &user.email, PASSWORD).await;
    let first = cookie(&logged_in, "mockomi_refresh").expect("cookie");

    let refreshed = refresh_with_cookie(&app, &first).await;
    refreshed.assert_status(StatusCode::OK);
    let second = cookie(&refreshed, "mockomi_refresh").expect("rotated cookie");
    assert_ne!(first, second);
    let access = access_of(&refreshed);
    app.get("/api/v1/auth/me")
        .bearer(&access)
        .send()
        .await
        .assert_status(StatusCode::OK);

    let reused = refresh_with_cookie(&app, &first).await;
    reused.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(reused.code(), "refresh_token_reused");
    assert_eq!(cookie(&reused, "mockomi_refresh").as_deref(), Some(""));

    let newer = refresh_with_cookie(&app, &second).await;
    newer.assert_status(StatusCode::UNAUTHORIZED);
    app.get("/api/v1/auth/me")
        .bearer(&access)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    app.get("/api/v1/auth/me")
        .bearer(&access_of(&logged_in))
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn clients_without_cookies_refresh_with_json() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::Interviewer).await;
    let response = app
        .post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": user.refresh_token }))
        .send()
        .await;
    response.assert_status(StatusCode::OK);
    let next = response.json()["refresh_token"]
        .as_str()
        .expect("next refresh token in the body")
        .to_owned();
    assert_ne!(next, user.refresh_token);
    let again = app
        .post("/api/v1/auth/refresh")
        .json(&json!({ "refresh_token": next }))
        .send()
        .await;
    again.assert_status(StatusCode::OK);

    let missing = app.post("/api/v1/auth/refresh").send().await;
    missing.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(missing.code(), "missing_refresh_token");
    let unknown = refresh_with_cookie(&app, "made-up").await;
    assert_eq!(unknown.code(), "invalid_refresh_token");
}

#[tokio::test]
async fn logout_ends_the_access_token_and_clears_the_cookie() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let logged_in = login(&app, &user.email, PASSWORD).await;
    let access = access_of(&logged_in);
    let refresh = cookie(&logged_in, "mockomi_refresh").expect("cookie");

    let out = app.post("/api/v1/auth/logout").bearer(&access).send().await;
    out.assert_status(StatusCode::NO_CONTENT);
    assert_eq!(cookie(&out, "mockomi_refresh").as_deref(), Some(""));
    let me = app.get("/api/v1/auth/me").bearer(&access).send().await;
    me.assert_status(StatusCode::UNAUTHORIZED);
    refresh_with_cookie(&app, &refresh)
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    // The harness's own session is another session and still works.
    app.get("/api/v1/auth/me")
        .auth(&user)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[tokio::test]
async fn logout_all_ends_every_session() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::Employer).await;
    let other = access_of(&login(&app, &user.email, PASSWORD).await);
    app.post("/api/v1/auth/logout-all")
        .auth(&user)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    for token in [user.token.as_str(), other.as_str()] {
        app.get("/api/v1/auth/me")
            .bearer(token)
            .send()
            .await
            .assert_status(StatusCode::UNAUTHORIZED);
    }
}
