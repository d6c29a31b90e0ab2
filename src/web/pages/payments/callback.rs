//! The return from checkout (`POST /interviews/{id}/payment/callback`), a retry
//! after a failed payment, and the Razorpay Checkout page.
//!
//! The callback is posted by the gateway's page, so it carries no CSRF token and
//! often no session cookie (SameSite); the checkout signature, checked against
//! the order id we stored, is what makes it trustworthy.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::super::layout::render;
use super::super::{Layout, PageError, PageUser};
use super::follow_answer;
use crate::app::AppError;
use crate::app::payments::checkout::{CheckoutResult, verify_checkout};
use crate::app::payments::idempotency::{IdempotencyKey, request_hash, run_once};
use crate::app::payments::order::pending_payment;
use crate::app::payments::request;
use crate::domain::permissions::Action;
use crate::domain::{InterviewId, Money};
use crate::state::{AppState, random_token};
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::{Form, Path};
use crate::web::problem::replayable;

/// What the gateway posts back: the signed ids on success (error fields on failure are
/// not trusted, so they are not read).
#[derive(Debug, Deserialize)]
pub struct CallbackForm {
    razorpay_order_id: Option<String>,
    razorpay_payment_id: Option<String>,
    razorpay_signature: Option<String>,
}

#[derive(Template)]
#[template(path = "payments/payment_failed.html")]
struct PaymentFailedPage {
    layout: Layout,
    interview_id: InterviewId,
    reason: String,
    idempotency_key: String,
}

/// `POST /interviews/{id}/payment/callback`.
pub async fn checkout_callback(
    State(state): State<AppState>,
    user: Option<PageUser>,
    csrf: CsrfToken,
    Path(id): Path<InterviewId>,
    Form(form): Form<CallbackForm>,
) -> Result<Response, PageError> {
    let (Some(payment_id), Some(signature)) = (form.razorpay_payment_id, form.razorpay_signature)
    else {
        let page = PaymentFailedPage {
            layout: Layout::new(user.as_ref(), &csrf),
            interview_id: id,
            // Anyone can post to this address, so the page says only what we know,
            // never the posted error text.
            reason: "The payment was not completed. No money was taken.".into(),
            idempotency_key: random_token(),
        };
        return Ok((StatusCode::OK, render(&page)).into_response());
    };
    let result = CheckoutResult {
        razorpay_order_id: form.razorpay_order_id,
        razorpay_payment_id: payment_id,
        razorpay_signature: signature,
    };
    verify_checkout(&state, None, id, &result).await?;
    Ok(Redirect::to(&format!("/me/interviews/{id}")).into_response())
}

/// The retry form.
#[derive(Debug, Deserialize)]
pub struct RetryForm {
    idempotency_key: String,
}

/// `POST /interviews/{id}/payment/retry`: a new order for the same interview.
pub async fn retry_payment(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<InterviewId>,
    CsrfForm(form): CsrfForm<RetryForm>,
) -> Result<Response, PageError> {
    let actor = user.0.actor;
    actor
        .require(Action::BookInterview)
        .map_err(AppError::from)?;
    let key = IdempotencyKey::parse(Some(&form.idempotency_key))?;
    let hash = request_hash("POST /interviews/{id}/payment/retry", &id);
    let work = || async {
        let created = request::retry_payment(&state, &actor, id).await?;
        let body = serde_json::to_string(&created).map_err(|e| AppError::Internal(e.into()))?;
        Ok((201, body))
    };
    let answer = run_once(&state, actor.user_id, &key, &hash, replayable, work).await?;
    follow_answer(answer)
}

#[derive(Template)]
#[template(path = "payments/pay.html")]
struct PayPage {
    layout: Layout,
    interview_id: InterviewId,
    key_id: String,
    order_id: String,
    amount: String,
    amount_paise: i64,
    callback_url: String,
}

/// `GET /interviews/{id}/pay`: opens Razorpay Checkout for the open order.
pub async fn show_pay_page(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(id): Path<InterviewId>,
) -> Result<Response, PageError> {
    user.0
        .actor
        .require(Action::BookInterview)
        .map_err(AppError::from)?;
    let payment = pending_payment(&state, &user.0.actor, id).await?;
    let page = PayPage {
        layout: Layout::new(Some(&user), &csrf),
        interview_id: id,
        key_id: payment.key_id,
        order_id: payment.order_id,
        amount: Money::from_paise(payment.amount).to_string(),
        amount_paise: payment.amount,
        callback_url: format!(
            "{}/interviews/{id}/payment/callback",
            state.config.public_url
        ),
    };
    Ok(render(&page))
}
