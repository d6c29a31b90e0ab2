//! Requesting a mock interview: pricing, the gateway order, idempotency keys.

use axum::http::StatusCode;
use mockomi::domain::Role;
use mockomi::store::entity::{interviews, payments, sandbox_orders};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use super::{interview_row, live_app, request_body, request_interview};
use crate::harness::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_creates_an_order_for_the_list_price() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;

    let response = request_interview(app, &seeker, "key-1", &request_body()).await;
    response.assert_status(StatusCode::CREATED);
    let body = response.json();
    assert_eq!(body["interview"]["status"], "awaiting_payment");
    assert_eq!(body["interview"]["skills"], json!(["rust", "sql"]));
    assert_eq!(body["interview"]["list_price"], 10_000);
    assert_eq!(body["interview"]["amount_due"], 10_000);
    let payment = &body["payment"];
    assert_eq!(payment["amount"], 10_000);
    assert_eq!(payment["currency"], "INR");
    assert_eq!(payment["key_id"], "rzp_test_sandbox");
    let order_id = payment["order_id"].as_str().expect("order id");
    assert!(order_id.starts_with("order_") && order_id.len() == 20);
    let checkout = payment["checkout_url"].as_str().expect("checkout url");
    assert!(checkout.starts_with(&format!(
        "{}/sandbox/razorpay/checkout?order_id={order_id}",
        live.url
    )));

    let stored = payments::Entity::find()
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("payment");
    assert_eq!(stored.status, "created");
    assert_eq!(stored.gateway_order_id.as_deref(), Some(order_id));
    let order = sandbox_orders::Entity::find_by_id(order_id.to_owned())
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("order at the gateway");
    let receipt = order.receipt.expect("receipt");
    assert!(receipt.len() <= 40);
    assert_eq!(receipt, stored.id.simple().to_string());
    assert_eq!(order.amount, 10_000);
}

