//! Liveness and readiness probes, and the stylesheet (the one static asset).

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde_json::json;

use super::super::extract::Json;
use crate::app::AppError;
use crate::state::AppState;

/// `GET /health/live`: the process is up.
pub async fn live() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// `GET /health/ready`: the database answers, so requests can be served.
pub async fn ready(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    state.db.ping().await.map_err(|_| AppError::Unavailable {
        code: "database_unavailable",
        detail: "The database does not answer.".into(),
    })?;
    Ok(Json(json!({ "status": "ok", "database": "ok" })))
}

/// `GET /static/site.css`.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../../static/site.css"),
    )
}
