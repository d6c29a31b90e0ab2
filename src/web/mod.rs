//! The HTTP surface: the JSON API under `/api/v1`, the HTML pages, and the
//! middleware every request passes through (request id, tracing, limits).
//! Handlers here extract, authorize, call `app`, and respond; no SQL, no rules.

pub mod api;
pub mod csrf;
pub mod extract;
pub mod middleware;
pub mod nul;
pub mod pages;
pub mod problem;
pub mod sandbox;

use axum::Router;

use crate::state::AppState;

/// The whole application router, as served and as tested.
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .merge(api::router())
        .merge(pages::router(&state))
        .merge(sandbox::router(&state))
        .fallback(problem::not_found)
        .with_state(state);
    middleware::apply(routes)
}
