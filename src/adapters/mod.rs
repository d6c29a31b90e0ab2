//! Traits over the world outside Mockomi, each with a real and a local implementation.

pub mod clock;
pub mod mailer;
pub mod payment_gateway;
pub mod razorpay;
pub mod razorpay_signature;
