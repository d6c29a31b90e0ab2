//! The job board end to end: companies, postings, search, seeker profiles,
//! applications and the employer's pipeline, including concurrent requests.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use mockomi::domain::Role;
use mockomi::store::entity::{applications, notifications};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::harness::{TestApp, TestUser};

/// An employer with a verified e-mail and a company named `company`.
async fn employer(app: &TestApp, company: &str) -> TestUser {
    let employer = app.user(Role::Employer).await;
    app.put("/api/v1/company")
        .auth(&employer)
        .json(&json!({
            "name": company,
            "email": "hiring@example.in",
            "size_band": "11-50",
            "founded_year": 2015,
            "website": "https://example.in"
        }))
        .send()
        .await
        .assert_status(StatusCode::OK);
    employer
}

fn job_body(title: &str, skills: &[&str]) -> Value {
    json!({
        "title": title,
        "description": "Build and operate the services behind a busy marketplace.",
        "skills": skills,
        "experience_level": "mid",
        "employment_type": "full_time",
        "salary_min": 150_000_000_i64,
        "salary_max": 250_000_000_i64,
        "city": "Bengaluru",
        "country": "India",
        "openings": 2
    })
}

/// Creates a job from `body` and publishes it; returns its id.
async fn published_job(app: &TestApp, employer: &TestUser, body: &Value) -> String {
    let created = app
        .post("/api/v1/jobs")
        .auth(employer)
        .json(body)
        .send()
        .await;
    created.assert_status(StatusCode::CREATED);
    assert_eq!(created.json()["status"], "draft");
    let id = created.json()["id"].as_str().expect("id").to_owned();
    let published = app
        .post(&format!("/api/v1/jobs/{id}/publish"))
        .auth(employer)
        .send()
        .await;
    published.assert_status(StatusCode::OK);
    assert_eq!(published.json()["status"], "active");
    id
}

/// A seeker whose profile is complete enough to apply.
async fn complete_seeker(app: &TestApp, verified: bool) -> TestUser {
    let seeker = app.user_with(Role::JobSeeker, verified).await;
    let saved = app
        .put("/api/v1/me/profile")
        .auth(&seeker)
        .json(&json!({
            "headline": "Backend developer",
            "phone": "+91 98765 43210",
            "skills": [{"name": "Rust", "level": "advanced", "years": 3}],
            "education": [{"institution": "IIT Madras", "degree": "B.Tech",
                           "field": "CS", "start_year": 2016, "end_year": 2020}],
            "open_to_work": true
        }))
        .send()
        .await;
    saved.assert_status(StatusCode::OK);
    assert_eq!(saved.json()["complete"], true);
    seeker
}

/// `user` with a fresh access token, after the clock moved past the old one.
async fn relogin(app: &TestApp, user: TestUser) -> TestUser {
    let tx = app.state.db.begin().await.expect("tx");
    let tokens = mockomi::app::sessions::open_api_session(&app.state, &tx, user.id)
        .await
        .expect("session");
    tx.commit().await.expect("commit");
    TestUser {
        token: tokens.access_token,
        ..user
    }
}

async fn apply(app: &TestApp, seeker: &TestUser, job: &str) -> crate::harness::TestResponse {
    app.post(&format!("/api/v1/jobs/{job}/applications"))
        .auth(seeker)
        .json(&json!({"cover_letter": "I would love to help."}))
        .send()
        .await
}

