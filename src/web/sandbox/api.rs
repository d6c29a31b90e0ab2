//! The sandbox's Orders and Payments API: Razorpay's routes, auth and error shapes.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::Value;
use subtle::ConstantTimeEq;

use super::entities::{error_json, new_id, order_json, payment_json};
use crate::state::AppState;
use crate::store::entity::{sandbox_orders, sandbox_payments};

/// The smallest order amount, in paise.
const MIN_AMOUNT: i64 = 100;
/// The longest receipt.
const MAX_RECEIPT: usize = 40;
/// Notes: at most 15 pairs of at most 256 characters each.
const MAX_NOTES: usize = 15;
const MAX_NOTE_LEN: usize = 256;

/// A Razorpay-style failure.
pub struct GatewayFailure(StatusCode, Value);

impl IntoResponse for GatewayFailure {
    fn into_response(self) -> Response {
        (self.0, axum::Json(self.1)).into_response()
    }
}

impl GatewayFailure {
    fn bad(description: &str, field: Option<&str>) -> Self {
        GatewayFailure(StatusCode::BAD_REQUEST, error_json(description, field))
    }

    fn internal(error: impl std::fmt::Display) -> Self {
        tracing::error!(error = %error, "sandbox gateway failed");
        GatewayFailure(
            StatusCode::INTERNAL_SERVER_ERROR,
            serde_json::json!({"error": {"code": "SERVER_ERROR", "description": "The server encountered an error."}}),
        )
    }
}

pub type Answer = Result<axum::Json<Value>, GatewayFailure>;

/// `POST /sandbox/razorpay/v1/orders`.
pub async fn create_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    authenticate(&state, &headers)?;
    let input: Value = serde_json::from_slice(&body)
        .map_err(|_| GatewayFailure::bad("The request body is not valid JSON.", None))?;
    let (amount, currency, receipt, notes) = validate_order(&input)?;
    let order = sandbox_orders::Model {
        id: new_id("order"),
        amount,
        currency,
        receipt,
        notes: notes.to_string(),
        status: "created".to_owned(),
        attempts: 0,
        created_at: state.clock.now(),
    };
    let row: sandbox_orders::ActiveModel = order.clone().into();
    let tx = state.db.begin().await.map_err(GatewayFailure::internal)?;
    sandbox_orders::Entity::insert(row)
        .exec_without_returning(&tx)
        .await
        .map_err(GatewayFailure::internal)?;
    tx.commit().await.map_err(GatewayFailure::internal)?;
    Ok(axum::Json(order_json(&order)))
}

/// `GET /sandbox/razorpay/v1/orders/{id}`.
pub async fn fetch_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    authenticate(&state, &headers)?;
    let order = find_order(&state, &id).await?;
    Ok(axum::Json(order_json(&order)))
}

/// `GET /sandbox/razorpay/v1/payments/{id}`.
pub async fn fetch_payment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    authenticate(&state, &headers)?;
    let payment = sandbox_payments::Entity::find_by_id(id)
        .one(state.db.conn())
        .await
        .map_err(GatewayFailure::internal)?
        .ok_or_else(|| GatewayFailure::bad("The id provided does not exist", None))?;
    let order = find_order(&state, &payment.order_id).await?;
    Ok(axum::Json(payment_json(&payment, &order)))
}

async fn find_order(state: &AppState, id: &str) -> Result<sandbox_orders::Model, GatewayFailure> {
    sandbox_orders::Entity::find_by_id(id.to_owned())
        .one(state.db.conn())
        .await
        .map_err(GatewayFailure::internal)?
        .ok_or_else(|| GatewayFailure::bad("The id provided does not exist", None))
}

/// HTTP Basic auth with the configured key id and secret.
fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<(), GatewayFailure> {
    let gateway = &state.config.gateway;
    let expected = format!("{}:{}", gateway.key_id, gateway.key_secret);
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| {
            base64::engine::general_purpose::STANDARD
                .decode(v.trim())
                .ok()
        })
        .unwrap_or_default();
    if bool::from(given.ct_eq(expected.as_bytes())) {
        return Ok(());
    }
    Err(GatewayFailure(
        StatusCode::UNAUTHORIZED,
        error_json("Authentication failed", None),
    ))
}

