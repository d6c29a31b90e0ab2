//! The real Razorpay client against the sandbox gateway, and the whole pay loop
//! over HTTP: request, checkout page, pay, callback, webhook, open request.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use mockomi::adapters::payment_gateway::{GatewayError, GatewayPaymentStatus, PaymentGateway};
use mockomi::adapters::razorpay::RazorpayClient;
use mockomi::domain::Money;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

use super::{interview_row, interviewer, live_app, notices, payment_of_order, request_body};
use crate::harness::TestUser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_razorpay_client_speaks_to_the_sandbox() {
    let live = live_app().await;
    let client = RazorpayClient::new(&live.app.state.config.gateway).expect("client");
    let notes = BTreeMap::from([("interview_id".to_owned(), "abc".to_owned())]);

    let order = client
        .create_order(Money::from_paise(10_000), "receipt-1", &notes)
        .await
        .expect("order");
    assert!(order.id.starts_with("order_"));
    assert_eq!(order.amount, Money::from_paise(10_000));
    assert_eq!(order.currency, "INR");
    assert_eq!(order.status, "created");

    let refused = client
        .create_order(Money::from_paise(99), "receipt-2", &notes)
        .await;
    match refused {
        Err(GatewayError::Rejected { code, description }) => {
            assert_eq!(code, "BAD_REQUEST_ERROR");
            assert_eq!(description, "The amount must be at least INR 1.00");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    let long_receipt = "r".repeat(41);
    let refused = client
        .create_order(Money::from_paise(100), &long_receipt, &notes)
        .await;
    assert!(matches!(refused, Err(GatewayError::Rejected { .. })));
    assert!(matches!(
        client.fetch_payment("pay_Unknown0000000").await,
        Err(GatewayError::Rejected { .. })
    ));

    let mut wrong = live.app.state.config.gateway.clone();
    wrong.key_secret = "not-the-secret".into();
    let intruder = RazorpayClient::new(&wrong).expect("client");
    let denied = intruder
        .create_order(Money::from_paise(10_000), "r", &notes)
        .await;
    assert!(matches!(denied, Err(GatewayError::Rejected { .. })));

    let raw = reqwest::Client::new()
        .get(format!(
            "{}/sandbox/razorpay/v1/orders/{}",
            live.url, order.id
        ))
        .basic_auth("rzp_test_sandbox", Some("sandbox_key_secret"))
        .send()
        .await
        .expect("fetch order");
    assert_eq!(raw.status(), StatusCode::OK);
    let entity: serde_json::Value = raw.json().await.expect("json");
    assert_eq!(entity["entity"], "order");
    assert_eq!(entity["amount_due"], 10_000);
    assert_eq!(entity["notes"]["interview_id"], "abc");
    assert_eq!(entity["receipt"], "receipt-1");
}

/// A browser without a cookie jar: cookies are carried by hand.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The value of `name="…" value="…"` in a page.
fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    unescape(&html[start..end])
}

fn unescape(text: &str) -> String {
    text.replace("&#x2f;", "/")
        .replace("&#47;", "/")
        .replace("&#61;", "=")
        .replace("&#x3d;", "=")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Requests an interview over HTTP and returns (interview id, checkout url).
async fn request_over_http(url: &str, seeker: &TestUser) -> (String, String) {
    let response = browser()
        .post(format!("{url}/api/v1/interviews"))
        .bearer_auth(&seeker.token)
        .header("idempotency-key", uuid::Uuid::now_v7().to_string())
        .json(&request_body())
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: serde_json::Value = response.json().await.expect("json");
    (
        body["interview"]["id"].as_str().expect("id").to_owned(),
        body["payment"]["checkout_url"]
            .as_str()
            .expect("url")
            .to_owned(),
    )
}

/// Opens the checkout page and presses one of its buttons; returns the hand-back page.
async fn pay_on_checkout(url: &str, checkout_url: &str, outcome: &str) -> String {
    let page = browser()
        .get(checkout_url)
        .send()
        .await
        .expect("checkout page");
    assert_eq!(page.status(), StatusCode::OK);
    let cookie = page
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mockomi_csrf="))
        .and_then(|v| v.split(';').next())
        .expect("csrf cookie")
        .to_owned();
    let html = page.text().await.expect("html");
    assert!(html.contains("Pay ₹100.00 (test)"), "{html}");
    assert!(html.contains("Fail payment"));
    let token = hidden_value(&html, "csrf_token");
    let callback = hidden_value(&html, "callback_url");
    let order_id = checkout_url
        .split("order_id=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("order id");

    let pay_url = format!("{url}/sandbox/razorpay/checkout/{order_id}/pay");
    let without_csrf = browser()
        .post(&pay_url)
        .form(&[("callback_url", callback.as_str()), ("outcome", outcome)])
        .send()
        .await
        .expect("pay");
    assert_eq!(without_csrf.status(), StatusCode::FORBIDDEN);
    let paid = browser()
        .post(&pay_url)
        .header(COOKIE, cookie)
        .form(&[
            ("csrf_token", token.as_str()),
            ("callback_url", callback.as_str()),
            ("outcome", outcome),
        ])
        .send()
        .await
        .expect("pay");
    assert_eq!(paid.status(), StatusCode::OK);
    paid.text().await.expect("html")
}

/// Submits the hand-back form as the browser would (no cookies: it is cross-site).
async fn follow_callback(html: &str, fields: &[&str]) -> reqwest::Response {
    let marker = "id=\"gateway-callback\" method=\"post\" action=\"";
    let start = html.find(marker).expect("callback form") + marker.len();
    let action = unescape(&html[start..start + html[start..].find('"').expect("quote")]);
    let form: Vec<(&str, String)> = fields.iter().map(|f| (*f, hidden_value(html, f))).collect();
    browser()
        .post(action)
        .form(&form)
        .send()
        .await
        .expect("callback")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_whole_pay_loop_runs_over_http() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let expert = interviewer(app, &["rust"], true).await;
    let (interview, checkout_url) = request_over_http(&live.url, &seeker).await;
    assert!(checkout_url.starts_with(&format!("{}/sandbox/razorpay/checkout", live.url)));

    let html = pay_on_checkout(&live.url, &checkout_url, "success").await;
    assert!(html.contains("/sandbox/razorpay/autosubmit.js"));
    let fields = [
        "razorpay_payment_id",
        "razorpay_order_id",
        "razorpay_signature",
    ];
    let back = follow_callback(&html, &fields).await;
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        back.headers()[LOCATION],
        format!("/me/interviews/{interview}")
    );

    let order_id = hidden_value(&html, "razorpay_order_id");
    let payment = payment_of_order(app, &order_id).await;
    assert!(payment.checkout_verified_at.is_some());
    assert_eq!(
        payment.gateway_payment_id,
        Some(hidden_value(&html, "razorpay_payment_id"))
    );

    let shown = mockomi::app::payments::status::latest_payment(
        app.state.db.conn(),
        interview.parse().expect("id"),
    )
    .await
    .expect("state")
    .expect("payment");
    assert!(
        shown.confirming,
        "the page shows 'confirming payment' until the capture"
    );

    // The worker delivers the signed webhooks over HTTP and confirms with the gateway.
    app.run_jobs().await;
    assert_eq!(interview_row(app, &interview).await.status, "open");
    assert_eq!(payment_of_order(app, &order_id).await.status, "captured");
    assert_eq!(notices(app, seeker.id, "payment_succeeded").await, 1);
    assert_eq!(notices(app, expert.id, "interview_requested").await, 1);
    assert_eq!(super::webhook_event_count(app).await, 2);

    let client = RazorpayClient::new(&app.state.config.gateway).expect("client");
    let reported = client
        .fetch_payment(&payment.gateway_payment_id.expect("id"))
        .await
        .expect("payment");
    assert_eq!(reported.status, GatewayPaymentStatus::Captured);
    assert_eq!(reported.order_id.as_deref(), Some(order_id.as_str()));

    // A paid order cannot be paid again.
    let page = browser().get(&checkout_url).send().await.expect("page");
    assert!(
        page.text()
            .await
            .expect("html")
            .contains("already been paid")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_checkout_comes_back_with_error_fields() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let (interview, checkout_url) = request_over_http(&live.url, &seeker).await;

    let html = pay_on_checkout(&live.url, &checkout_url, "failure").await;
    let back = follow_callback(&html, &["error[code]", "error[description]"]).await;
    assert_eq!(back.status(), StatusCode::OK);
    assert!(
        back.text()
            .await
            .expect("html")
            .contains("did not go through")
    );

    app.run_jobs().await;
    assert_eq!(
        interview_row(app, &interview).await.status,
        "awaiting_payment"
    );
    assert_eq!(notices(app, seeker.id, "payment_failed").await, 1);
    let retry = app
        .post(&format!("/api/v1/interviews/{interview}/payments"))
        .auth(&seeker)
        .header("idempotency-key", "after-failure")
        .send()
        .await;
    retry.assert_status(StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_request_page_sends_the_browser_to_checkout() {
    let live = live_app().await;
    let app = &live.app;
    let seeker = app.seeker().await;
    let tx = app.state.db.begin().await.expect("tx");
    let session = mockomi::app::sessions::open_web_session(&app.state, &tx, seeker.id)
        .await
        .expect("session");
    tx.commit().await.expect("commit");
    let session_cookie = format!("mockomi_session={session}");

    let page = browser()
        .get(format!("{}/me/interviews/new", live.url))
        .header(COOKIE, &session_cookie)
        .send()
        .await
        .expect("form");
    assert_eq!(page.status(), StatusCode::OK);
    let csrf = page
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mockomi_csrf="))
        .and_then(|v| v.split(';').next())
        .expect("csrf cookie")
        .to_owned();
    let html = page.text().await.expect("html");
    assert!(html.contains("Request a mock interview"));
    let token = hidden_value(&html, "csrf_token");
    let key = hidden_value(&html, "idempotency_key");
    let cookies = format!("{session_cookie}; {csrf}");
    let form = [
        ("csrf_token", token.as_str()),
        ("idempotency_key", key.as_str()),
        ("skills", "Rust, System design"),
        ("duration_minutes", "45"),
        ("notes", ""),
        ("coupon_code", ""),
    ];
    let submit = || {
        browser()
            .post(format!("{}/me/interviews/new", live.url))
            .header(COOKIE, &cookies)
            .form(&form)
            .send()
    };
    let first = submit().await.expect("submit");
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let location = first.headers()[LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with(&format!(
        "{}/sandbox/razorpay/checkout?order_id=order_",
        live.url
    )));
    // A double submit lands on the same checkout and creates nothing new.
    let second = submit().await.expect("submit");
    assert_eq!(
        second.headers()[LOCATION].to_str().expect("location"),
        location
    );
    use sea_orm::{EntityTrait, PaginatorTrait};
    let count = mockomi::store::entity::interviews::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count");
    assert_eq!(count, 1);

    let bad = [
        ("csrf_token", token.as_str()),
        ("idempotency_key", "another"),
        ("skills", " "),
        ("duration_minutes", "45"),
    ];
    let rejected = browser()
        .post(format!("{}/me/interviews/new", live.url))
        .header(COOKIE, &cookies)
        .form(&bad)
        .send()
        .await
        .expect("submit");
    assert_eq!(rejected.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        rejected
            .text()
            .await
            .expect("html")
            .contains("Pick at least one skill.")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn razorpay_mode_orders_through_the_api_and_opens_checkout_on_our_page() {
    // One app plays Razorpay (its sandbox); the other is configured for Razorpay.
    let gateway = live_app().await;
    let api_base = format!("{}/sandbox/razorpay", gateway.url);
    let app = crate::harness::TestApp::spawn_with(&[
        ("PAYMENT_GATEWAY", "razorpay"),
        ("RAZORPAY_API_BASE", &api_base),
        ("RAZORPAY_KEY_ID", "rzp_test_sandbox"),
        ("RAZORPAY_KEY_SECRET", "sandbox_key_secret"),
        ("RAZORPAY_WEBHOOK_SECRET", "sandbox_webhook_secret"),
    ])
    .await;
    let seeker = app.seeker().await;
    let key = uuid::Uuid::now_v7().to_string();
    let response = super::request_interview(&app, &seeker, &key, &request_body()).await;
    response.assert_status(StatusCode::CREATED);
    let body = response.json();
    let interview = body["interview"]["id"].as_str().expect("id");
    let order_id = body["payment"]["order_id"].as_str().expect("order");
    assert_eq!(
        body["payment"]["checkout_url"],
        format!("http://mockomi.test/interviews/{interview}/pay")
    );

    let tx = app.state.db.begin().await.expect("tx");
    let session = mockomi::app::sessions::open_web_session(&app.state, &tx, seeker.id)
        .await
        .expect("session");
    tx.commit().await.expect("commit");
    let page = app
        .get(&format!("/interviews/{interview}/pay"))
        .header("cookie", &format!("mockomi_session={session}"))
        .send()
        .await;
    page.assert_status(StatusCode::OK);
    let html = page.text();
    assert!(html.contains("https://checkout.razorpay.com/v1/checkout.js"));
    assert!(html.contains(order_id));
    assert!(html.contains("Pay ₹100.00"));

    // No sandbox is served in Razorpay mode.
    app.get("/sandbox/razorpay/v1/orders/x")
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let state = mockomi::app::payments::status::latest_payment(
        app.state.db.conn(),
        interview.parse().expect("id"),
    )
    .await
    .expect("state")
    .expect("a payment");
    assert_eq!(state.status, "created");
    assert!(!state.confirming);
}