#[tokio::test]
async fn a_seeker_finds_applies_and_follows_the_employers_decision() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Acme Payments").await;
    let job = published_job(
        &app,
        &employer,
        &job_body("Rust Engineer", &["Rust", "SQL"]),
    )
    .await;
    let seeker = complete_seeker(&app, true).await;

    let found = app.get("/api/v1/jobs?q=rust%20acme").send().await;
    found.assert_status(StatusCode::OK);
    let body = found.json();
    assert_eq!(body["total"], 1);
    assert_eq!(body["items"][0]["id"], job.as_str());
    assert_eq!(body["items"][0]["company"]["name"], "Acme Payments");
    assert_eq!(body["items"][0]["company"]["verified"], false);
    assert_eq!(body["items"][0]["salary"]["min"], 150_000_000);

    let applied = apply(&app, &seeker, &job).await;
    applied.assert_status(StatusCode::CREATED);
    assert_eq!(applied.json()["status"], "applied");
    let application = applied.json()["id"].as_str().expect("id").to_owned();
    let again = apply(&app, &seeker, &job).await;
    again.assert_status(StatusCode::CONFLICT);
    assert_eq!(again.code(), "already_applied");
    assert_eq!(
        again.json()["detail"],
        "You have already applied to this job."
    );

    let received = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(employer.id.0))
        .filter(notifications::Column::Kind.eq("application_received"))
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(received, 1);

    let applicants = app
        .get(&format!("/api/v1/jobs/{job}/applications"))
        .auth(&employer)
        .send()
        .await;
    applicants.assert_status(StatusCode::OK);
    assert_eq!(applicants.json()[0]["id"], application.as_str());
    assert_eq!(applicants.json()[0]["applicant_name"], "Test Job seeker");
    let counts = app
        .get("/api/v1/employer/jobs")
        .auth(&employer)
        .send()
        .await;
    assert_eq!(counts.json()[0]["applications"]["applied"], 1);

    let moved = app
        .post(&format!("/api/v1/applications/{application}/status"))
        .auth(&employer)
        .json(&json!({"status": "shortlisted"}))
        .send()
        .await;
    moved.assert_status(StatusCode::OK);
    let back = app
        .post(&format!("/api/v1/applications/{application}/status"))
        .auth(&employer)
        .json(&json!({"status": "reviewing"}))
        .send()
        .await;
    back.assert_status(StatusCode::CONFLICT);
    assert_eq!(back.code(), "invalid_transition");

    let mine = app
        .get("/api/v1/me/applications")
        .auth(&seeker)
        .send()
        .await;
    assert_eq!(mine.json()[0]["status"], "shortlisted");
    assert_eq!(mine.json()[0]["job_title"], "Rust Engineer");
    let detail = app
        .get(&format!("/api/v1/applications/{application}"))
        .auth(&seeker)
        .send()
        .await;
    let history = detail.json()["history"].clone();
    assert_eq!(history[1]["to_status"], "shortlisted");
    assert_eq!(history[1]["by"], "employer");
    app.run_jobs().await;
    assert!(
        app.outbox().iter().any(|mail| mail.contains("shortlisted")),
        "the seeker is e-mailed about the move"
    );
}

