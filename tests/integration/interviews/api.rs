//! The interview marketplace through the JSON API: approval, matching, claiming
//! (including races), running, feedback, earnings, and who may see what.

use axum::http::StatusCode;
use mockomi::domain::Role;
use mockomi::store::entity::{interviews, notifications};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use time::Duration;

use super::*;
use crate::harness::TestApp;

#[tokio::test]
async fn an_admin_approves_a_pending_interviewer_and_they_are_told() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let interviewer = pending_interviewer(&app, &["Rust", "System Design"]).await;

    let queue = app
        .get("/api/v1/admin/interviewers?status=pending")
        .auth(&admin)
        .send()
        .await;
    queue.assert_status(StatusCode::OK);
    let entry = &queue.json()["items"][0];
    assert_eq!(entry["user_id"], interviewer.id.to_string());
    assert_eq!(entry["email"], interviewer.email);
    assert_eq!(entry["skills"], json!(["rust", "system design"]));
    assert_eq!(entry["years_experience"], 7);
    assert_eq!(entry["age_hours"], 0);

    let path = format!("/api/v1/admin/interviewers/{}/approve", interviewer.id);
    let approved = app.post(&path).auth(&admin).send().await;
    approved.assert_status(StatusCode::OK);
    assert_eq!(approved.json()["approval_status"], "approved");

    let profile = app
        .get("/api/v1/interviewer/profile")
        .auth(&interviewer)
        .send()
        .await;
    assert_eq!(profile.json()["approval_status"], "approved");
    assert_eq!(
        notification_kinds(&app, interviewer.id).await,
        ["interviewer_approved"]
    );
    let again = app.post(&path).auth(&admin).send().await;
    again.assert_status(StatusCode::CONFLICT);
    assert_eq!(again.code(), "invalid_transition");
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_an_edit_asks_for_review_again() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let interviewer = pending_interviewer(&app, &["go"]).await;
    let path = format!("/api/v1/admin/interviewers/{}/reject", interviewer.id);

    let no_reason = app.post(&path).auth(&admin).json(&json!({})).send().await;
    no_reason.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_reason.json()["errors"][0]["field"], "reason");

    let rejected = app
        .post(&path)
        .auth(&admin)
        .json(&json!({ "reason": "Please describe your interviewing experience." }))
        .send()
        .await;
    rejected.assert_status(StatusCode::OK);
    assert_eq!(rejected.json()["approval_status"], "rejected");
    assert_eq!(
        notification_kinds(&app, interviewer.id).await,
        ["interviewer_rejected"]
    );

    let edited = app
        .put("/api/v1/interviewer/profile")
        .auth(&interviewer)
        .json(
            &json!({ "skills": ["Go"], "years_experience": 9, "timezone": "UTC",
                       "bio": "Ran 200 interviews at a fintech." }),
        )
        .send()
        .await;
    edited.assert_status(StatusCode::OK);
    assert_eq!(edited.json()["approval_status"], "pending");
    assert_eq!(
        edited.json()["rejection_reason"],
        "Please describe your interviewing experience."
    );
}

#[tokio::test]
async fn a_bad_profile_is_refused_field_by_field() {
    let app = TestApp::spawn().await;
    let interviewer = app.user(Role::Interviewer).await;
    let bad = app
        .put("/api/v1/interviewer/profile")
        .auth(&interviewer)
        .json(&json!({ "skills": [], "years_experience": 70, "timezone": "Kolkata" }))
        .send()
        .await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = bad.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(fields, ["skills", "years_experience", "timezone"]);
    let profile = app
        .get("/api/v1/interviewer/profile")
        .auth(&interviewer)
        .send()
        .await;
    assert_eq!(profile.json()["approval_status"], "not_submitted");
}

