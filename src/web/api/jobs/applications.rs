//! Applications: seekers apply, read and withdraw; employers read and move.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::app::AppError;
use crate::app::applications::{
    self, Applicant, ApplicationView, Applied, ApplyInput, OwnApplication,
};
use crate::domain::{ApplicationId, JobId};
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json, Path};

/// `POST /api/v1/jobs/{id}/applications`: applies to an open job.
pub async fn apply_to_job(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<JobId>,
    Json(input): Json<ApplyInput>,
) -> Result<(StatusCode, Json<Applied>), AppError> {
    let applied = applications::apply_to_job(&state, &user.actor, id, input).await?;
    Ok((StatusCode::CREATED, Json(applied)))
}

/// `GET /api/v1/me/applications`: the caller's applications.
pub async fn list_own_applications(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<OwnApplication>>, AppError> {
    Ok(Json(
        applications::list_own_applications(&state, &user.actor).await?,
    ))
}

/// `GET /api/v1/applications/{id}`: one application with its history.
pub async fn get_application(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<ApplicationId>,
) -> Result<Json<ApplicationView>, AppError> {
    Ok(Json(
        applications::get_application(&state, &user.actor, id).await?,
    ))
}

/// `POST /api/v1/applications/{id}/withdraw`: the seeker withdraws.
pub async fn withdraw_application(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<ApplicationId>,
) -> Result<Json<ApplicationView>, AppError> {
    Ok(Json(
        applications::withdraw_application(&state, &user.actor, id).await?,
    ))
}

/// `GET /api/v1/jobs/{id}/applications`: the applicants of one of the caller's jobs.
pub async fn list_job_applications(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<JobId>,
) -> Result<Json<Vec<Applicant>>, AppError> {
    Ok(Json(
        applications::list_job_applications(&state, &user.actor, id).await?,
    ))
}

/// The body of a status move.
#[derive(Debug, Deserialize)]
pub struct StatusChange {
    pub status: String,
}

/// `POST /api/v1/applications/{id}/status`: the employer moves an application.
pub async fn move_application(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<ApplicationId>,
    Json(change): Json<StatusChange>,
) -> Result<Json<ApplicationView>, AppError> {
    let view = applications::move_application(&state, &user.actor, id, &change.status).await?;
    Ok(Json(view))
}
