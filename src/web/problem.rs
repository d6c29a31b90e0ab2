//! Errors as `application/problem+json` (RFC 9457): one `match` maps each
//! [`AppError`] to its status; a middleware adds the request id to every problem.

use std::any::Any;

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::app::AppError;
use crate::domain::FieldError;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The body of an error response.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: &'static str,
    pub status: u16,
    pub code: &'static str,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    fn new(status: StatusCode, code: &'static str, detail: String) -> Self {
        Problem {
            kind: format!("/problems/{code}"),
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            code,
            detail,
            errors: Vec::new(),
        }
    }
}

/// The status, code, detail and field errors of an [`AppError`].
pub fn describe(error: &AppError) -> Problem {
    use AppError::*;
    match error {
        Validation(fields) => Problem {
            errors: fields.clone(),
            ..Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "Some fields are not valid.".into(),
            )
        },
        BadRequest { code, detail } => Problem::new(StatusCode::BAD_REQUEST, code, detail.clone()),
        Unauthorized { code, detail } => {
            Problem::new(StatusCode::UNAUTHORIZED, code, detail.clone())
        }
        Forbidden { code, detail } => Problem::new(StatusCode::FORBIDDEN, code, detail.clone()),
        NotFound(what) => Problem::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("No such {what}."),
        ),
        Conflict { code, detail } => Problem::new(StatusCode::CONFLICT, code, detail.clone()),
        Locked { detail } => Problem::new(StatusCode::LOCKED, "account_locked", detail.clone()),
        Rule { code, detail } => {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, code, detail.clone())
        }
        Unavailable { code, detail } => {
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, code, detail.clone())
        }
        Internal(_) => Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong on our side; it has been logged.".into(),
        ),
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(error) = &self {
            // Logged once, inside the request span; the caller sees only the code.
            tracing::error!(error = format!("{error:#}"), "internal error");
        }
        let problem = describe(&self);
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        problem_response(status, &problem)
    }
}

/// The answer an idempotent request stores for `error`: its status and problem
/// body, or `None` for failures that changed nothing and may pass on a retry.
pub fn replayable(error: &AppError) -> Option<(u16, String)> {
    match error {
        AppError::Internal(_)
        | AppError::Unavailable {
            code: "database_unavailable",
            ..
        } => None,
        other => {
            let problem = describe(other);
            Some((problem.status, serde_json::to_string(&problem).ok()?))
        }
    }
}

/// Serialises `problem` with the problem media type.
pub fn problem_response(status: StatusCode, problem: &Problem) -> Response {
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    response
}

/// The answer for unknown paths (browsers get it as a page, see [`attach_request_id`]).
pub async fn not_found() -> AppError {
    AppError::NotFound("page")
}

/// Whether the client asked for HTML (a browser) rather than JSON.
pub fn wants_html(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// Adds `request_id` to problem bodies, turns bare error statuses produced by
/// middleware (timeouts, body limits) into problems too, and shows any problem to a
/// browser (a request that accepts `text/html`) as the HTML error page instead.
pub async fn attach_request_id(request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let browser = wants_html(request.headers());
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    let status = response.status();
    if !(is_problem || status.is_client_error() || status.is_server_error()) {
        return response;
    }
    // Bare statuses from middleware may carry a text/plain reason (the body
    // limit does); anything else with a body type is a page of its own.
    let has_own_body = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| !v.as_bytes().starts_with(b"text/plain"));
    if !is_problem && has_own_body {
        return response; // an HTML error page or similar: leave it alone
    }
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let mut value: serde_json::Value = if is_problem {
        serde_json::from_slice(&bytes).unwrap_or_else(|_| serde_json::json!({}))
    } else {
        serde_json::to_value(bare_status_problem(status)).unwrap_or_default()
    };
    if browser {
        return html_problem(status, &value);
    }
    if let Some(object) = value.as_object_mut() {
        object.insert("request_id".into(), serde_json::Value::String(request_id));
    }
    let mut response = Response::from_parts(parts, Body::from(value.to_string()));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    response.headers_mut().remove(header::CONTENT_LENGTH);
    response
}

/// A problem shown to a browser as the HTML error page.
fn html_problem(status: StatusCode, problem: &serde_json::Value) -> Response {
    let text = |key: &str| problem[key].as_str().unwrap_or_default().to_owned();
    let errors = problem["errors"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["message"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    crate::web::pages::error_page(status.as_u16(), &text("title"), &text("detail"), errors)
}

fn bare_status_problem(status: StatusCode) -> Problem {
    let (code, detail) = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "The request body is too large."),
        StatusCode::SERVICE_UNAVAILABLE => ("timeout", "The request took too long; try again."),
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method_not_allowed", "This method is not allowed here.")
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("unsupported_media_type", "Send a supported content type.")
        }
        _ => ("http_error", "The request failed."),
    };
    Problem::new(status, code, detail.to_owned())
}

/// Turns a panic into a logged 500 problem instead of a dropped connection.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = message, "handler panicked");
    AppError::Internal(anyhow::anyhow!("panic: {message}")).into_response()
}