#[tokio::test]
async fn a_pending_interviewer_cannot_see_requests() {
    let app = TestApp::spawn().await;
    let seeker = app.user(Role::JobSeeker).await;
    open_interview(&app, &seeker, &["rust"]).await;
    let interviewer = pending_interviewer(&app, &["rust"]).await;

    let response = app
        .get("/api/v1/interviewer/requests")
        .auth(&interviewer)
        .send()
        .await;
    response.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(response.code(), "interviewer_not_approved");
}

#[tokio::test]
async fn requests_match_skills_case_insensitively_and_only_matching_interviewers_see_them() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let id = open_interview(&app, &seeker, &["Rust"]).await;
    let rustacean = approved_interviewer(&app, &admin, &["rust "]).await;
    let gopher = approved_interviewer(&app, &admin, &["Go"]).await;

    let seen = app
        .get("/api/v1/interviewer/requests")
        .auth(&rustacean)
        .send()
        .await;
    seen.assert_status(StatusCode::OK);
    let items = seen.json()["items"].clone();
    assert_eq!(items.as_array().map(Vec::len), Some(1));
    assert_eq!(items[0]["id"], id.to_string());
    assert_eq!(items[0]["duration_minutes"], 60);
    assert_eq!(items[0]["seeker_first_name"], "Test");
    assert!(items[0].get("seeker_email").is_none());

    let unseen = app
        .get("/api/v1/interviewer/requests")
        .auth(&gopher)
        .send()
        .await;
    assert_eq!(unseen.json()["items"], json!([]));
    let mismatch = app
        .post(&format!("/api/v1/interviews/{id}/claim"))
        .auth(&gopher)
        .json(&json!({ "start_at": start_in(&app, Duration::days(2)) }))
        .send()
        .await;
    mismatch.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(mismatch.code(), "skills_mismatch");
}

#[tokio::test]
async fn a_claim_in_the_past_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let id = open_interview(&app, &seeker, &["rust"]).await;
    let interviewer = approved_interviewer(&app, &admin, &["rust"]).await;

    for start in [
        start_in(&app, -Duration::hours(1)),
        start_in(&app, Duration::days(61)),
    ] {
        let response = app
            .post(&format!("/api/v1/interviews/{id}/claim"))
            .auth(&interviewer)
            .json(&json!({ "start_at": start }))
            .send()
            .await;
        response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(response.code(), "invalid_start_time");
    }
    let garbled = app
        .post(&format!("/api/v1/interviews/{id}/claim"))
        .auth(&interviewer)
        .json(&json!({ "start_at": "tomorrow at ten" }))
        .send()
        .await;
    garbled.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(garbled.json()["errors"][0]["field"], "start_at");
}

