//! The versioned JSON API under `/api/v1`, plus health probes and static assets.

mod accounts;
mod admin;
mod health;
mod interviews;
mod jobs;
mod notifications;
mod payments;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// Every API route.
pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .merge(accounts::router())
        .merge(jobs::router())
        .merge(interviews::router())
        .merge(payments::router())
        .merge(admin::router())
        .merge(notifications::router());
    Router::new()
        .route("/health/live", get(health::live))
        .route("/health/ready", get(health::ready))
        .route("/static/site.css", get(health::stylesheet))
        .nest("/api/v1", v1)
}
