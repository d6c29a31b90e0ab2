//! The sandbox's webhook deliveries: signed events POSTed over real HTTP to
//! Mockomi's own webhook endpoint, retried by the job queue until acknowledged.
//!
//! A captured payment produces `payment.captured` then `order.paid`; a failed
//! one `payment.failed`. Each event keeps its id across retries, as Razorpay's
//! `X-Razorpay-Event-Id` does, and is signed over the exact bytes sent.

use std::time::Duration;

use anyhow::{Context, bail};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::entities::{order_json, payment_json};
use crate::adapters::razorpay_signature::webhook_signature;
use crate::jobs::BackgroundJob;
use crate::jobs::registry::Perform;
use crate::state::AppState;
use crate::store::entity::{sandbox_orders, sandbox_payments};

/// The account id the sandbox puts in its events.
const ACCOUNT_ID: &str = "acc_MockomiSandbox";

/// Delivers the webhooks of one sandbox payment.
#[derive(Debug, Serialize, Deserialize)]
pub struct DeliverSandboxWebhooks {
    pub payment_id: String,
}

impl BackgroundJob for DeliverSandboxWebhooks {
    const KIND: &'static str = "deliver_sandbox_webhooks";
    const MAX_ATTEMPTS: i32 = 15;
}

impl Perform for DeliverSandboxWebhooks {
    async fn perform(self, state: &AppState) -> anyhow::Result<()> {
        let conn = state.db.conn();
        let Some(payment) = sandbox_payments::Entity::find_by_id(self.payment_id.clone())
            .one(conn)
            .await?
        else {
            tracing::info!("sandbox payment is gone; no webhooks to deliver");
            return Ok(());
        };
        let order = sandbox_orders::Entity::find_by_id(payment.order_id.clone())
            .one(conn)
            .await?
            .context("sandbox payment without its order")?;
        let payment_entity = payment_json(&payment, &order);
        let events = if payment.status == "captured" {
            vec![
                (
                    "payment.captured",
                    &["payment"][..],
                    json!({"payment": {"entity": payment_entity}}),
                ),
                (
                    "order.paid",
                    &["payment", "order"][..],
                    json!({"payment": {"entity": payment_entity}, "order": {"entity": order_json(&order)}}),
                ),
            ]
        } else {
            vec![(
                "payment.failed",
                &["payment"][..],
                json!({"payment": {"entity": payment_entity}}),
            )]
        };
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()?;
        for (event, contains, payload) in events {
            deliver(state, &http, &payment.id, event, contains, payload).await?;
        }
        Ok(())
    }
}

/// POSTs one signed event; any answer but 2xx is an error, so the queue retries.
async fn deliver(
    state: &AppState,
    http: &reqwest::Client,
    payment_id: &str,
    event: &str,
    contains: &[&str],
    payload: Value,
) -> anyhow::Result<()> {
    let envelope = json!({
        "entity": "event",
        "account_id": ACCOUNT_ID,
        "event": event,
        "contains": contains,
        "payload": payload,
        "created_at": state.clock.now().unix_timestamp(),
    });
    let body = serde_json::to_vec(&envelope)?;
    let signature = webhook_signature(&state.config.gateway.webhook_secret, &body);
    let event_id = format!(
        "evt_{}{}",
        payment_id.trim_start_matches("pay_"),
        event.replace('.', "_")
    );
    let url = format!("{}/api/v1/webhooks/razorpay", state.config.public_url);
    let response = http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Razorpay-Signature", signature)
        .header("X-Razorpay-Event-Id", event_id)
        .body(body)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("webhook delivery failed: {}", e.without_url()))?;
    if !response.status().is_success() {
        bail!("webhook {event} answered {}", response.status());
    }
    Ok(())
}
