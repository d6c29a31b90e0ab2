//! Pages: payments.

use axum::Router;

use crate::state::AppState;

/// The payments pages.
pub fn router() -> Router<AppState> {
    Router::new()
}
