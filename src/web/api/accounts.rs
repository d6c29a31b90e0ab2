//! API routes: accounts.

use axum::Router;

use crate::state::AppState;

/// The accounts routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
}
