//! The interview marketplace through its HTML pages, as a browser uses them:
//! session cookie, CSRF token scraped from the forms, redirects after POSTs.

use axum::http::{StatusCode, header};
use mockomi::domain::Role;
use time::Duration;
use time::macros::format_description;

use super::*;
use crate::harness::{TestApp, TestResponse, TestUser};

/// A browser signed in as a user: the cookies it sends and its forms' CSRF token.
struct Browser {
    cookie: String,
    csrf: String,
}

async fn browser(app: &TestApp, user: &TestUser) -> Browser {
    let session = app.web_session(user).await;
    let session_cookie = format!("mockomi_session={session}");
    let home = app.get("/").header("cookie", &session_cookie).send().await;
    let nonce = home
        .cookies()
        .iter()
        .find_map(|c| c.strip_prefix("mockomi_csrf="))
        .and_then(|c| c.split(';').next())
        .expect("CSRF cookie")
        .to_owned();
    Browser {
        cookie: format!("{session_cookie}; mockomi_csrf={nonce}"),
        csrf: scrape_csrf(&home.text()),
    }
}

fn scrape_csrf(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

impl Browser {
    async fn get(&self, app: &TestApp, path: &str) -> TestResponse {
        app.get(path).header("cookie", &self.cookie).send().await
    }

    async fn post(&self, app: &TestApp, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut pairs = vec![("csrf_token", self.csrf.as_str())];
        pairs.extend_from_slice(fields);
        app.post(path)
            .header("cookie", &self.cookie)
            .form(&pairs)
            .send()
            .await
    }
}

fn assert_redirect(response: &TestResponse, to: &str) {
    response.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(response.headers[header::LOCATION], to);
}

/// A `datetime-local` value `ahead` from now, in UTC, as a browser sends it.
fn local_input(app: &TestApp, ahead: Duration) -> String {
    let at = app.state.clock.now() + ahead;
    at.format(format_description!("[year]-[month]-[day]T[hour]:[minute]"))
        .expect("format")
}

#[tokio::test]
async fn an_interviewer_claims_runs_and_completes_an_interview_through_the_pages() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let interviewer = app.user(Role::Interviewer).await;
    let (as_admin, as_seeker, as_interviewer) = (
        browser(&app, &admin).await,
        browser(&app, &seeker).await,
        browser(&app, &interviewer).await,
    );

    let saved = as_interviewer
        .post(
            &app,
            "/interviewer/profile",
            &[
                ("skills", "Rust, SQL"),
                ("years_experience", "6"),
                ("timezone", "Asia/Kolkata"),
            ],
        )
        .await;
    assert_redirect(&saved, "/interviewer/profile?saved=1");
    let waiting = as_interviewer.get(&app, "/interviewer/requests").await;
    waiting.assert_status(StatusCode::OK);
    assert!(
        waiting
            .text()
            .contains("An admin has to approve your interviewer profile")
    );

    let queue = as_admin.get(&app, "/admin/interviewers").await;
    assert!(queue.text().contains(&interviewer.email));
    let approve = format!("/admin/interviewers/{}/approve", interviewer.id);
    assert_redirect(
        &as_admin.post(&app, &approve, &[]).await,
        "/admin/interviewers",
    );

    let id = open_interview(&app, &seeker, &["rust"]).await;
    let requests = as_interviewer.get(&app, "/interviewer/requests").await;
    assert!(
        requests
            .text()
            .contains(&format!("/interviewer/requests/{id}/claim"))
    );
    let start = local_input(&app, Duration::minutes(12));
    let claimed = as_interviewer
        .post(
            &app,
            &format!("/interviewer/requests/{id}/claim"),
            &[("start_at", &start)],
        )
        .await;
    assert_redirect(&claimed, "/interviewer/interviews");
    let mine = as_interviewer.get(&app, "/interviewer/interviews").await;
    assert!(
        mine.text()
            .contains(&format!("/interviewer/interviews/{id}/start"))
    );

    app.clock.advance(Duration::minutes(3));
    let feedback_path = format!("/interviewer/interviews/{id}/feedback");
    let started = as_interviewer
        .post(&app, &format!("/interviewer/interviews/{id}/start"), &[])
        .await;
    assert_redirect(&started, &feedback_path);
    let incomplete = as_interviewer
        .post(
            &app,
            &feedback_path,
            &[("strengths", "Calm under pressure")],
        )
        .await;
    incomplete.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(incomplete.text().contains("Rate from 1 to 5."));
    assert!(incomplete.text().contains("Calm under pressure"));
    let completed = as_interviewer
        .post(
            &app,
            &feedback_path,
            &[
                ("technical", "4"),
                ("communication", "5"),
                ("problem_solving", "3"),
                ("overall", "4"),
                ("strengths", "Calm under pressure"),
                ("areas_to_improve", "Name the invariants first"),
                ("comments", "Good session overall."),
                ("recommendation", "strong_yes"),
                ("public", "on"),
            ],
        )
        .await;
    assert_redirect(&completed, "/interviewer/interviews");

    let detail = as_seeker.get(&app, &format!("/me/interviews/{id}")).await;
    detail.assert_status(StatusCode::OK);
    let html = detail.text();
    assert!(html.contains("Name the invariants first") && html.contains("Strong yes"));
    assert!(html.contains("Employers may see this feedback."));
    let earnings = as_interviewer.get(&app, "/interviewer/earnings").await;
    assert!(earnings.text().contains("₹80.00"));
    let list = as_seeker.get(&app, "/me/interviews").await;
    assert!(list.text().contains("/me/interviews/new"));
}

#[tokio::test]
async fn a_refused_claim_is_explained_on_the_requests_page() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let interviewer = approved_interviewer(&app, &admin, &["rust"]).await;
    let id = open_interview(&app, &seeker, &["rust"]).await;
    let as_interviewer = browser(&app, &interviewer).await;

    let past = local_input(&app, -Duration::hours(2));
    let refused = as_interviewer
        .post(
            &app,
            &format!("/interviewer/requests/{id}/claim"),
            &[("start_at", &past)],
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .contains("The start time must be in the future.")
    );
}

#[tokio::test]
async fn admin_pages_need_an_admin_a_csrf_token_and_a_reason_to_reject() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let interviewer = pending_interviewer(&app, &["go"]).await;
    let as_admin = browser(&app, &admin).await;
    let as_seeker = browser(&app, &seeker).await;

    let forbidden = as_seeker.get(&app, "/admin/interviewers").await;
    forbidden.assert_status(StatusCode::FORBIDDEN);

    let reject = format!("/admin/interviewers/{}/reject", interviewer.id);
    let forged = app
        .post(&reject)
        .header("cookie", &as_admin.cookie)
        .form(&[("reason", "Forged by another site")])
        .send()
        .await;
    forged.assert_status(StatusCode::FORBIDDEN);
    let short = as_admin.post(&app, &reject, &[("reason", "no")]).await;
    short.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.text().contains("at least 3 characters"));

    let profile = app
        .get("/api/v1/interviewer/profile")
        .auth(&interviewer)
        .send()
        .await;
    assert_eq!(profile.json()["approval_status"], "pending");
}
