//! Admin console pages: the interviewer review queue with Approve and Reject.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::layout::render;
use super::{Layout, PageError, PageUser};
use crate::app::AppError;
use crate::app::interviewers::approval::{self, Decision, ReviewEntry};
use crate::domain::UserId;
use crate::domain::interviewer::ApprovalStatus;
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Path;

/// The admin pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/interviewers", get(review_queue))
        .route(
            "/admin/interviewers/{user_id}/approve",
            post(approve_interviewer),
        )
        .route(
            "/admin/interviewers/{user_id}/reject",
            post(reject_interviewer),
        )
}

#[derive(Template)]
#[template(path = "admin/interviewers.html")]
struct ReviewPage {
    layout: Layout,
    entries: Vec<ReviewEntry>,
    error: Option<String>,
}

/// `GET /admin/interviewers`: profiles waiting for review, oldest first.
async fn review_queue(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
) -> Result<Response, PageError> {
    queue_page(&state, &user, &csrf, None).await
}

async fn queue_page(
    state: &AppState,
    user: &PageUser,
    csrf: &CsrfToken,
    error: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let entries = approval::list_for_review(state, &user.0.actor, ApprovalStatus::Pending).await?;
    let status = error.as_ref().map_or(StatusCode::OK, |(status, _)| *status);
    let page = ReviewPage {
        layout: Layout::new(Some(user), csrf),
        entries,
        error: error.map(|(_, message)| message),
    };
    Ok((status, render(&page)).into_response())
}

/// A decision form; `reason` is used by Reject only.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub reason: String,
}

async fn approve_interviewer(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(interviewer): Path<UserId>,
    CsrfForm(_): CsrfForm<DecisionForm>,
) -> Result<Response, PageError> {
    let outcome = approval::decide(&state, &user.0.actor, interviewer, Decision::Approve).await;
    after_decision(&state, &user, &csrf, outcome.map(|_| ())).await
}

async fn reject_interviewer(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(interviewer): Path<UserId>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<Response, PageError> {
    let decision = Decision::Reject {
        reason: form.reason,
    };
    let outcome = approval::decide(&state, &user.0.actor, interviewer, decision).await;
    after_decision(&state, &user, &csrf, outcome.map(|_| ())).await
}

/// Back to the queue; a refused decision is shown above it.
async fn after_decision(
    state: &AppState,
    user: &PageUser,
    csrf: &CsrfToken,
    outcome: Result<(), AppError>,
) -> Result<Response, PageError> {
    match outcome {
        Ok(()) => Ok(Redirect::to("/admin/interviewers").into_response()),
        Err(AppError::Validation(errors)) => {
            let message = errors
                .first()
                .map(|e| format!("Reason: {}", e.message))
                .unwrap_or_default();
            queue_page(
                state,
                user,
                csrf,
                Some((StatusCode::UNPROCESSABLE_ENTITY, message)),
            )
            .await
        }
        Err(AppError::Conflict { detail, .. }) => {
            queue_page(state, user, csrf, Some((StatusCode::CONFLICT, detail))).await
        }
        Err(other) => Err(other.into()),
    }
}
