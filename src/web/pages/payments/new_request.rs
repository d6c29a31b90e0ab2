//! `GET` and `POST /me/interviews/new`: the request form. The form carries a
//! fresh idempotency key, so a double submit creates one request, not two.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::super::layout::render;
use super::super::{Layout, PageError, PageUser};
use super::follow_answer;
use crate::app::AppError;
use crate::app::payments::idempotency::{IdempotencyKey, request_hash, run_once};
use crate::app::payments::request::request_interview;
use crate::domain::booking::{DURATIONS, validate_booking};
use crate::domain::permissions::Action;
use crate::domain::{FieldError, Money};
use crate::state::{AppState, random_token};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::problem::replayable;

/// The request form as typed.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
pub struct RequestForm {
    #[serde(default)]
    pub skills: String,
    #[serde(default)]
    pub duration_minutes: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub coupon_code: String,
    #[serde(default, skip_serializing)]
    pub idempotency_key: String,
}

#[derive(Template)]
#[template(path = "payments/new_interview.html")]
struct NewInterviewPage {
    layout: Layout,
    price: String,
    durations: [i32; 4],
    form: RequestForm,
    errors: Vec<FieldError>,
    idempotency_key: String,
}

/// `GET /me/interviews/new`.
pub async fn show_form(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
) -> Result<Response, PageError> {
    user.0
        .actor
        .require(Action::BookInterview)
        .map_err(AppError::from)?;
    let form = RequestForm {
        duration_minutes: "60".into(),
        ..RequestForm::default()
    };
    Ok(form_page(&state, &user, &csrf, form, Vec::new()))
}

/// `POST /me/interviews/new`: creates the request and sends the browser to pay.
pub async fn submit_form(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<RequestForm>,
) -> Result<Response, PageError> {
    let actor = user.0.actor;
    actor
        .require(Action::BookInterview)
        .map_err(AppError::from)?;
    let key = IdempotencyKey::parse(Some(&form.idempotency_key))?;
    let skills: Vec<String> = form.skills.split(',').map(str::to_owned).collect();
    let duration = form.duration_minutes.trim().parse().unwrap_or(0);
    let booking = match validate_booking(&skills, duration, Some(&form.notes)) {
        Ok(booking) => booking,
        Err(errors) => {
            return Ok(form_page(&state, &user, &csrf, form, errors));
        }
    };
    let hash = request_hash("POST /me/interviews/new", &form);

    let coupon = Some(form.coupon_code.as_str());
    let work = || async {
        let created = request_interview(&state, &actor, booking, coupon).await?;
        let body = serde_json::to_string(&created).map_err(|e| AppError::Internal(e.into()))?;
        Ok((201, body))
    };
    match run_once(&state, actor.user_id, &key, &hash, replayable, work).await {
        Ok(answer) => follow_answer(answer),
        Err(AppError::Validation(errors)) => Ok(form_page(&state, &user, &csrf, form, errors)),
        Err(other) => Err(other.into()),
    }
}

fn form_page(
    state: &AppState,
    user: &PageUser,
    csrf: &CsrfToken,
    form: RequestForm,
    errors: Vec<FieldError>,
) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = NewInterviewPage {
        layout: Layout::new(Some(user), csrf),
        price: Money::to_string(&state.config.market.interview_price),
        durations: DURATIONS,
        form,
        errors,
        // A new key for every rendering: a corrected form is a new request.
        idempotency_key: random_token(),
    };
    (status, render(&page)).into_response()
}
