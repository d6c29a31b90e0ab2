//! Pages: admin.

use axum::Router;

use crate::state::AppState;

/// The admin pages.
pub fn router() -> Router<AppState> {
    Router::new()
}
