//! The payment gateway as Mockomi sees it: create an order, look up a payment.
//!
//! The one implementation speaks Razorpay's HTTP API; pointed at Razorpay it takes
//! real money, pointed at the sandbox served by `mockomi serve` it takes none.

use std::collections::BTreeMap;

use crate::domain::Money;

/// An order created on the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatewayOrder {
    pub id: String,
    pub amount: Money,
    pub currency: String,
    pub status: String,
}

/// A payment's state as the gateway reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GatewayPaymentStatus {
    Created,
    Authorized,
    Captured,
    Refunded,
    Failed,
}

/// A payment as the gateway reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatewayPayment {
    pub id: String,
    pub order_id: Option<String>,
    pub amount: Money,
    pub currency: String,
    pub status: GatewayPaymentStatus,
}

/// Why a gateway call failed.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// The gateway refused the request (4xx); retrying the same request will not help.
    #[error("gateway refused the request: {code}: {description}")]
    Rejected { code: String, description: String },
    /// The gateway could not be reached or answered 5xx; worth retrying later.
    #[error("gateway unavailable: {0}")]
    Unavailable(String),
}

/// Creates orders and reads payments.
#[async_trait::async_trait]
pub trait PaymentGateway: Send + Sync {
    /// The public key id the browser checkout needs.
    fn key_id(&self) -> &str;

    /// Creates an order for `amount`; `receipt` is our reference (at most 40 characters).
    async fn create_order(
        &self,
        amount: Money,
        receipt: &str,
        notes: &BTreeMap<String, String>,
    ) -> Result<GatewayOrder, GatewayError>;

    /// Reads one payment.
    async fn fetch_payment(&self, payment_id: &str) -> Result<GatewayPayment, GatewayError>;

    /// Reads one order (`status` is `created`, `attempted` or `paid`).
    async fn fetch_order(&self, order_id: &str) -> Result<GatewayOrder, GatewayError> {
        let _ = order_id;
        Err(GatewayError::Unavailable(
            "this gateway cannot look up orders".into(),
        ))
    }
}
