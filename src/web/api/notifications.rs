//! API routes: the caller's in-app notifications.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::AppError;
use crate::app::notifications::{self, Inbox};
use crate::domain::NotificationId;
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json, Path, Query};

/// The notification routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list_notifications))
        .route("/notifications/{id}/read", post(read_notification))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    limit: Option<u64>,
}

/// `GET /notifications?limit=`: newest first (at most 100), with the unread count.
async fn list_notifications(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Inbox>, AppError> {
    let limit = query.limit.unwrap_or(50).clamp(1, 100);
    Ok(Json(
        notifications::inbox(&state, user.actor.user_id, limit).await?,
    ))
}

/// `POST /notifications/{id}/read`.
async fn read_notification(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<NotificationId>,
) -> Result<StatusCode, AppError> {
    notifications::mark_read(&state, user.actor.user_id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