#[tokio::test]
async fn a_claim_schedules_the_interview_and_tells_the_seeker() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let id = open_interview(&app, &seeker, &["rust"]).await;
    let interviewer = approved_interviewer(&app, &admin, &["rust"]).await;

    let as_seeker = app
        .post(&format!("/api/v1/interviews/{id}/claim"))
        .auth(&seeker)
        .json(&json!({ "start_at": start_in(&app, Duration::days(2)) }))
        .send()
        .await;
    as_seeker.assert_status(StatusCode::FORBIDDEN);

    let start = start_in(&app, Duration::days(2));
    let claimed = app
        .post(&format!("/api/v1/interviews/{id}/claim"))
        .auth(&interviewer)
        .json(&json!({ "start_at": start }))
        .send()
        .await;
    claimed.assert_status(StatusCode::OK);
    let body = claimed.json();
    assert_eq!(body["status"], "scheduled");
    assert_eq!(body["scheduled_start"], start);
    // The link is only shown from 10 minutes before the start.
    assert_eq!(body["meeting_url"], Value::Null);

    let row = interviews::Entity::find_by_id(id.0)
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.interviewer_id, Some(interviewer.id.0));
    let url = row.meeting_url.expect("meeting link");
    let room = url
        .strip_prefix("https://meet.jit.si/mockomi-")
        .expect("room link");
    assert_eq!(room.len(), 16, "{url}");

    assert_eq!(
        notification_kinds(&app, seeker.id).await,
        ["interview_claimed"]
    );
    let seen_by_seeker = app
        .get(&format!("/api/v1/interviews/{id}"))
        .auth(&seeker)
        .send()
        .await;
    assert_eq!(seen_by_seeker.json()["interviewer_first_name"], "Test");
    assert_eq!(seen_by_seeker.json()["amount_due"], 10_000);
    let listed = app
        .get("/api/v1/interviewer/requests")
        .auth(&interviewer)
        .send()
        .await;
    assert_eq!(listed.json()["items"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_simultaneous_claims_have_exactly_one_winner() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let id = open_interview(&app, &seeker, &["rust"]).await;
    let mut interviewers = Vec::new();
    for _ in 0..20 {
        interviewers.push(approved_interviewer(&app, &admin, &["Rust"]).await);
    }

    let start = start_in(&app, Duration::days(3));
    let claims: Vec<_> = interviewers
        .iter()
        .map(|i| {
            tokio::spawn(race_claim(
                app.router.clone(),
                i.token.clone(),
                id,
                start.clone(),
            ))
        })
        .collect();
    let mut outcomes = Vec::new();
    for claim in claims {
        outcomes.push(claim.await.expect("task"));
    }

    let winners = outcomes.iter().filter(|(status, _)| *status == 200).count();
    let losers = outcomes
        .iter()
        .filter(|(status, code)| *status == 409 && code == "already_claimed")
        .count();
    assert_eq!((winners, losers), (1, 19), "{outcomes:?}");
    let row = interviews::Entity::find_by_id(id.0)
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.status, "scheduled");
    assert!(
        interviewers
            .iter()
            .any(|i| row.interviewer_id == Some(i.id.0))
    );
    assert_eq!(
        notification_count(&app, seeker.id, "interview_claimed").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_interviewer_cannot_book_two_overlapping_interviews_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let first_seeker = app.user(Role::JobSeeker).await;
    let second_seeker = app.user(Role::JobSeeker).await;
    let first = open_interview(&app, &first_seeker, &["rust"]).await;
    let second = open_interview(&app, &second_seeker, &["rust"]).await;
    let interviewer = approved_interviewer(&app, &admin, &["rust"]).await;

    let start = start_in(&app, Duration::days(1));
    let later = start_in(&app, Duration::days(1) + Duration::minutes(30));
    let a = tokio::spawn(race_claim(
        app.router.clone(),
        interviewer.token.clone(),
        first,
        start,
    ));
    let b = tokio::spawn(race_claim(
        app.router.clone(),
        interviewer.token.clone(),
        second,
        later,
    ));
    let mut outcomes = vec![a.await.expect("task"), b.await.expect("task")];
    outcomes.sort();
    assert_eq!(
        outcomes,
        [(200, String::new()), (409, "schedule_conflict".to_owned())]
    );
}

#[tokio::test]
async fn an_interview_runs_from_start_to_feedback_and_earns_eighty_percent() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let id = open_interview(&app, &seeker, &["rust"]).await;
    let interviewer = approved_interviewer(&app, &admin, &["rust"]).await;
    app.post(&format!("/api/v1/interviews/{id}/claim"))
        .auth(&interviewer)
        .json(&json!({ "start_at": start_in(&app, Duration::minutes(12)) }))
        .send()
        .await
        .assert_status(StatusCode::OK);

    let start_path = format!("/api/v1/interviews/{id}/start");
    let feedback_path = format!("/api/v1/interviews/{id}/feedback");
    let early = app.post(&start_path).auth(&interviewer).send().await;
    early.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(early.code(), "too_early");
    let not_started = app
        .post(&feedback_path)
        .auth(&interviewer)
        .json(&feedback_body())
        .send()
        .await;
    not_started.assert_status(StatusCode::CONFLICT);

    // Access tokens live 15 minutes, so the test stays inside that window.
    app.clock.advance(Duration::minutes(3));
    let started = app.post(&start_path).auth(&interviewer).send().await;
    started.assert_status(StatusCode::OK);
    assert_eq!(started.json()["status"], "in_progress");
    let link = app
        .get(&format!("/api/v1/interviews/{id}"))
        .auth(&seeker)
        .send()
        .await;
    assert!(
        link.json()["meeting_url"]
            .as_str()
            .is_some_and(|u| u.contains("/mockomi-"))
    );

    let invalid = app
        .post(&feedback_path)
        .auth(&interviewer)
        .json(&json!({ "technical": 9, "recommendation": "perhaps" }))
        .send()
        .await;
    invalid.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let completed = app
        .post(&feedback_path)
        .auth(&interviewer)
        .json(&feedback_body())
        .send()
        .await;
    completed.assert_status(StatusCode::OK);
    assert_eq!(completed.json()["status"], "completed");

    let seen = app
        .get(&format!("/api/v1/interviews/{id}"))
        .auth(&seeker)
        .send()
        .await
        .json();
    assert_eq!(seen["status"], "completed");
    assert_eq!(seen["feedback"]["overall"], 4);
    assert_eq!(seen["feedback"]["recommendation"], "yes");
    assert_eq!(seen["meeting_url"], Value::Null);
    assert!(
        notification_kinds(&app, seeker.id)
            .await
            .contains(&"feedback_received".to_owned())
    );

    let earnings = app
        .get("/api/v1/interviewer/earnings")
        .auth(&interviewer)
        .send()
        .await;
    earnings.assert_status(StatusCode::OK);
    let earnings = earnings.json();
    assert_eq!(earnings["balance"], 8_000);
    assert_eq!(earnings["currency"], "INR");
    assert_eq!(earnings["entries"][0]["interview_id"], id.to_string());
    assert_eq!(earnings["entries"][0]["amount"], 8_000);

    let again = app
        .post(&feedback_path)
        .auth(&interviewer)
        .json(&feedback_body())
        .send()
        .await;
    again.assert_status(StatusCode::CONFLICT);
    assert_eq!(again.code(), "already_completed");
    let still = app
        .get("/api/v1/interviewer/earnings")
        .auth(&interviewer)
        .send()
        .await;
    assert_eq!(still.json()["balance"], 8_000);
}

