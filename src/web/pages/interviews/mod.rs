//! Pages of the mock-interview marketplace after payment: the interviewer's
//! profile, open requests, interviews, feedback form and earnings, and the
//! seeker's list and detail of their interviews.

mod interviewer;
mod running;
mod seeker;

use axum::Router;
use axum::routing::{get, post};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::domain::FieldError;
use crate::state::AppState;

/// The interview pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/interviewer/profile",
            get(interviewer::show_profile).post(interviewer::save_profile),
        )
        .route("/interviewer/requests", get(interviewer::list_requests))
        .route(
            "/interviewer/requests/{id}/claim",
            post(interviewer::claim_request),
        )
        .route("/interviewer/interviews", get(running::list_interviews))
        .route(
            "/interviewer/interviews/{id}/start",
            post(running::start_interview),
        )
        .route(
            "/interviewer/interviews/{id}/feedback",
            get(running::feedback_form).post(running::submit_feedback),
        )
        .route("/interviewer/earnings", get(running::show_earnings))
        .route("/me/interviews", get(seeker::list_interviews))
        .route("/me/interviews/{id}", get(seeker::show_interview))
}

/// A UTC time as pages show it: `2026-12-24 10:00 UTC`.
pub fn show_time(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap_or_default()
}

/// An optional UTC time as pages show it, or a dash.
pub fn show_optional_time(at: Option<OffsetDateTime>) -> String {
    at.map(show_time).unwrap_or_else(|| "-".into())
}

/// Paise as rupees: `₹80.00`.
pub fn show_money(paise: i64) -> String {
    crate::domain::Money::from_paise(paise).to_string()
}

/// The message of the first error on `field`, for showing beside the input.
pub fn error_for(errors: &[FieldError], field: &str) -> String {
    errors
        .iter()
        .find(|e| e.field == field || e.field.starts_with(&format!("{field}[")))
        .map(|e| e.message.clone())
        .unwrap_or_default()
}
