//! API routes: interviews.

use axum::Router;

use crate::state::AppState;

/// The interviews routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
}
