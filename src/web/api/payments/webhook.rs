//! `POST /api/v1/webhooks/razorpay`: the raw body goes to the application layer
//! untouched, because the signature covers its exact bytes.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde_json::{Value, json};

use crate::app::AppError;
use crate::app::payments::webhook::{Delivery, WebhookOutcome, receive_razorpay_webhook};
use crate::state::AppState;
use crate::web::extract::Json;

/// Verifies, records and applies one Razorpay webhook delivery (401 `invalid_signature`).
pub async fn razorpay_webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, AppError> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let delivery = Delivery {
        body: &body,
        signature: header("x-razorpay-signature"),
        event_id: header("x-razorpay-event-id"),
    };
    let status = match receive_razorpay_webhook(&state, delivery).await? {
        WebhookOutcome::Processed => "processed",
        WebhookOutcome::AlreadyProcessed => "already processed",
        WebhookOutcome::Ignored => "ignored",
    };
    Ok(Json(json!({ "status": status })))
}
