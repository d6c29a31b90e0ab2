//! `POST /interviews`, `POST /interviews/{id}/payments` and
//! `POST /interviews/{id}/payment/verify`.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::answer_response;
use crate::app::AppError;
use crate::app::payments::checkout::{CheckoutResult, CheckoutVerified, verify_checkout};
use crate::app::payments::idempotency::{IdempotencyKey, request_hash, run_once};
use crate::app::payments::request;
use crate::domain::InterviewId;
use crate::domain::booking::validate_booking;
use crate::domain::permissions::Action;
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json, Path};
use crate::web::problem::replayable;

/// The body of a new request.
#[derive(Debug, Deserialize, Serialize)]
pub struct RequestInput {
    pub skills: Vec<String>,
    pub duration_minutes: i32,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub coupon_code: Option<String>,
}

/// `POST /api/v1/interviews`: a job seeker requests a mock interview and gets
/// the order to pay (201). Needs an `Idempotency-Key`.
pub async fn request_interview(
    State(state): State<AppState>,
    ApiUser(auth): ApiUser,
    headers: HeaderMap,
    Json(input): Json<RequestInput>,
) -> Result<Response, AppError> {
    auth.actor.require(Action::BookInterview)?;
    let key = IdempotencyKey::parse(idempotency_header(&headers))?;
    let booking = validate_booking(
        &input.skills,
        input.duration_minutes,
        input.notes.as_deref(),
    )?;
    let hash = request_hash("POST /api/v1/interviews", &input);

    let answer = run_once(
        &state,
        auth.actor.user_id,
        &key,
        &hash,
        replayable,
        || async {
            let coupon = input.coupon_code.as_deref();
            let created = request::request_interview(&state, &auth.actor, booking, coupon).await?;
            Ok((201, to_json(&created)?))
        },
    )
    .await?;
    Ok(answer_response(answer))
}

/// `POST /api/v1/interviews/{id}/payments`: a new payment attempt for an
/// interview still awaiting payment (201). Needs an `Idempotency-Key`.
pub async fn retry_payment(
    State(state): State<AppState>,
    ApiUser(auth): ApiUser,
    headers: HeaderMap,
    Path(id): Path<InterviewId>,
) -> Result<Response, AppError> {
    auth.actor.require(Action::BookInterview)?;
    let key = IdempotencyKey::parse(idempotency_header(&headers))?;
    let hash = request_hash("POST /api/v1/interviews/{id}/payments", &id);

    let answer = run_once(
        &state,
        auth.actor.user_id,
        &key,
        &hash,
        replayable,
        || async {
            let created = request::retry_payment(&state, &auth.actor, id).await?;
            Ok((201, to_json(&created)?))
        },
    )
    .await?;
    Ok(answer_response(answer))
}

/// `POST /api/v1/interviews/{id}/payment/verify`: the JSON twin of the checkout
/// callback, for clients that run Razorpay Checkout themselves.
pub async fn verify_payment(
    State(state): State<AppState>,
    ApiUser(auth): ApiUser,
    Path(id): Path<InterviewId>,
    Json(result): Json<CheckoutResult>,
) -> Result<Json<CheckoutVerified>, AppError> {
    auth.actor.require(Action::BookInterview)?;
    let verified = verify_checkout(&state, Some(&auth.actor), id, &result).await?;
    Ok(Json(verified))
}

fn idempotency_header(headers: &HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok())
}

fn to_json(value: &impl Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(e.into()))
}
