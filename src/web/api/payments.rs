//! API routes: payments.

use axum::Router;

use crate::state::AppState;

/// The payments routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
}
