//! Pages: jobs.

use axum::Router;

use crate::state::AppState;

/// The jobs pages.
pub fn router() -> Router<AppState> {
    Router::new()
}
