//! Job postings: public search and detail, and the employer's writes.

use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppError;
use crate::app::jobs::{self, EmployerJob, JobPatch, JobView, SearchPage, SearchParams};
use crate::domain::JobId;
use crate::domain::job::{JobInput, JobMove};
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json, Path, Query};

/// `GET /api/v1/jobs`: public search over open jobs (`per_page` is clamped to 50).
pub async fn search_jobs(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchPage>, AppError> {
    Ok(Json(jobs::search_jobs(&state, &params).await?))
}

/// `GET /api/v1/jobs/{id}`: an open job, or any job of the caller's own.
pub async fn get_job(
    State(state): State<AppState>,
    user: Option<ApiUser>,
    Path(id): Path<JobId>,
) -> Result<Json<JobView>, AppError> {
    let actor = user.map(|u| u.0.actor);
    Ok(Json(jobs::get_job(&state, actor.as_ref(), id).await?))
}

/// `POST /api/v1/jobs`: a new draft for the caller's company.
pub async fn create_job(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Json(input): Json<JobInput>,
) -> Result<(StatusCode, Json<JobView>), AppError> {
    let job = jobs::create_job(&state, &user.actor, input).await?;
    Ok((StatusCode::CREATED, Json(job)))
}

/// `PATCH /api/v1/jobs/{id}`: edits some fields of a draft, active or paused job.
pub async fn update_job(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<JobId>,
    Json(patch): Json<JobPatch>,
) -> Result<Json<JobView>, AppError> {
    Ok(Json(
        jobs::update_job(&state, &user.actor, id, patch).await?,
    ))
}

/// `POST /api/v1/jobs/{id}/publish`: draft or paused → active.
pub async fn publish_job(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<JobId>,
) -> Result<Json<JobView>, AppError> {
    Ok(Json(
        jobs::move_job(&state, &user.actor, id, JobMove::Publish).await?,
    ))
}

/// `POST /api/v1/jobs/{id}/pause`: active → paused.
pub async fn pause_job(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<JobId>,
) -> Result<Json<JobView>, AppError> {
    Ok(Json(
        jobs::move_job(&state, &user.actor, id, JobMove::Pause).await?,
    ))
}

/// `POST /api/v1/jobs/{id}/close`: active or paused → closed.
pub async fn close_job(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<JobId>,
) -> Result<Json<JobView>, AppError> {
    Ok(Json(
        jobs::move_job(&state, &user.actor, id, JobMove::Close).await?,
    ))
}

/// `DELETE /api/v1/jobs/{id}`: deletes a draft (204).
pub async fn delete_job(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<JobId>,
) -> Result<StatusCode, AppError> {
    jobs::delete_job(&state, &user.actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/employer/jobs`: the caller's jobs with application counts.
pub async fn list_employer_jobs(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Vec<EmployerJob>>, AppError> {
    Ok(Json(jobs::list_employer_jobs(&state, &user.actor).await?))
}
