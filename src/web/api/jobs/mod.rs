//! API routes of the job board: companies, job postings and search, seeker
//! profiles, applications and the employer's pipeline.

mod applications;
mod company;
mod postings;
mod profile;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The job board routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/company",
            get(company::get_company).put(company::save_company),
        )
        .route(
            "/jobs",
            get(postings::search_jobs).post(postings::create_job),
        )
        .route(
            "/jobs/{id}",
            get(postings::get_job)
                .patch(postings::update_job)
                .delete(postings::delete_job),
        )
        .route("/jobs/{id}/publish", post(postings::publish_job))
        .route("/jobs/{id}/pause", post(postings::pause_job))
        .route("/jobs/{id}/close", post(postings::close_job))
        .route("/employer/jobs", get(postings::list_employer_jobs))
        .route(
            "/me/profile",
            get(profile::get_profile).put(profile::save_profile),
        )
        .route(
            "/jobs/{id}/applications",
            get(applications::list_job_applications).post(applications::apply_to_job),
        )
        .route("/me/applications", get(applications::list_own_applications))
        .route("/applications/{id}", get(applications::get_application))
        .route(
            "/applications/{id}/withdraw",
            post(applications::withdraw_application),
        )
        .route(
            "/applications/{id}/status",
            post(applications::move_application),
        )
}
