//! Signed webhooks: verified over the raw body, stored once, applied once.

use std::sync::Arc;

use axum::http::StatusCode;
use mockomi::adapters::razorpay_signature::checkout_signature;

use super::{
    deliver, interview_row, interviewer, live_app, notices, paid_request, payment_event,
    payment_of_order, webhook_event_count,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_badly_signed_webhook_is_refused_and_changes_nothing() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let (interview, order) = paid_request(app, &seeker).await;
    let body = payment_event("payment.captured", &order, "pay_Bad", "captured", 10_000);

    let wrong = mockomi::adapters::razorpay_signature::webhook_signature("other", &body);
    for signature in [Some(wrong.as_str()), Some(""), None] {
        let mut request = app.post("/api/v1/webhooks/razorpay");
        if let Some(signature) = signature {
            request = request.header("x-razorpay-signature", signature);
        }
        let response = request.raw("application/json", body.clone()).send().await;
        response.assert_status(StatusCode::UNAUTHORIZED);
        assert_eq!(response.code(), "invalid_signature");
    }
    assert_eq!(webhook_event_count(app).await, 0);
    assert_eq!(
        interview_row(app, &interview).await.status,
        "awaiting_payment"
    );
    assert_eq!(payment_of_order(app, &order).await.status, "created");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_capture_opens_the_request_and_tells_matching_interviewers() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let matching = interviewer(app, &["rust"], true).await;
    let other_skill = interviewer(app, &["java"], true).await;
    let unapproved = interviewer(app, &["sql"], false).await;
    let (interview, order) = paid_request(app, &seeker).await;

    let body = payment_event("payment.captured", &order, "pay_One", "captured", 10_000);
    let response = deliver(app, &body, Some("evt_1")).await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.json()["status"], "processed");

    let row = interview_row(app, &interview).await;
    assert_eq!(row.status, "open");
    assert!(row.open_until.is_some());
    let payment = payment_of_order(app, &order).await;
    assert_eq!(payment.status, "captured");
    assert_eq!(payment.gateway_payment_id.as_deref(), Some("pay_One"));
    assert_eq!(notices(app, seeker.id, "payment_succeeded").await, 1);
    app.run_jobs().await; // interviewers are told by a job
    assert_eq!(notices(app, matching.id, "interview_requested").await, 1);
    assert_eq!(notices(app, other_skill.id, "interview_requested").await, 0);
    assert_eq!(notices(app, unapproved.id, "interview_requested").await, 0);

    // The same event again is acknowledged and changes nothing.
    let again = deliver(app, &body, Some("evt_1")).await;
    again.assert_status(StatusCode::OK);
    assert_eq!(again.json()["status"], "already processed");
    assert_eq!(notices(app, seeker.id, "payment_succeeded").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_after_a_capture_does_not_undo_it() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let (interview, order) = paid_request(app, &seeker).await;

    let captured = payment_event("payment.captured", &order, "pay_Two", "captured", 10_000);
    deliver(app, &captured, Some("evt_c"))
        .await
        .assert_status(StatusCode::OK);
    let failed = payment_event("payment.failed", &order, "pay_Two", "failed", 10_000);
    deliver(app, &failed, Some("evt_f"))
        .await
        .assert_status(StatusCode::OK);

    assert_eq!(payment_of_order(app, &order).await.status, "captured");
    assert_eq!(interview_row(app, &interview).await.status, "open");
    assert_eq!(notices(app, seeker.id, "payment_failed").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_capture_after_a_failure_still_wins() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let (interview, order) = paid_request(app, &seeker).await;

    let failed = payment_event("payment.failed", &order, "pay_Late", "failed", 10_000);
    deliver(app, &failed, None)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(payment_of_order(app, &order).await.status, "failed");
    assert_eq!(notices(app, seeker.id, "payment_failed").await, 1);

    let captured = payment_event("payment.captured", &order, "pay_Late", "captured", 10_000);
    deliver(app, &captured, None)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(payment_of_order(app, &order).await.status, "captured");
    assert_eq!(interview_row(app, &interview).await.status, "open");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_concurrent_deliveries_of_one_event_apply_once() {
    let live = live_app().await;
    let seeker = live.app.seeker().await;
    let expert = interviewer(&live.app, &["rust", "sql"], true).await;
    let (interview, order) = paid_request(&live.app, &seeker).await;
    let body = Arc::new(payment_event(
        "payment.captured",
        &order,
        "pay_Ten",
        "captured",
        10_000,
    ));

    let mut tasks = Vec::new();
    for _ in 0..10 {
        let app = live.app.clone();
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            deliver(&app, &body, Some("evt_ten")).await.status
        }));
    }
    for task in tasks {
        assert_eq!(task.await.expect("task"), StatusCode::OK);
    }
    let app = &live.app;
    assert_eq!(webhook_event_count(app).await, 1);
    assert_eq!(interview_row(app, &interview).await.status, "open");
    assert_eq!(notices(app, seeker.id, "payment_succeeded").await, 1);
    app.run_jobs().await; // interviewers are told by a job
    assert_eq!(notices(app, expert.id, "interview_requested").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn captured_and_order_paid_for_the_same_money_apply_once() {
    let live = live_app().await;
    let seeker = live.app.seeker().await;
    let expert = interviewer(&live.app, &["sql"], true).await;
    let (interview, order) = paid_request(&live.app, &seeker).await;

    let mut tasks = Vec::new();
    for round in 0..3 {
        for event in ["payment.captured", "order.paid"] {
            let app = live.app.clone();
            let body = payment_event(event, &order, "pay_Both", "captured", 10_000);
            let id = format!("evt_{event}_{round}");
            tasks.push(tokio::spawn(async move {
                deliver(&app, &body, Some(&id)).await.status
            }));
        }
    }
    for task in tasks {
        assert_eq!(task.await.expect("task"), StatusCode::OK);
    }
    let app = &live.app;
    assert_eq!(webhook_event_count(app).await, 6);
    assert_eq!(interview_row(app, &interview).await.status, "open");
    assert_eq!(notices(app, seeker.id, "payment_succeeded").await, 1);
    app.run_jobs().await; // interviewers are told by a job
    assert_eq!(notices(app, expert.id, "interview_requested").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_capture_of_another_amount_is_refused() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let (interview, order) = paid_request(app, &seeker).await;

    let short = payment_event("payment.captured", &order, "pay_Short", "captured", 100);
    let response = deliver(app, &short, Some("evt_short")).await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.json()["status"], "ignored");
    assert_eq!(payment_of_order(app, &order).await.status, "created");
    assert_eq!(
        interview_row(app, &interview).await.status,
        "awaiting_payment"
    );
    assert_eq!(notices(app, seeker.id, "payment_succeeded").await, 0);
}

#[tokio::test]
async fn unknown_events_are_stored_and_acknowledged() {
    let app = crate::harness::TestApp::spawn().await;
    let body = br#"{"entity":"event","event":"refund.processed","payload":{}}"#;
    let response = deliver(&app, body, None).await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.json()["status"], "ignored");
    assert_eq!(webhook_event_count(&app).await, 1);
    let again = deliver(&app, body, None).await;
    assert_eq!(again.json()["status"], "already processed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checkout_signature_is_checked_against_the_stored_order() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let (interview, order) = paid_request(app, &seeker).await;
    let path = format!("/api/v1/interviews/{interview}/payment/verify");

    // Signed for an order of the attacker's choosing: refused, even when posted as such.
    let forged = checkout_signature("sandbox_key_secret", "order_Forged00000000", "pay_X");
    let response = app
        .post(&path)
        .auth(&seeker)
        .json(&serde_json::json!({
            "razorpay_order_id": "order_Forged00000000",
            "razorpay_payment_id": "pay_X",
            "razorpay_signature": forged,
        }))
        .send()
        .await;
    response.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(response.code(), "invalid_signature");

    let good = checkout_signature("sandbox_key_secret", &order, "pay_X");
    let response = app
        .post(&path)
        .auth(&seeker)
        .json(&serde_json::json!({"razorpay_payment_id": "pay_X", "razorpay_signature": good}))
        .send()
        .await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.json()["payment_status"], "created");
    assert_eq!(response.json()["interview_status"], "awaiting_payment");
    let payment = payment_of_order(app, &order).await;
    assert!(payment.checkout_verified_at.is_some());
    assert_eq!(payment.gateway_payment_id.as_deref(), Some("pay_X"));

    // The confirmation job asks the gateway, which knows no such payment: nothing opens.
    app.run_jobs().await;
    assert_eq!(
        interview_row(app, &interview).await.status,
        "awaiting_payment"
    );

    let page = app
        .post(&format!("/interviews/{interview}/payment/callback"))
        .form(&[
            ("razorpay_payment_id", "pay_X"),
            ("razorpay_signature", &"0".repeat(64)),
        ])
        .send()
        .await;
    page.assert_status(StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_previous_webhook_secret_still_verifies_during_a_rotation() {
    let app = crate::harness::TestApp::spawn_with(&[
        ("RAZORPAY_WEBHOOK_SECRET", "new_secret"),
        ("RAZORPAY_WEBHOOK_SECRET_PREVIOUS", "old_secret"),
    ])
    .await;
    let body = br#"{"entity":"event","event":"payment.authorized","payload":{}}"#;
    for (secret, event_id, expected) in [
        ("old_secret", "evt_old", StatusCode::OK),
        ("new_secret", "evt_new", StatusCode::OK),
        (super::WEBHOOK_SECRET, "evt_other", StatusCode::UNAUTHORIZED),
    ] {
        let signature = mockomi::adapters::razorpay_signature::webhook_signature(secret, body);
        let response = app
            .post("/api/v1/webhooks/razorpay")
            .header("x-razorpay-signature", &signature)
            .header("x-razorpay-event-id", event_id)
            .raw("application/json", body.to_vec())
            .send()
            .await;
        response.assert_status(expected);
    }
    assert_eq!(webhook_event_count(&app).await, 2);
}