type OrderInput = (i64, String, Option<String>, Value);

/// Checks an order body the way Razorpay does.
fn validate_order(input: &Value) -> Result<OrderInput, GatewayFailure> {
    let amount = match input.get("amount") {
        None | Some(Value::Null) => {
            return Err(GatewayFailure::bad(
                "The amount field is required.",
                Some("amount"),
            ));
        }
        Some(value) => value
            .as_i64()
            .ok_or_else(|| GatewayFailure::bad("The amount must be an integer.", Some("amount")))?,
    };
    if amount < MIN_AMOUNT {
        return Err(GatewayFailure::bad(
            "The amount must be at least INR 1.00",
            Some("amount"),
        ));
    }
    let currency = input.get("currency").and_then(Value::as_str).unwrap_or("");
    if currency != "INR" {
        return Err(GatewayFailure::bad(
            "The currency must be INR in the sandbox.",
            Some("currency"),
        ));
    }
    let receipt = match input.get("receipt") {
        None | Some(Value::Null) => None,
        Some(Value::String(receipt)) if receipt.chars().count() <= MAX_RECEIPT => {
            Some(receipt.clone())
        }
        Some(_) => {
            return Err(GatewayFailure::bad(
                "The receipt may not be greater than 40 characters.",
                Some("receipt"),
            ));
        }
    };
    let notes = match input.get("notes") {
        None | Some(Value::Null) => Value::Object(Default::default()),
        Some(Value::Array(list)) if list.is_empty() => Value::Object(Default::default()),
        Some(Value::Object(map))
            if map.len() <= MAX_NOTES
                && map
                    .values()
                    .all(|v| note_len(v).is_some_and(|n| n <= MAX_NOTE_LEN)) =>
        {
            Value::Object(map.clone())
        }
        Some(_) => {
            return Err(GatewayFailure::bad(
                "The notes must be at most 15 key-value pairs of at most 256 characters.",
                Some("notes"),
            ));
        }
    };
    Ok((amount, currency.to_owned(), receipt, notes))
}

fn note_len(value: &Value) -> Option<usize> {
    match value {
        Value::String(s) => Some(s.chars().count()),
        Value::Number(n) => Some(n.to_string().len()),
        _ => None,
    }
}

/// Creates a payment row for `order` (used by the checkout page).
pub fn new_payment(
    order: &sandbox_orders::Model,
    id: &str,
    status: &str,
    now: time::OffsetDateTime,
) -> sandbox_payments::ActiveModel {
    sandbox_payments::ActiveModel {
        id: Set(id.to_owned()),
        order_id: Set(order.id.clone()),
        amount: Set(order.amount),
        currency: Set(order.currency.clone()),
        status: Set(status.to_owned()),
        method: Set("card".to_owned()),
        created_at: Set(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn orders_are_validated_like_razorpay() {
        assert!(validate_order(&json!({"amount": 100, "currency": "INR"})).is_ok());
        let too_small = validate_order(&json!({"amount": 99, "currency": "INR"}));
        assert!(matches!(
            too_small,
            Err(GatewayFailure(StatusCode::BAD_REQUEST, _))
        ));
        assert!(validate_order(&json!({"amount": 100.5, "currency": "INR"})).is_err());
        assert!(validate_order(&json!({"amount": "100", "currency": "INR"})).is_err());
        let long = "r".repeat(41);
        assert!(
            validate_order(&json!({"amount": 100, "currency": "INR", "receipt": long})).is_err()
        );
        let notes: serde_json::Map<String, Value> =
            (0..16).map(|i| (format!("k{i}"), json!("v"))).collect();
        assert!(
            validate_order(&json!({"amount": 100, "currency": "INR", "notes": notes})).is_err()
        );
    }
}
