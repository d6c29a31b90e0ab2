//! Pages for paying for mock interviews: the request form, the return from the
//! gateway's checkout, a retry after a failed payment, and (with Razorpay) the
//! page that opens Razorpay Checkout.

mod callback;
mod new_request;

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde_json::Value;

use super::PageError;
use crate::app::AppError;
use crate::app::payments::idempotency::Answer;
use crate::state::AppState;

/// The payments pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/me/interviews/new",
            get(new_request::show_form).post(new_request::submit_form),
        )
        .route(
            "/interviews/{id}/payment/callback",
            post(callback::checkout_callback),
        )
        .route(
            "/interviews/{id}/payment/retry",
            post(callback::retry_payment),
        )
        .route("/interviews/{id}/pay", get(callback::show_pay_page))
        .route("/static/razorpay-checkout.js", get(checkout_script))
}

/// `GET /static/razorpay-checkout.js`: opens Razorpay Checkout on the pay page.
async fn checkout_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../../../static/razorpay-checkout.js"),
    )
}

/// Sends the browser on after a request or payment attempt was created (to the
/// checkout, or to the interview when it was free), or shows a stored failure.
fn follow_answer(answer: Answer) -> Result<Response, PageError> {
    let body: Value = serde_json::from_str(&answer.body).unwrap_or_default();
    let detail = body["detail"]
        .as_str()
        .unwrap_or("The request failed.")
        .to_owned();
    match answer.status {
        201 => {}
        503 => {
            let code = "gateway_unavailable";
            return Err(AppError::Unavailable { code, detail }.into());
        }
        _ => return Err(AppError::conflict("request_failed", detail).into()),
    }
    let next = match body["payment"]["checkout_url"].as_str() {
        Some(url) => url.to_owned(),
        None => format!(
            "/me/interviews/{}",
            body["interview"]["id"].as_str().unwrap_or_default()
        ),
    };
    Ok(Redirect::to(&next).into_response())
}
