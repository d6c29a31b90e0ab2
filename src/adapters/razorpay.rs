//! A client for Razorpay's Orders and Payments API (HTTP Basic auth with the key id
//! and secret). Pointed at `https://api.razorpay.com` it takes real money; pointed
//! at the sandbox routes of `mockomi serve` it takes none.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use super::payment_gateway::{
    GatewayError, GatewayOrder, GatewayPayment, GatewayPaymentStatus, PaymentGateway,
};
use crate::config::GatewayConfig;
use crate::domain::Money;

/// Talks to a Razorpay-compatible API.
pub struct RazorpayClient {
    http: reqwest::Client,
    api_base: String,
    key_id: String,
    key_secret: String,
}

impl RazorpayClient {
    /// A client for the gateway described by `config`.
    pub fn new(config: &GatewayConfig) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .build()?;
        Ok(Self {
            http,
            api_base: config.api_base.clone(),
            key_id: config.key_id.clone(),
            key_secret: config.key_secret.clone(),
        })
    }

    async fn send<T: for<'de> Deserialize<'de>>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, GatewayError> {
        let response = request
            .basic_auth(&self.key_id, Some(&self.key_secret))
            .send()
            .await
            .map_err(|e| GatewayError::Unavailable(e.without_url().to_string()))?;
        let status = response.status();
        if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            return Err(GatewayError::Unavailable(format!(
                "gateway answered {status}"
            )));
        }
        if !status.is_success() {
            let body: ErrorBody = response.json().await.unwrap_or_default();
            return Err(GatewayError::Rejected {
                code: body
                    .error
                    .code
                    .unwrap_or_else(|| status.as_u16().to_string()),
                description: body.error.description.unwrap_or_default(),
            });
        }
        response
            .json()
            .await
            .map_err(|e| GatewayError::Unavailable(format!("bad gateway body: {e}")))
    }
}

#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    error: ErrorDetail,
}

#[derive(Debug, Default, Deserialize)]
struct ErrorDetail {
    code: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Deserialize)]
struct OrderEntity {
    id: String,
    amount: i64,
    currency: String,
    status: String,
}

#[derive(Debug, Deserialize)]
struct PaymentEntity {
    id: String,
    order_id: Option<String>,
    amount: i64,
    currency: String,
    status: String,
}

/// Maps Razorpay's payment status names.
pub fn payment_status(name: &str) -> Option<GatewayPaymentStatus> {
    Some(match name {
        "created" => GatewayPaymentStatus::Created,
        "authorized" => GatewayPaymentStatus::Authorized,
        "captured" => GatewayPaymentStatus::Captured,
        "refunded" => GatewayPaymentStatus::Refunded,
        "failed" => GatewayPaymentStatus::Failed,
        _ => return None,
    })
}

#[async_trait::async_trait]
impl PaymentGateway for RazorpayClient {
    fn key_id(&self) -> &str {
        &self.key_id
    }

    async fn create_order(
        &self,
        amount: Money,
        receipt: &str,
        notes: &BTreeMap<String, String>,
    ) -> Result<GatewayOrder, GatewayError> {
        let body = serde_json::json!({
            "amount": amount.paise(),
            "currency": "INR",
            "receipt": receipt,
            "notes": notes,
        });
        let url = format!("{}/v1/orders", self.api_base);
        let order: OrderEntity = self.send(self.http.post(url).json(&body)).await?;
        Ok(GatewayOrder {
            id: order.id,
            amount: Money::from_paise(order.amount),
            currency: order.currency,
            status: order.status,
        })
    }

    async fn fetch_order(&self, order_id: &str) -> Result<GatewayOrder, GatewayError> {
        let url = format!("{}/v1/orders/{}", self.api_base, urlencoding_path(order_id));
        let order: OrderEntity = self.send(self.http.get(url)).await?;
        Ok(GatewayOrder {
            id: order.id,
            amount: Money::from_paise(order.amount),
            currency: order.currency,
            status: order.status,
        })
    }

    async fn fetch_payment(&self, payment_id: &str) -> Result<GatewayPayment, GatewayError> {
        let url = format!(
            "{}/v1/payments/{}",
            self.api_base,
            urlencoding_path(payment_id)
        );
        let payment: PaymentEntity = self.send(self.http.get(url)).await?;
        let status = payment_status(&payment.status).ok_or_else(|| {
            GatewayError::Unavailable(format!("unknown payment status `{}`", payment.status))
        })?;
        Ok(GatewayPayment {
            id: payment.id,
            order_id: payment.order_id,
            amount: Money::from_paise(payment.amount),
            currency: payment.currency,
            status,
        })
    }
}

/// Keeps a path segment to the characters Razorpay ids use.
fn urlencoding_path(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}
