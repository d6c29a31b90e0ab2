//! Coupons on requests: server-side discounts, free requests, limits under concurrency.

use axum::http::StatusCode;
use mockomi::store::entity::{coupon_uses, coupons};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use time::Duration;

use super::{
    deliver, interview_row, interviewer, live_app, notices, payment_event, request_interview,
};
use crate::harness::TestApp;

async fn coupon(
    app: &TestApp,
    code: &str,
    kind: &str,
    value: i64,
    global: Option<i32>,
) -> uuid::Uuid {
    let now = mockomi::adapters::clock::Clock::now(app.state.clock.as_ref());
    let id = uuid::Uuid::now_v7();
    let row = coupons::ActiveModel {
        id: Set(id),
        code: Set(code.into()),
        description: Set("test".into()),
        kind: Set(kind.into()),
        value: Set(value),
        active: Set(true),
        starts_at: Set(None),
        expires_at: Set(Some(now + Duration::days(1))),
        per_user_limit: Set(1),
        global_limit: Set(global),
        used_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    };
    coupons::Entity::insert(row)
        .exec_without_returning(app.state.db.conn())
        .await
        .expect("coupon");
    id
}

fn with_coupon(code: &str) -> serde_json::Value {
    json!({"skills": ["Rust"], "duration_minutes": 30, "coupon_code": code})
}

async fn uses(app: &TestApp, coupon: uuid::Uuid, status: &str) -> usize {
    coupon_uses::Entity::find()
        .filter(coupon_uses::Column::CouponId.eq(coupon))
        .filter(coupon_uses::Column::Status.eq(status))
        .all(app.state.db.conn())
        .await
        .expect("uses")
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_percentage_coupon_is_priced_by_the_server_and_committed_on_capture() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let id = coupon(app, "SAVE95", "percent", 95, None).await;

    let response = request_interview(app, &seeker, "c-1", &with_coupon("save95")).await;
    response.assert_status(StatusCode::CREATED);
    let body = response.json();
    assert_eq!(body["interview"]["list_price"], 10_000);
    assert_eq!(body["interview"]["amount_due"], 500);
    assert_eq!(body["payment"]["amount"], 500);
    assert_eq!(uses(app, id, "reserved").await, 1);

    let order = body["payment"]["order_id"].as_str().expect("order");
    let captured = payment_event("payment.captured", order, "pay_Coupon", "captured", 500);
    deliver(app, &captured, None)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(uses(app, id, "committed").await, 1);

    // The per-user limit counts the committed use.
    let again = request_interview(app, &seeker, "c-2", &with_coupon("SAVE95")).await;
    again.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        again.json()["errors"][0]["code"],
        "coupon_user_limit_reached"
    );
}

#[tokio::test]
async fn a_full_coupon_opens_the_request_without_the_gateway() {
    // The gateway is unreachable, which does not matter for a free request.
    let app = TestApp::spawn_with(&[("MOCKOMI_PUBLIC_URL", "http://127.0.0.1:1")]).await;
    let seeker = app.seeker().await;
    let expert = interviewer(&app, &["rust"], true).await;
    let id = coupon(&app, "FREE", "flat", 50_000, None).await;

    let response = request_interview(&app, &seeker, "c-3", &with_coupon("free")).await;
    response.assert_status(StatusCode::CREATED);
    let body = response.json();
    assert_eq!(body["interview"]["status"], "open");
    assert_eq!(body["interview"]["amount_due"], 0);
    assert!(body["payment"].is_null());
    let row = interview_row(&app, body["interview"]["id"].as_str().expect("id")).await;
    assert_eq!(row.status, "open");
    assert_eq!(row.coupon_id, Some(id));
    assert_eq!(uses(&app, id, "committed").await, 1);
    assert_eq!(
        notices(&app, seeker.id, "interview_request_opened").await,
        1
    );
    app.run_jobs().await; // interviewers are told by a job
    assert_eq!(notices(&app, expert.id, "interview_requested").await, 1);
}

#[tokio::test]
async fn unknown_and_expired_coupons_are_refused() {
    let app = TestApp::spawn().await;
    let seeker = app.seeker().await;
    let response = request_interview(&app, &seeker, "c-4", &with_coupon("NOPE")).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json()["errors"][0]["code"], "coupon_not_found");

    coupon(&app, "SOON-GONE", "percent", 100, None).await;
    app.clock.advance(Duration::days(2));
    let later = app.seeker().await; // access tokens do not last two days
    let response = request_interview(&app, &later, "c-5", &with_coupon("soon-gone")).await;
    assert_eq!(response.json()["errors"][0]["code"], "coupon_expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_global_limit_holds_under_concurrency() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let id = coupon(&app, "FIRST2", "percent", 100, Some(2)).await;
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let seeker = app.seeker().await;
            request_interview(&app, &seeker, "race", &with_coupon("FIRST2")).await
        }));
    }
    let mut created = 0;
    for task in tasks {
        let response = task.await.expect("task");
        if response.status == StatusCode::CREATED {
            created += 1;
        } else {
            assert_eq!(
                response.json()["errors"][0]["code"],
                "coupon_exhausted",
                "{}: {}",
                response.status,
                response.text()
            );
        }
    }
    assert_eq!(created, 2);
    assert_eq!(uses(&app, id, "committed").await, 2);
    let row = coupons::Entity::find_by_id(id)
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("coupon");
    assert_eq!(row.used_count, 2);
}
