//! Server-rendered HTML pages: plain, accessible forms on one base layout.
//! Page routes share the CSRF layer; page errors render as HTML, not JSON.

mod accounts;
mod admin;
mod interviews;
mod jobs;
mod layout;
mod payments;

use axum::Router;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::StatusCode;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

pub use layout::{Layout, Nav};

use super::csrf::{self, cookie_value};
use super::problem;
use crate::app::AppError;
use crate::app::sessions::{self, Authenticated};
use crate::state::AppState;

/// The browser session cookie.
pub const SESSION_COOKIE: &str = "mockomi_session";

/// Every page route, behind the CSRF cookie layer.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(layout::home))
        .merge(accounts::router())
        .merge(jobs::router())
        .merge(interviews::router())
        .merge(payments::router())
        .merge(admin::router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::ensure_cookie,
        ))
}

/// The signed-in user of a page; anonymous visitors are sent to the login page.
#[derive(Clone, Copy, Debug)]
pub struct PageUser(pub Authenticated);

impl FromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match session_of(parts, state).await {
            Ok(Some(user)) => Ok(PageUser(user)),
            Ok(None) => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                let target = format!("/login?next={}", urlencode(next));
                Err(Redirect::to(&target).into_response())
            }
            Err(error) => Err(PageError(error).into_response()),
        }
    }
}

impl OptionalFromRequestParts<AppState> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Response> {
        Ok(session_of(parts, state).await.ok().flatten().map(PageUser))
    }
}

async fn session_of(parts: &Parts, state: &AppState) -> Result<Option<Authenticated>, AppError> {
    let Some(cookie) = cookie_value(parts.headers.get_all(COOKIE).iter(), SESSION_COOKIE) else {
        return Ok(None);
    };
    match sessions::authenticate_cookie(state, &cookie).await {
        Ok(user) => Ok(Some(user)),
        Err(AppError::Unauthorized { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Percent-encodes a value for a query string.
pub fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)])
        .map(|s| s.trim_start_matches("v=").to_owned())
        .unwrap_or_default()
}

/// An [`AppError`] shown as an HTML page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(error: AppError) -> Self {
        PageError(error)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if let AppError::Internal(error) = &self.0 {
            tracing::error!(error = format!("{error:#}"), "internal error");
        }
        problem_page(&problem::describe(&self.0))
    }
}

/// Shows a problem as an HTML page with the problem's status.
pub fn problem_page(problem: &problem::Problem) -> Response {
    let errors = problem
        .errors
        .iter()
        .map(|e| (e.field.clone(), e.message.clone()))
        .collect();
    error_page(problem.status, problem.title, &problem.detail, errors)
}

/// An error page: status, title, explanation and (field, message) pairs.
pub fn error_page(
    status: u16,
    title: &str,
    detail: &str,
    errors: Vec<(String, String)>,
) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let page = layout::ErrorPage {
        layout: Layout::anonymous(),
        status,
        title: title.to_owned(),
        detail: detail.to_owned(),
        errors,
    };
    (code, layout::render(&page)).into_response()
}