#[tokio::test]
async fn a_request_needs_an_idempotency_key() {
    let app = TestApp::spawn().await;
    let seeker = app.seeker().await;
    let response = app
        .post("/api/v1/interviews")
        .auth(&seeker)
        .json(&request_body())
        .send()
        .await;
    response.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(response.code(), "idempotency_key_required");
    let count = interviews::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn only_verified_job_seekers_may_request() {
    let app = TestApp::spawn().await;
    let employer = app.user(Role::Employer).await;
    let response = request_interview(&app, &employer, "k", &request_body()).await;
    response.assert_status(StatusCode::FORBIDDEN);
    let unverified = app.user_with(Role::JobSeeker, false).await;
    let response = request_interview(&app, &unverified, "k", &request_body()).await;
    assert_eq!(response.code(), "email_not_verified");
    let response = app
        .post("/api/v1/interviews")
        .json(&request_body())
        .send()
        .await;
    response.assert_status(StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_key_and_body_replays_the_first_answer() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;

    let first = request_interview(app, &seeker, "same-key", &request_body()).await;
    first.assert_status(StatusCode::CREATED);
    let second = request_interview(app, &seeker, "same-key", &request_body()).await;
    second.assert_status(StatusCode::CREATED);
    assert_eq!(first.json(), second.json());
    assert_eq!(second.headers["idempotent-replayed"], "true");

    let db = app.state.db.conn();
    assert_eq!(
        interviews::Entity::find().count(db).await.expect("count"),
        1
    );
    assert_eq!(
        sandbox_orders::Entity::find()
            .count(db)
            .await
            .expect("count"),
        1
    );

    // Keys belong to their caller: another seeker's identical key is a new request.
    let other = app.seeker().await;
    let theirs = request_interview(app, &other, "same-key", &request_body()).await;
    theirs.assert_status(StatusCode::CREATED);
    assert_ne!(
        theirs.json()["interview"]["id"],
        first.json()["interview"]["id"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_key_with_another_body_is_refused() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    request_interview(app, &seeker, "k-2", &request_body())
        .await
        .assert_status(StatusCode::CREATED);
    let changed = json!({"skills": ["Go"], "duration_minutes": 30});
    let response = request_interview(app, &seeker, "k-2", &changed).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.code(), "idempotency_key_reused");
    let count = interviews::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(count, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_duplicates_create_one_request() {
    let live = live_app().await;
    let seeker = live.app.seeker().await;
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let app = live.app.clone();
        let seeker = seeker.clone();
        tasks.push(tokio::spawn(async move {
            request_interview(&app, &seeker, "racing-key", &request_body()).await
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        let response = task.await.expect("task");
        if response.status == StatusCode::CONFLICT {
            assert_eq!(response.code(), "idempotency_key_in_use");
        }
        statuses.push(response.status);
    }
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT)
    );
    assert!(statuses.contains(&StatusCode::CREATED));
    let count = interviews::Entity::find()
        .count(live.app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(count, 1);
}

#[tokio::test]
async fn invalid_input_is_refused_without_using_up_the_key() {
    let app = TestApp::spawn().await;
    let seeker = app.seeker().await;
    let bad = json!({"skills": [], "duration_minutes": 50, "notes": "x".repeat(1001)});
    let response = request_interview(&app, &seeker, "k-3", &bad).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = response.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(fields, vec!["skills", "duration_minutes", "notes"]);
    let six = json!({"skills": ["a", "b", "c", "d", "e", "f"], "duration_minutes": 30});
    let response = request_interview(&app, &seeker, "k-3", &six).await;
    assert_eq!(response.json()["errors"][0]["code"], "too_many");
    let count = interviews::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_gateway_outage_keeps_the_request_awaiting_payment() {
    // Nothing listens on port 1, so the gateway is unreachable.
    let app = TestApp::spawn_with(&[("MOCKOMI_PUBLIC_URL", "http://127.0.0.1:1")]).await;
    let seeker = app.seeker().await;
    let response = request_interview(&app, &seeker, "k-4", &request_body()).await;
    response.assert_status(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.code(), "gateway_unavailable");

    let interview = interviews::Entity::find()
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("the request was kept");
    assert_eq!(interview.status, "awaiting_payment");
    let payment = payments::Entity::find()
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("payment");
    assert_eq!(payment.status, "failed");
    assert_eq!(payment.gateway_order_id, None);

    // The same key replays the outage instead of creating a second request.
    let again = request_interview(&app, &seeker, "k-4", &request_body()).await;
    again.assert_status(StatusCode::SERVICE_UNAVAILABLE);
    let count = interviews::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(count, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_payment_attempt_gets_a_new_order() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let (interview, first_order) = super::paid_request(app, &seeker).await;

    let path = format!("/api/v1/interviews/{interview}/payments");
    let response = app
        .post(&path)
        .auth(&seeker)
        .header("idempotency-key", "retry-1")
        .send()
        .await;
    response.assert_status(StatusCode::CREATED);
    let second_order = response.json()["payment"]["order_id"]
        .as_str()
        .expect("order")
        .to_owned();
    assert_ne!(first_order, second_order);
    assert_eq!(
        response.json()["interview"]["skills"],
        json!(["rust", "sql"])
    );

    let other = app.seeker().await;
    let response = app
        .post(&path)
        .auth(&other)
        .header("idempotency-key", "retry-2")
        .send()
        .await;
    response.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        interview_row(app, &interview).await.status,
        "awaiting_payment"
    );
}

/// Booking needs a complete profile, enforced by the server.
#[tokio::test]
async fn an_incomplete_profile_cannot_book() {
    let app = TestApp::spawn().await;
    let seeker = app.user(Role::JobSeeker).await;
    let response = app
        .post("/api/v1/interviews")
        .auth(&seeker)
        .header("idempotency-key", "incomplete-1")
        .json(&json!({"skills": ["rust"], "duration_minutes": 60}))
        .send()
        .await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.code(), "profile_incomplete");
    let rows = interviews::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(rows, 0, "nothing is written for a refused booking");
}
