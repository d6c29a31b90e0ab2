//! API routes for paying for mock interviews: requesting one (and paying), a new
//! payment attempt, the checkout verification twin, and the gateway's webhook.

mod requests;
mod webhook;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

use crate::app::payments::idempotency::Answer;
use crate::state::AppState;

/// The payments routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/interviews", post(requests::request_interview))
        .route("/interviews/{id}/payments", post(requests::retry_payment))
        .route(
            "/interviews/{id}/payment/verify",
            post(requests::verify_payment),
        )
        .route("/webhooks/razorpay", post(webhook::razorpay_webhook))
}

/// An idempotent request's answer as a response; replays are marked.
fn answer_response(answer: Answer) -> Response {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        crate::web::problem::PROBLEM_JSON
    };
    let mut response = (status, answer.body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if answer.replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}
