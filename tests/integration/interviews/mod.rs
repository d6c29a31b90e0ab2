//! Interviewers, admin approval, claiming, running and completing mock interviews,
//! and earnings, on a real database: the JSON API in `api`, the pages in `pages`.
//! The helpers here set the scene the way other areas would leave it.

mod api;
mod pages;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use mockomi::domain::{InterviewId, Role, UserId};
use mockomi::store::entity::{interview_skills, interviews, notifications};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;

use crate::harness::{TestApp, TestUser};

/// Inserts an open, paid request of `seeker` for `skills` (as the payment flow
/// leaves it): 60 minutes, ₹100 list price, open for 7 days.
pub async fn open_interview(app: &TestApp, seeker: &TestUser, skills: &[&str]) -> InterviewId {
    let now = app.state.clock.now();
    let id = InterviewId::new();
    let row = interviews::ActiveModel {
        id: Set(id.0),
        seeker_id: Set(seeker.id.0),
        interviewer_id: Set(None),
        status: Set("open".into()),
        duration_minutes: Set(60),
        notes: Set(Some("Backend role, focus on concurrency".into())),
        list_price: Set(10_000),
        amount_due: Set(10_000),
        coupon_id: Set(None),
        open_until: Set(Some(now + Duration::days(7))),
        scheduled_start: Set(None),
        scheduled_end: Set(None),
        meeting_url: Set(None),
        claimed_at: Set(None),
        started_at: Set(None),
        completed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let conn = app.state.db.conn();
    interviews::Entity::insert(row)
        .exec_without_returning(conn)
        .await
        .expect("insert interview");
    for skill in skills {
        let row = interview_skills::ActiveModel {
            interview_id: Set(id.0),
            skill: Set((*skill).to_owned()),
        };
        interview_skills::Entity::insert(row)
            .exec_without_returning(conn)
            .await
            .expect("insert skill");
    }
    id
}

/// An interviewer who saved a profile with `skills` and is still pending.
pub async fn pending_interviewer(app: &TestApp, skills: &[&str]) -> TestUser {
    let interviewer = app.user(Role::Interviewer).await;
    app.put("/api/v1/interviewer/profile")
        .auth(&interviewer)
        .json(&json!({
            "skills": skills,
            "years_experience": 7,
            "current_title": "Staff Engineer",
            "current_company": "Acme",
            "bio": "I interview backend engineers.",
            "timezone": "Asia/Kolkata",
        }))
        .send()
        .await
        .assert_status(StatusCode::OK);
    interviewer
}

/// An interviewer with `skills` whom `admin` approved.
pub async fn approved_interviewer(app: &TestApp, admin: &TestUser, skills: &[&str]) -> TestUser {
    let interviewer = pending_interviewer(app, skills).await;
    app.post(&format!(
        "/api/v1/admin/interviewers/{}/approve",
        interviewer.id
    ))
    .auth(admin)
    .send()
    .await
    .assert_status(StatusCode::OK);
    interviewer
}

pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).expect("format")
}

/// A start time `ahead` from the app's now, on a whole minute.
pub fn start_in(app: &TestApp, ahead: Duration) -> String {
    let at = app.state.clock.now() + ahead;
    rfc3339(
        at.replace_second(0)
            .and_then(|t| t.replace_nanosecond(0))
            .expect("minute"),
    )
}

/// How many notifications of `kind` `user` has.
pub async fn notification_count(app: &TestApp, user: UserId, kind: &str) -> usize {
    notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.0))
        .filter(notifications::Column::Kind.eq(kind))
        .all(app.state.db.conn())
        .await
        .expect("notifications")
        .len()
}

/// The kinds of notifications `user` has, sorted, each once.
pub async fn notification_kinds(app: &TestApp, user: UserId) -> Vec<String> {
    notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.0))
        .all(app.state.db.conn())
        .await
        .expect("notifications")
        .into_iter()
        .map(|n| n.kind)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

pub fn feedback_body() -> Value {
    json!({
        "technical": 4,
        "communication": 5,
        "problem_solving": 3,
        "overall": 4,
        "strengths": "Clear reasoning about lock ordering.",
        "areas_to_improve": "Write the failing test first.",
        "comments": "A solid session; practise explaining trade-offs aloud.",
        "recommendation": "yes",
        "public": true,
    })
}

/// Sends a claim outside the harness's borrowing request builder, for races.
pub async fn race_claim(
    router: Router,
    token: String,
    id: InterviewId,
    start: String,
) -> (u16, String) {
    let request = Request::post(format!("/api/v1/interviews/{id}/claim"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({ "start_at": start }).to_string()))
        .expect("request");
    let response = router.oneshot(request).await.expect("infallible");
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let body: Value = serde_json::from_slice(&body).expect("json");
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}