#[tokio::test]
async fn a_withdrawn_application_is_reopened_by_applying_again() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Acme").await;
    let job = published_job(&app, &employer, &job_body("Data Engineer", &["Python"])).await;
    let seeker = complete_seeker(&app, true).await;
    let first = apply(&app, &seeker, &job).await;
    let id = first.json()["id"].as_str().expect("id").to_owned();

    let withdrawn = app
        .post(&format!("/api/v1/applications/{id}/withdraw"))
        .auth(&seeker)
        .send()
        .await;
    withdrawn.assert_status(StatusCode::OK);
    assert_eq!(withdrawn.json()["status"], "withdrawn");
    let again = apply(&app, &seeker, &job).await;
    again.assert_status(StatusCode::CREATED);
    assert_eq!(again.json()["id"], id.as_str());
    let detail = app
        .get(&format!("/api/v1/applications/{id}"))
        .auth(&seeker)
        .send()
        .await;
    assert_eq!(detail.json()["status"], "applied");
    assert_eq!(detail.json()["history"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn search_filters_and_shows_only_open_jobs() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Globex").await;
    let rust = published_job(&app, &employer, &job_body("Rust Engineer", &["rust"])).await;
    let mut remote = job_body("Remote Go Developer", &["go", "kubernetes"]);
    remote["remote"] = json!(true);
    remote["city"] = json!("Pune");
    remote["experience_level"] = json!("senior");
    remote["salary_visible"] = json!(false);
    let go = published_job(&app, &employer, &remote).await;
    let draft = app
        .post("/api/v1/jobs")
        .auth(&employer)
        .json(&job_body("Draft Rust Role", &["rust"]))
        .send()
        .await;
    let draft_id = draft.json()["id"].as_str().expect("id").to_owned();
    let paused = published_job(&app, &employer, &job_body("Paused Rust Role", &["rust"])).await;
    app.post(&format!("/api/v1/jobs/{paused}/pause"))
        .auth(&employer)
        .send()
        .await
        .assert_status(StatusCode::OK);

    let ids = |body: Value| -> Vec<String> {
        body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let all = app.get("/api/v1/jobs").send().await.json();
    assert_eq!(
        ids(all.clone()),
        vec![go.clone(), rust.clone()],
        "newest first, remote included"
    );
    assert_eq!(
        all["items"][0]["salary"],
        Value::Null,
        "hidden salary stays hidden"
    );
    let by_skill = app
        .get("/api/v1/jobs?skills=Kubernetes")
        .send()
        .await
        .json();
    assert_eq!(ids(by_skill), vec![go.clone()]);
    let by_place = app.get("/api/v1/jobs?location=pune").send().await.json();
    assert_eq!(ids(by_place), vec![go.clone()]);
    let on_site = app.get("/api/v1/jobs?remote=false").send().await.json();
    assert_eq!(ids(on_site), vec![rust.clone()]);
    let senior = app
        .get("/api/v1/jobs?experience_level=senior")
        .send()
        .await
        .json();
    assert_eq!(ids(senior), vec![go.clone()]);
    let well_paid = app
        .get("/api/v1/jobs?salary_min=200000000")
        .send()
        .await
        .json();
    assert_eq!(ids(well_paid), vec![rust.clone()]);
    let wildcard = app.get("/api/v1/jobs?q=%25").send().await.json();
    assert_eq!(wildcard["total"], 0, "% is matched literally");
    let paged = app
        .get("/api/v1/jobs?per_page=1000&page=2")
        .send()
        .await
        .json();
    assert_eq!(
        (paged["per_page"].clone(), paged["total"].clone()),
        (json!(50), json!(2))
    );
    for deep in ["9223372036854775807", "18446744073709551615", "10001"] {
        let far = app.get(&format!("/api/v1/jobs?page={deep}")).send().await;
        far.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(far.code(), "invalid_query");
        let page = app.get(&format!("/jobs?page={deep}")).send().await;
        page.assert_status(StatusCode::BAD_REQUEST);
    }

    for hidden in [&draft_id, &paused] {
        let public = app.get(&format!("/api/v1/jobs/{hidden}")).send().await;
        public.assert_status(StatusCode::NOT_FOUND);
        let owner = app
            .get(&format!("/api/v1/jobs/{hidden}"))
            .auth(&employer)
            .send()
            .await;
        owner.assert_status(StatusCode::OK);
    }
    app.clock.advance(time::Duration::days(91));
    let expired = app.get("/api/v1/jobs").send().await.json();
    assert_eq!(
        expired["total"], 0,
        "jobs leave the listing 90 days after publication"
    );
}

#[tokio::test]
async fn invalid_jobs_and_wrong_callers_are_refused() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Initech").await;
    let mut bad = job_body("Engineer", &[]);
    bad["salary_min"] = json!(500);
    bad["salary_max"] = json!(100);
    let refused = app
        .post("/api/v1/jobs")
        .auth(&employer)
        .json(&bad)
        .send()
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.code(), "validation_failed");
    let fields: Vec<(String, String)> = refused.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or("").into(),
                e["code"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert!(
        fields.contains(&("skills".into(), "required".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("salary_min".into(), "greater_than_max".into())),
        "{fields:?}"
    );

    let no_company = app.user(Role::Employer).await;
    let body = job_body("Engineer", &["rust"]);
    let orphan = app
        .post("/api/v1/jobs")
        .auth(&no_company)
        .json(&body)
        .send()
        .await;
    orphan.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(orphan.code(), "company_required");
    let unverified = app.user_with(Role::Employer, false).await;
    let posted = app
        .post("/api/v1/jobs")
        .auth(&unverified)
        .json(&body)
        .send()
        .await;
    posted.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(posted.code(), "email_not_verified");

    let seeker = app.user(Role::JobSeeker).await;
    for (method, path) in [
        (Method::POST, "/api/v1/jobs"),
        (Method::GET, "/api/v1/employer/jobs"),
        (Method::GET, "/api/v1/company"),
    ] {
        let response = app
            .request(method, path)
            .auth(&seeker)
            .json(&body)
            .send()
            .await;
        response.assert_status(StatusCode::FORBIDDEN);
        assert_eq!(response.code(), "forbidden", "{path}");
    }

    let job = published_job(&app, &employer, &body).await;
    let delete = app
        .request(Method::DELETE, &format!("/api/v1/jobs/{job}"))
        .auth(&employer)
        .send()
        .await;
    delete.assert_status(StatusCode::CONFLICT);
    assert_eq!(delete.code(), "job_not_deletable");
}

#[tokio::test]
async fn applying_needs_a_verified_email_a_complete_profile_and_an_open_job() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Umbrella").await;
    let job = published_job(&app, &employer, &job_body("QA Engineer", &["testing"])).await;

    let unverified = complete_seeker(&app, false).await;
    let refused = apply(&app, &unverified, &job).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(refused.code(), "email_not_verified");

    let bare = app.user(Role::JobSeeker).await;
    let incomplete = apply(&app, &bare, &job).await;
    incomplete.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(incomplete.code(), "profile_incomplete");
    let profile = app
        .get("/api/v1/me/profile")
        .auth(&bare)
        .send()
        .await
        .json();
    assert_eq!(profile["missing"], json!(["phone", "education", "skills"]));

    let seeker = complete_seeker(&app, true).await;
    app.post(&format!("/api/v1/jobs/{job}/close"))
        .auth(&employer)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let closed = apply(&app, &seeker, &job).await;
    closed.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(closed.code(), "job_not_open");
}

#[tokio::test]
async fn applications_stay_private_to_their_seeker_and_employer() {
    let app = TestApp::spawn().await;
    let owner = employer(&app, "Hooli").await;
    let rival = employer(&app, "Pied Piper").await;
    let job = published_job(&app, &owner, &job_body("Platform Engineer", &["rust"])).await;
    let seeker = complete_seeker(&app, true).await;
    let other = complete_seeker(&app, true).await;
    let id = apply(&app, &seeker, &job).await.json()["id"]
        .as_str()
        .expect("id")
        .to_owned();

    let peek = app
        .get(&format!("/api/v1/applications/{id}"))
        .auth(&other)
        .send()
        .await;
    peek.assert_status(StatusCode::NOT_FOUND);
    let list = app
        .get(&format!("/api/v1/jobs/{job}/applications"))
        .auth(&rival)
        .send()
        .await;
    list.assert_status(StatusCode::NOT_FOUND);
    let moved = app
        .post(&format!("/api/v1/applications/{id}/status"))
        .auth(&rival)
        .json(&json!({"status": "rejected"}))
        .send()
        .await;
    moved.assert_status(StatusCode::NOT_FOUND);
    let withdrawn = app
        .post(&format!("/api/v1/applications/{id}/withdraw"))
        .auth(&other)
        .send()
        .await;
    withdrawn.assert_status(StatusCode::NOT_FOUND);
    let own = app
        .get(&format!("/api/v1/applications/{id}"))
        .auth(&owner)
        .send()
        .await;
    own.assert_status(StatusCode::OK);
}

#[tokio::test]
async fn a_seeker_may_send_at_most_twenty_applications_a_day() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Soylent").await;
    let seeker = complete_seeker(&app, true).await;
    for n in 0..20 {
        let job = published_job(&app, &employer, &job_body(&format!("Role {n}"), &["rust"])).await;
        apply(&app, &seeker, &job)
            .await
            .assert_status(StatusCode::CREATED);
    }
    let job = published_job(&app, &employer, &job_body("Role 21", &["rust"])).await;
    let refused = apply(&app, &seeker, &job).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.code(), "daily_limit_reached");
    app.clock.advance(time::Duration::hours(25));
    let seeker = relogin(&app, seeker).await;
    apply(&app, &seeker, &job)
        .await
        .assert_status(StatusCode::CREATED);
}

