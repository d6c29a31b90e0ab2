//! API routes: admin.

use axum::Router;

use crate::state::AppState;

/// The admin routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
}