#[tokio::test]
async fn only_the_participants_and_admins_can_read_an_interview() {
    let app = TestApp::spawn().await;
    let owner = app.user(Role::JobSeeker).await;
    let stranger = app.user(Role::JobSeeker).await;
    let admin = app.user(Role::Admin).await;
    let other_interviewer = approved_interviewer(&app, &admin, &["rust"]).await;
    let id = open_interview(&app, &owner, &["rust"]).await;
    let path = format!("/api/v1/interviews/{id}");

    app.get(&path)
        .auth(&owner)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get(&path)
        .auth(&admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let hidden = app.get(&path).auth(&stranger).send().await;
    hidden.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(hidden.code(), "not_found");
    app.get(&path)
        .auth(&other_interviewer)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);

    let mine = app
        .get("/api/v1/me/interviews")
        .auth(&owner)
        .send()
        .await
        .json();
    assert_eq!(mine["items"][0]["id"], id.to_string());
    let theirs = app
        .get("/api/v1/me/interviews")
        .auth(&stranger)
        .send()
        .await
        .json();
    assert_eq!(theirs["items"], json!([]));
}

#[tokio::test]
async fn a_job_seeker_is_forbidden_from_the_admin_api() {
    let app = TestApp::spawn().await;
    let seeker = app.user(Role::JobSeeker).await;
    let interviewer = pending_interviewer(&app, &["rust"]).await;

    let list = app
        .get("/api/v1/admin/interviewers")
        .auth(&seeker)
        .send()
        .await;
    list.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(list.code(), "forbidden");
    let approve = app
        .post(&format!(
            "/api/v1/admin/interviewers/{}/approve",
            interviewer.id
        ))
        .auth(&seeker)
        .send()
        .await;
    approve.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(approve.code(), "forbidden");
    let approve_self = app
        .post(&format!(
            "/api/v1/admin/interviewers/{}/approve",
            interviewer.id
        ))
        .auth(&interviewer)
        .send()
        .await;
    assert_eq!(approve_self.code(), "forbidden");
}

