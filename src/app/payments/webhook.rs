//! Razorpay webhooks: verified over the raw bytes, stored once by event id, then
//! applied in the same transaction.
//!
//! The event id is the `X-Razorpay-Event-Id` header, or `event:entity id:status`
//! when it is missing. A repeat of a stored event changes nothing. Unknown events
//! are stored and acknowledged, so the gateway stops retrying them.

use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::Deserialize;

use super::super::AppError;
use super::capture::{CaptureOutcome, CaptureReport, apply_capture, apply_failure};
use crate::adapters::razorpay_signature::verify_webhook;
use crate::domain::Money;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::entity::webhook_events;

/// The provider name stored with Razorpay's events.
const PROVIDER: &str = "razorpay";

/// One webhook delivery as received.
#[derive(Clone, Copy, Debug)]
pub struct Delivery<'a> {
    /// The raw body, exactly as sent.
    pub body: &'a [u8],
    /// `X-Razorpay-Signature`.
    pub signature: Option<&'a str>,
    /// `X-Razorpay-Event-Id`.
    pub event_id: Option<&'a str>,
}

/// What became of a delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookOutcome {
    /// The event was new and has been applied.
    Processed,
    /// The event was seen before; nothing changed.
    AlreadyProcessed,
    /// The event was stored but has no effect here (unknown kind, unknown order, refused).
    Ignored,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    event: String,
    #[serde(default)]
    payload: serde_json::Value,
}

#[derive(Debug, Deserialize)]
struct PaymentEntity {
    id: String,
    amount: i64,
    currency: String,
    status: String,
    order_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct OrderEntity {
    id: String,
    amount: i64,
    currency: String,
    status: String,
}

/// Verifies, records and applies one delivery.
#[tracing::instrument(skip_all)]
pub async fn receive_razorpay_webhook(
    state: &AppState,
    delivery: Delivery<'_>,
) -> Result<WebhookOutcome, AppError> {
    let gateway = &state.config.gateway;
    let mut secrets = vec![gateway.webhook_secret.as_str()];
    secrets.extend(gateway.webhook_secret_previous.as_deref());
    if !verify_webhook(&secrets, delivery.body, delivery.signature) {
        return Err(AppError::Unauthorized {
            code: "invalid_signature",
            detail: "The X-Razorpay-Signature header does not sign this body.".into(),
        });
    }
    let envelope: Envelope = serde_json::from_slice(delivery.body)
        .map_err(|_| AppError::bad_request("invalid_payload", "The body is not an event."))?;
    let payment: Option<PaymentEntity> = entity(&envelope.payload, "payment")?;
    let order: Option<OrderEntity> = entity(&envelope.payload, "order")?;
    let event_id = match delivery.event_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => id.chars().take(200).collect(),
        None => fallback_event_id(&envelope.event, payment.as_ref(), order.as_ref()),
    };

    let tx = state.db.begin().await?;
    let row = webhook_events::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        provider: Set(PROVIDER.to_owned()),
        event_id: Set(event_id),
        event_type: Set(envelope.event.chars().take(100).collect()),
        received_at: Set(state.clock.now()),
    };
    match webhook_events::Entity::insert(row)
        .exec_without_returning(&tx)
        .await
        .map_err(StoreError::from)
    {
        Ok(_) => {}
        Err(StoreError::Conflict(_)) => return Ok(WebhookOutcome::AlreadyProcessed),
        Err(other) => return Err(other.into()),
    }
    let outcome = apply(state, &tx, &envelope.event, payment, order).await?;
    tx.commit().await?;
    Ok(outcome)
}

async fn apply(
    state: &AppState,
    tx: &crate::store::WriteTx,
    event: &str,
    payment: Option<PaymentEntity>,
    order: Option<OrderEntity>,
) -> Result<WebhookOutcome, AppError> {
    let report = match (event, payment, order) {
        ("payment.captured", Some(payment), _) => capture_of_payment(payment),
        ("order.paid", Some(payment), _) => capture_of_payment(payment),
        ("order.paid", None, Some(order)) => Some(CaptureReport {
            gateway_order_id: order.id,
            gateway_payment_id: None,
            amount: Money::from_paise(order.amount),
            currency: order.currency,
        }),
        ("payment.failed", Some(payment), _) => {
            let Some(order_id) = payment.order_id else {
                return Ok(WebhookOutcome::Ignored);
            };
            apply_failure(state, tx, &order_id, "payment_failed").await?;
            return Ok(WebhookOutcome::Processed);
        }
        _ => None,
    };
    let Some(report) = report else {
        return Ok(WebhookOutcome::Ignored);
    };
    Ok(match apply_capture(state, tx, &report).await? {
        CaptureOutcome::Applied | CaptureOutcome::AlreadyCaptured => WebhookOutcome::Processed,
        CaptureOutcome::UnknownOrder | CaptureOutcome::Mismatch => WebhookOutcome::Ignored,
    })
}

fn capture_of_payment(payment: PaymentEntity) -> Option<CaptureReport> {
    (payment.status == "captured").then_some(())?;
    Some(CaptureReport {
        gateway_order_id: payment.order_id?,
        gateway_payment_id: Some(payment.id),
        amount: Money::from_paise(payment.amount),
        currency: payment.currency,
    })
}

/// Reads `payload.<name>.entity`, if present.
fn entity<T: for<'de> Deserialize<'de>>(
    payload: &serde_json::Value,
    name: &str,
) -> Result<Option<T>, AppError> {
    match payload.get(name).and_then(|wrapper| wrapper.get("entity")) {
        None => Ok(None),
        Some(value) => serde_json::from_value(value.clone())
            .map(Some)
            .map_err(|_| {
                AppError::bad_request(
                    "invalid_payload",
                    format!("The {name} entity is malformed."),
                )
            }),
    }
}

fn fallback_event_id(
    event: &str,
    payment: Option<&PaymentEntity>,
    order: Option<&OrderEntity>,
) -> String {
    let (id, status) = match (payment, order) {
        (Some(p), _) => (p.id.as_str(), p.status.as_str()),
        (None, Some(o)) => (o.id.as_str(), o.status.as_str()),
        (None, None) => ("-", "-"),
    };
    format!("{event}:{id}:{status}")
}
