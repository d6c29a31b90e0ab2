//! The account pages: CSRF-protected login and logout, sign-up form, verify page.

use axum::http::StatusCode;
use axum::http::header::LOCATION;
use mockomi::domain::Role;

use super::{GOOD_PASSWORD, cookie, register, verification_token};
use crate::harness::{PASSWORD, TestApp, TestResponse};

/// The CSRF cookie and the matching hidden form field, as a browser gets them.
async fn csrf(app: &TestApp, page: &str) -> (String, String) {
    let response = app.get(page).send().await;
    response.assert_status(StatusCode::OK);
    let nonce = cookie(&response, "mockomi_csrf").expect("csrf cookie");
    let html = response.text();
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("csrf field") + marker.len();
    let token = html[start..].split('"').next().expect("value").to_owned();
    (nonce, token)
}

async fn post_login(app: &TestApp, nonce: &str, fields: &[(&str, &str)]) -> TestResponse {
    app.post("/login")
        .header("cookie", &format!("mockomi_csrf={nonce}"))
        .form(fields)
        .send()
        .await
}

fn location(response: &TestResponse) -> &str {
    response.headers[LOCATION].to_str().expect("location")
}

#[tokio::test]
async fn the_login_form_needs_its_csrf_token() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let (nonce, token) = csrf(&app, "/login").await;
    let credentials = [("email", user.email.as_str()), ("password", PASSWORD)];

    let missing = post_login(&app, &nonce, &credentials).await;
    missing.assert_status(StatusCode::FORBIDDEN);
    assert!(cookie(&missing, "mockomi_session").is_none());
    let wrong = [&credentials[..], &[("csrf_token", "0badc0de")]].concat();
    let forged = post_login(&app, &nonce, &wrong).await;
    forged.assert_status(StatusCode::FORBIDDEN);
    assert!(cookie(&forged, "mockomi_session").is_none());

    let right = [&credentials[..], &[("csrf_token", token.as_str())]].concat();
    let ok = post_login(&app, &nonce, &right).await;
    ok.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(location(&ok), "/me/profile");
    let set = ok
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("mockomi_session="))
        .expect("session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attribute), "{set}");
    }
    let rotated = cookie(&ok, "mockomi_csrf").expect("a new CSRF cookie at login");
    assert_ne!(rotated, nonce, "the CSRF nonce changes at login");
    let session = cookie(&ok, "mockomi_session").expect("session");
    let account = app
        .get("/account")
        .header("cookie", &format!("mockomi_session={session}"))
        .send()
        .await;
    account.assert_status(StatusCode::OK);
    assert!(account.text().contains(&user.email));
}

#[tokio::test]
async fn login_follows_only_local_next_paths() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::Employer).await;
    let (nonce, token) = csrf(&app, "/login").await;
    for (next, expected) in [
        ("/jobs?page=2", "/jobs?page=2"),
        ("//evil.example", "/employer/company"),
    ] {
        let response = post_login(
            &app,
            &nonce,
            &[
                ("email", user.email.as_str()),
                ("password", PASSWORD),
                ("next", next),
                ("csrf_token", token.as_str()),
            ],
        )
        .await;
        response.assert_status(StatusCode::SEE_OTHER);
        assert_eq!(location(&response), expected);
    }
}

#[tokio::test]
async fn bad_credentials_and_locks_show_on_the_form() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::Interviewer).await;
    let (nonce, token) = csrf(&app, "/login").await;
    let attempt = [
        ("email", user.email.as_str()),
        ("password", "Wrong$Pass99"),
        ("csrf_token", token.as_str()),
    ];
    let response = post_login(&app, &nonce, &attempt).await;
    response.assert_status(StatusCode::UNAUTHORIZED);
    let html = response.text();
    assert!(
        html.contains("<form") && html.contains("password is wrong"),
        "{html}"
    );
    assert!(html.contains(&user.email), "the e-mail is kept");
    for _ in 0..4 {
        post_login(&app, &nonce, &attempt).await;
    }
    let locked = post_login(&app, &nonce, &attempt).await;
    locked.assert_status(StatusCode::LOCKED);
    assert!(locked.text().contains("locked"));
}

#[tokio::test]
async fn logging_out_ends_the_browser_session() {
    let app = TestApp::spawn().await;
    let user = app.user(Role::JobSeeker).await;
    let (nonce, token) = csrf(&app, "/login").await;
    let ok = post_login(
        &app,
        &nonce,
        &[
            ("email", user.email.as_str()),
            ("password", PASSWORD),
            ("csrf_token", token.as_str()),
        ],
    )
    .await;
    let session = cookie(&ok, "mockomi_session").expect("session");
    let cookies = format!("mockomi_csrf={nonce}; mockomi_session={session}");

    let refused = app
        .post("/logout")
        .header("cookie", &cookies)
        .form(&[])
        .send()
        .await;
    refused.assert_status(StatusCode::FORBIDDEN);
    let out = app
        .post("/logout")
        .header("cookie", &cookies)
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await;
    out.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/");
    assert_eq!(cookie(&out, "mockomi_session").as_deref(), Some(""));
    let after = app.get("/account").header("cookie", &cookies).send().await;
    after.assert_status(StatusCode::SEE_OTHER);
    assert!(location(&after).starts_with("/login?next="));
}

#[tokio::test]
async fn the_sign_up_form_shows_errors_beside_fields_and_keeps_values() {
    let app = TestApp::spawn().await;
    let (nonce, token) = csrf(&app, "/register").await;
    let response = app
        .post("/register")
        .header("cookie", &format!("mockomi_csrf={nonce}"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "hr@gmail.com"),
            ("password", "Secret#Pw-77"),
            ("role", "employer"),
            ("first_name", "Kavya"),
            ("last_name", "Iyer"),
            ("phone", ""),
        ])
        .send()
        .await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text();
    assert!(html.contains("id=\"email-error\""), "{html}");
    assert!(html.contains("work e-mail"));
    assert!(html.contains("value=\"Kavya\"") && html.contains("value=\"hr@gmail.com\""));
    assert!(html.contains("value=\"employer\" selected"));
    assert!(
        !html.contains("Secret#Pw-77"),
        "the password is never echoed"
    );

    let created = app
        .post("/register")
        .header("cookie", &format!("mockomi_csrf={nonce}"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "hr@acme.in"),
            ("password", GOOD_PASSWORD),
            ("role", "employer"),
            ("first_name", "Kavya"),
            ("last_name", "Iyer"),
        ])
        .send()
        .await;
    created.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(location(&created), "/login?registered=1");
}

#[tokio::test]
async fn the_verify_page_verifies_once() {
    let app = TestApp::spawn().await;
    register(&app, "job_seeker", "page@example.com").await;
    let token = verification_token(&app, "page@example.com").await;
    let path = format!("/verify-email?token={token}");
    let first = app.get(&path).send().await;
    first.assert_status(StatusCode::OK);
    assert!(first.text().contains("is verified"));
    let second = app.get(&path).send().await;
    second.assert_status(StatusCode::BAD_REQUEST);
    assert!(second.text().contains("already used"));
}
