//! Pages: interviews.

use axum::Router;

use crate::state::AppState;

/// The interviews pages.
pub fn router() -> Router<AppState> {
    Router::new()
}
