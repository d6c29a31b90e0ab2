//! API routes of the admin console. Every handler requires `Action::Administer`
//! (inside the use case), so any other role gets 403 `forbidden`.

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::app::AppError;
use crate::app::interviewers::approval::{self, Decision, ReviewEntry};
use crate::app::interviewers::profile::ProfileView;
use crate::domain::UserId;
use crate::domain::interviewer::ApprovalStatus;
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json, Path, Query};

/// The admin routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/interviewers", get(list_interviewers))
        .route(
            "/admin/interviewers/{user_id}/approve",
            post(approve_interviewer),
        )
        .route(
            "/admin/interviewers/{user_id}/reject",
            post(reject_interviewer),
        )
}

/// The query of `GET /admin/interviewers`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewQuery {
    /// `pending` (default), `approved` or `rejected`.
    pub status: Option<String>,
}

/// The answer of `GET /admin/interviewers`.
#[derive(Debug, Serialize)]
pub struct ReviewList {
    pub items: Vec<ReviewEntry>,
}

async fn list_interviewers(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Query(query): Query<ReviewQuery>,
) -> Result<Json<ReviewList>, AppError> {
    user.actor
        .require(crate::domain::permissions::Action::Administer)?;
    let status = parse_status(query.status.as_deref())?;
    let items = approval::list_for_review(&state, &user.actor, status).await?;
    Ok(Json(ReviewList { items }))
}

fn parse_status(raw: Option<&str>) -> Result<ApprovalStatus, AppError> {
    raw.unwrap_or("pending").parse().map_err(|_| {
        AppError::field(
            "status",
            "invalid_choice",
            "Use pending, approved or rejected.",
        )
    })
}

async fn approve_interviewer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(interviewer): Path<UserId>,
) -> Result<Json<ProfileView>, AppError> {
    let decided = approval::decide(&state, &user.actor, interviewer, Decision::Approve).await?;
    Ok(Json(decided))
}

/// The body of `POST /admin/interviewers/{user_id}/reject`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RejectRequest {
    /// Shown to the interviewer; 3 to 500 characters.
    pub reason: String,
}

async fn reject_interviewer(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(interviewer): Path<UserId>,
    Json(body): Json<RejectRequest>,
) -> Result<Json<ProfileView>, AppError> {
    let decision = Decision::Reject {
        reason: body.reason,
    };
    let decided = approval::decide(&state, &user.actor, interviewer, decision).await?;
    Ok(Json(decided))
}
