//! The sandbox payment gateway: Razorpay's Orders and Payments API, its hosted
//! checkout and its signed webhooks, served by Mockomi itself so the whole
//! payment flow runs locally without real money.
//!
//! It is mounted only in sandbox mode, under `/sandbox/razorpay`, and talks to
//! the rest of Mockomi only the way Razorpay does: over HTTP, with the same JSON
//! shapes, the same HTTP Basic auth, the same checkout signature and the same
//! signed webhook deliveries. Its state lives in `sandbox_orders` and
//! `sandbox_payments`; being a stand-in for an outside service, it keeps its own
//! queries here rather than in the application layer.

mod api;
mod checkout;
mod entities;
mod webhooks;

use axum::Router;
use axum::routing::{get, post};

pub use webhooks::DeliverSandboxWebhooks;

use super::csrf;
use crate::config::GatewayMode;
use crate::state::AppState;

/// Where the sandbox is mounted.
pub const BASE_PATH: &str = "/sandbox/razorpay";

/// The sandbox routes in sandbox mode; no routes otherwise.
pub fn router(state: &AppState) -> Router<AppState> {
    if state.config.gateway.mode != GatewayMode::Sandbox {
        return Router::new();
    }
    let api = Router::new()
        .route("/v1/orders", post(api::create_order))
        .route("/v1/orders/{id}", get(api::fetch_order))
        .route("/v1/payments/{id}", get(api::fetch_payment));
    let pages = Router::new()
        .route("/checkout", get(checkout::show_checkout))
        .route("/checkout/{id}/pay", post(checkout::pay))
        .route("/autosubmit.js", get(checkout::autosubmit_script))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::ensure_cookie,
        ));
    Router::new().nest(BASE_PATH, api.merge(pages))
}
