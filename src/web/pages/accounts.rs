//! Pages: accounts.

use axum::Router;

use crate::state::AppState;

/// The accounts pages.
pub fn router() -> Router<AppState> {
    Router::new()
}
