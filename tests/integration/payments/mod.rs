//! Paying for mock interviews: requests with idempotency keys, coupons, signed
//! webhooks applied exactly once, the sandbox gateway, and the whole pay loop
//! over a real socket.

mod coupons;
mod expiry;
mod live;
mod requests;
mod webhooks;

use std::sync::Arc;

use axum::http::StatusCode;
use mockomi::adapters::razorpay_signature::webhook_signature;
use mockomi::domain::{Role, UserId};
use mockomi::store::entity::{
    interviewer_profiles, interviewer_skills, interviews, notifications, payments, webhook_events,
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::harness::{TestApp, TestResponse, TestUser};

/// The webhook secret of the sandbox configuration.
pub const WEBHOOK_SECRET: &str = "sandbox_webhook_secret";

/// An application served on a real socket, with its public URL pointing there.
pub struct LiveApp {
    pub app: Arc<TestApp>,
    pub url: String,
    _stop: oneshot::Sender<()>,
}

/// Binds a port first, then builds the app whose public URL (and so sandbox
/// gateway address and webhook target) is that port, and serves it.
pub async fn live_app() -> LiveApp {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let app = TestApp::spawn_with(&[("MOCKOMI_PUBLIC_URL", &url)]).await;
    let (stop, stopped) = oneshot::channel::<()>();
    let state = app.state.clone();
    tokio::spawn(async move {
        let shutdown = async move {
            let _ = stopped.await;
        };
        mockomi::server::serve(state, listener, shutdown)
            .await
            .expect("server");
    });
    LiveApp {
        app: Arc::new(app),
        url,
        _stop: stop,
    }
}

/// A typical request body.
pub fn request_body() -> Value {
    json!({"skills": ["Rust", "SQL"], "duration_minutes": 60, "notes": "Backend role"})
}

/// `POST /api/v1/interviews` with an idempotency key.
pub async fn request_interview(
    app: &TestApp,
    user: &TestUser,
    key: &str,
    body: &Value,
) -> TestResponse {
    app.post("/api/v1/interviews")
        .auth(user)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
}

/// Requests an interview and returns (interview id, gateway order id).
pub async fn paid_request(app: &TestApp, seeker: &TestUser) -> (String, String) {
    let key = uuid::Uuid::now_v7().to_string();
    let response = request_interview(app, seeker, &key, &request_body()).await;
    response.assert_status(StatusCode::CREATED);
    let body = response.json();
    (
        body["interview"]["id"].as_str().expect("id").to_owned(),
        body["payment"]["order_id"]
            .as_str()
            .expect("order")
            .to_owned(),
    )
}

/// A webhook body for a payment event on `order_id`.
pub fn payment_event(
    event: &str,
    order_id: &str,
    payment_id: &str,
    status: &str,
    amount: i64,
) -> Vec<u8> {
    let payment = json!({
        "id": payment_id, "entity": "payment", "amount": amount, "currency": "INR",
        "status": status, "order_id": order_id, "method": "card",
        "captured": status == "captured", "amount_refunded": 0, "created_at": 1_700_000_000
    });
    let mut payload = json!({"payment": {"entity": payment}});
    let mut contains = vec!["payment"];
    if event == "order.paid" {
        payload["order"] = json!({"entity": {
            "id": order_id, "entity": "order", "amount": amount, "amount_paid": amount,
            "amount_due": 0, "currency": "INR", "status": "paid", "attempts": 1
        }});
        contains.push("order");
    }
    let envelope = json!({
        "entity": "event", "account_id": "acc_Test", "event": event,
        "contains": contains, "payload": payload, "created_at": 1_700_000_001
    });
    serde_json::to_vec(&envelope).expect("json")
}

/// Delivers a webhook signed with the configured secret.
pub async fn deliver(app: &TestApp, body: &[u8], event_id: Option<&str>) -> TestResponse {
    let signature = webhook_signature(WEBHOOK_SECRET, body);
    let mut request = app
        .post("/api/v1/webhooks/razorpay")
        .header("x-razorpay-signature", &signature);
    if let Some(id) = event_id {
        request = request.header("x-razorpay-event-id", id);
    }
    request.raw("application/json", body.to_vec()).send().await
}

/// An interviewer with the given skills, approved or not.
pub async fn interviewer(app: &TestApp, skills: &[&str], approved: bool) -> TestUser {
    let user = app.user(Role::Interviewer).await;
    let now = mockomi::adapters::clock::Clock::now(app.state.clock.as_ref());
    let profile = interviewer_profiles::ActiveModel {
        user_id: Set(user.id.0),
        years_experience: Set(8),
        current_title: Set(None),
        current_company: Set(None),
        bio: Set(None),
        timezone: Set("Asia/Kolkata".into()),
        approval_status: Set(if approved { "approved" } else { "pending" }.into()),
        rejection_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    interviewer_profiles::Entity::insert(profile)
        .exec_without_returning(app.state.db.conn())
        .await
        .expect("profile");
    for skill in skills {
        let row = interviewer_skills::ActiveModel {
            user_id: Set(user.id.0),
            skill: Set(skill.to_string()),
        };
        interviewer_skills::Entity::insert(row)
            .exec_without_returning(app.state.db.conn())
            .await
            .expect("skill");
    }
    user
}

/// Notifications of `kind` for `user`.
pub async fn notices(app: &TestApp, user: UserId, kind: &str) -> u64 {
    notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.0))
        .filter(notifications::Column::Kind.eq(kind))
        .count(app.state.db.conn())
        .await
        .expect("count")
}

/// The interview row.
pub async fn interview_row(app: &TestApp, id: &str) -> interviews::Model {
    let id: uuid::Uuid = id.parse().expect("uuid");
    interviews::Entity::find_by_id(id)
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("interview exists")
}

/// The payment row of a gateway order.
pub async fn payment_of_order(app: &TestApp, order_id: &str) -> payments::Model {
    payments::Entity::find()
        .filter(payments::Column::GatewayOrderId.eq(order_id))
        .one(app.state.db.conn())
        .await
        .expect("query")
        .expect("payment exists")
}

/// Rows in `webhook_events`.
pub async fn webhook_event_count(app: &TestApp) -> u64 {
    webhook_events::Entity::find()
        .count(app.state.db.conn())
        .await
        .expect("count")
}
