//! API routes: jobs.

use axum::Router;

use crate::state::AppState;

/// The jobs routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
}