/// Sends a request through a clone of the router, for concurrent tasks.
async fn send(
    router: axum::Router,
    method: Method,
    path: String,
    token: String,
    body: Value,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    let response = router.oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_simultaneous_applications_make_exactly_one() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Wonka").await;
    let job = published_job(&app, &employer, &job_body("Chocolate Engineer", &["rust"])).await;
    let seeker = complete_seeker(&app, true).await;

    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let (router, token) = (app.router.clone(), seeker.token.clone());
            let path = format!("/api/v1/jobs/{job}/applications");
            tokio::spawn(send(router, Method::POST, path, token, json!({})))
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        let (status, body) = task.await.expect("task");
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => assert_eq!(body["code"], "already_applied"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(created, 1);
    let rows = applications::Entity::find()
        .filter(applications::Column::SeekerId.eq(seeker.id.0))
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(rows, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_status_moves_from_one_state_let_exactly_one_win() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Cyberdyne").await;
    let job = published_job(&app, &employer, &job_body("ML Engineer", &["python"])).await;
    let seeker = complete_seeker(&app, true).await;
    let id = apply(&app, &seeker, &job).await.json()["id"]
        .as_str()
        .expect("id")
        .to_owned();

    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let (router, token) = (app.router.clone(), employer.token.clone());
            let path = format!("/api/v1/applications/{id}/status");
            tokio::spawn(send(
                router,
                Method::POST,
                path,
                token,
                json!({"status": "shortlisted"}),
            ))
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        let (status, body) = task.await.expect("task");
        if status == StatusCode::CONFLICT {
            assert_eq!(body["code"], "invalid_transition");
        }
        statuses.push(status);
    }
    let wins = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let conflicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((wins, conflicts), (1, 4), "{statuses:?}");
    let detail = app
        .get(&format!("/api/v1/applications/{id}"))
        .auth(&seeker)
        .send()
        .await
        .json();
    assert_eq!(detail["status"], "shortlisted");
    assert_eq!(
        detail["history"].as_array().map(Vec::len),
        Some(2),
        "one move recorded: {detail}"
    );
}

#[tokio::test]
async fn the_job_search_page_lists_matching_titles() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Stark Industries").await;
    published_job(
        &app,
        &employer,
        &job_body("Embedded Rust Engineer", &["rust"]),
    )
    .await;
    published_job(&app, &employer, &job_body("Sales Lead", &["sales"])).await;

    let page = app.get("/jobs?q=embedded").send().await;
    page.assert_status(StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Embedded Rust Engineer"), "{html}");
    assert!(!html.contains("Sales Lead"));
    assert!(html.contains("Stark Industries"));
}

#[tokio::test]
async fn edits_and_renames_reach_search_and_old_jobs_expire() {
    let app = TestApp::spawn().await;
    let employer = employer(&app, "Vandelay Imports").await;
    let job = published_job(&app, &employer, &job_body("Rust Engineer", &["rust"])).await;
    let path = format!("/api/v1/jobs/{job}");

    let edited = app
        .patch(&path)
        .auth(&employer)
        .json(&json!({"title": "Latex Buyer", "requirements": "Knows latex."}))
        .send()
        .await;
    edited.assert_status(StatusCode::OK);
    assert_eq!(edited.json()["status"], "active");
    let found = app.get("/api/v1/jobs?q=latex%20buyer").send().await.json();
    assert_eq!(found["total"], 1);
    let bad = app
        .patch(&path)
        .auth(&employer)
        .json(&json!({"salary_min": 300_000_000_i64}))
        .send()
        .await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"][0]["code"], "greater_than_max");

    app.put("/api/v1/company")
        .auth(&employer)
        .json(&json!({"name": "Kramerica", "email": "hr@kramerica.in"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let renamed = app.get("/api/v1/jobs?q=kramerica").send().await.json();
    assert_eq!(renamed["items"][0]["company"]["name"], "Kramerica");
    let old_name = app.get("/api/v1/jobs?q=vandelay").send().await.json();
    assert_eq!(old_name["total"], 0);

    app.clock.advance(time::Duration::days(91));
    let employer = relogin(&app, employer).await;
    let mine = app
        .get("/api/v1/employer/jobs")
        .auth(&employer)
        .send()
        .await
        .json();
    assert_eq!(mine[0]["status"], "expired");
    app.post(&format!("{path}/pause"))
        .auth(&employer)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let republish = app
        .post(&format!("{path}/publish"))
        .auth(&employer)
        .send()
        .await;
    republish.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(republish.code(), "job_expired");
    app.post(&format!("{path}/close"))
        .auth(&employer)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let frozen = app
        .patch(&path)
        .auth(&employer)
        .json(&json!({"title": "Too late"}))
        .send()
        .await;
    frozen.assert_status(StatusCode::CONFLICT);
    assert_eq!(frozen.code(), "job_not_editable");
}
