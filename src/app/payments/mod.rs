//! Paying for mock interviews: requesting one, ordering it on the gateway,
//! checking the browser's checkout result, and applying the gateway's word that
//! the money arrived (webhook or a direct look-up), exactly once.
//!
//! The flow: [`request::request_interview`] writes the interview and a payment
//! row, then (outside any transaction) creates the gateway order. The browser
//! pays on the gateway's checkout and comes back to [`checkout::verify_checkout`].
//! The payment counts only once captured: [`webhook::receive_razorpay_webhook`]
//! or the [`checkout::ConfirmPayment`] job hands it to [`capture::apply_capture`],
//! whose compare-and-set on the payment row is the idempotency key of every effect.

pub mod capture;
pub mod checkout;
mod coupons;
pub mod expiry;
pub mod idempotency;
pub mod order;
pub mod request;
pub mod status;
pub mod webhook;

use serde::Serialize;

use crate::domain::{InterviewId, PaymentId};

/// The interview part of a request's answer.
#[derive(Clone, Debug, Serialize)]
pub struct InterviewView {
    pub id: InterviewId,
    pub status: String,
    pub skills: Vec<String>,
    pub duration_minutes: i32,
    /// List price in paise.
    pub list_price: i64,
    /// What the seeker pays, in paise (0 when a coupon made it free).
    pub amount_due: i64,
}

/// The payment part of a request's answer: what the browser checkout needs.
#[derive(Clone, Debug, Serialize)]
pub struct PaymentView {
    pub id: PaymentId,
    pub order_id: String,
    /// Paise.
    pub amount: i64,
    pub currency: &'static str,
    pub key_id: String,
    /// Where to send the browser to pay.
    pub checkout_url: String,
}

/// The answer to a new request or a new payment attempt.
#[derive(Clone, Debug, Serialize)]
pub struct RequestCreated {
    pub interview: InterviewView,
    /// `None` when the interview was free.
    pub payment: Option<PaymentView>,
}

/// The only currency Mockomi charges in.
pub const CURRENCY: &str = "INR";