#[tokio::test]
async fn an_unverified_interviewer_cannot_claim() {
    let app = TestApp::spawn().await;
    let seeker = app.user(Role::JobSeeker).await;
    let id = open_interview(&app, &seeker, &["rust"]).await;
    let unverified = app.user_with(Role::Interviewer, false).await;

    let response = app
        .post(&format!("/api/v1/interviews/{id}/claim"))
        .auth(&unverified)
        .json(&json!({ "start_at": start_in(&app, Duration::days(1)) }))
        .send()
        .await;
    response.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(response.code(), "email_not_verified");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn feedback_submitted_twice_at_once_completes_and_pays_once() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let id = open_interview(&app, &seeker, &["rust"]).await;
    let interviewer = approved_interviewer(&app, &admin, &["rust"]).await;
    app.post(&format!("/api/v1/interviews/{id}/claim"))
        .auth(&interviewer)
        .json(&json!({ "start_at": start_in(&app, Duration::minutes(5)) }))
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.post(&format!("/api/v1/interviews/{id}/start"))
        .auth(&interviewer)
        .send()
        .await
        .assert_status(StatusCode::OK);

    let submit = |router: axum::Router| {
        let token = interviewer.token.clone();
        async move {
            let request = axum::http::Request::post(format!("/api/v1/interviews/{id}/feedback"))
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "application/json")
                .body(axum::body::Body::from(feedback_body().to_string()))
                .expect("request");
            tower::ServiceExt::oneshot(router, request)
                .await
                .expect("infallible")
                .status()
                .as_u16()
        }
    };
    let a = tokio::spawn(submit(app.router.clone()));
    let b = tokio::spawn(submit(app.router.clone()));
    let mut statuses = [a.await.expect("task"), b.await.expect("task")];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);

    let earnings = app
        .get("/api/v1/interviewer/earnings")
        .auth(&interviewer)
        .send()
        .await;
    assert_eq!(earnings.json()["balance"], 8_000);
    assert_eq!(earnings.json()["entries"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn an_open_request_is_announced_once_to_matching_approved_interviewers() {
    let app = TestApp::spawn().await;
    let admin = app.user(Role::Admin).await;
    let seeker = app.user(Role::JobSeeker).await;
    let matching = approved_interviewer(&app, &admin, &["rust"]).await;
    let other_skill = approved_interviewer(&app, &admin, &["go"]).await;
    let pending = pending_interviewer(&app, &["rust"]).await;
    let id = open_interview(&app, &seeker, &["Rust"]).await;

    for _ in 0..2 {
        let tx = app.state.db.begin().await.expect("tx");
        mockomi::app::interviews::announce::enqueue_announcement(&app.state, &tx, id)
            .await
            .expect("enqueue");
        tx.commit().await.expect("commit");
        app.run_jobs().await;
    }

    let told = |user| notification_kinds(&app, user);
    assert_eq!(
        told(matching.id).await,
        ["interview_requested", "interviewer_approved"]
    );
    let announcements = notifications::Entity::find()
        .filter(notifications::Column::Kind.eq("interview_requested"))
        .all(app.state.db.conn())
        .await
        .expect("notifications");
    assert_eq!(announcements.len(), 1, "announced once, to one interviewer");
    assert_eq!(told(other_skill.id).await, ["interviewer_approved"]);
    assert_eq!(told(pending.id).await, Vec::<String>::new());
    assert!(
        app.outbox()
            .iter()
            .any(|mail| mail.contains("matches your skills"))
    );
}
