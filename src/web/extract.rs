//! Extractors whose rejections are problems with stable codes, and the caller's identity.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

use crate::app::AppError;
use crate::app::sessions::{self, Authenticated};
use crate::state::AppState;

/// `axum::Json` whose rejection is a problem (`malformed_json`, `unsupported_media_type`).
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct Json<T>(pub T);

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Path` whose rejection is a problem (`invalid_path`).
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

/// `axum::extract::Query` whose rejection is a problem (`invalid_query`).
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct Query<T>(pub T);

/// `axum::Form` whose rejection is a problem (`malformed_form`).
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Form), rejection(AppError))]
pub struct Form<T>(pub T);

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => AppError::bad_request(
                "unsupported_media_type",
                "Send the body as JSON with Content-Type: application/json.",
            ),
            JsonRejection::JsonDataError(e) => AppError::bad_request("invalid_json", e.body_text()),
            other => AppError::bad_request("malformed_json", other.body_text()),
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::bad_request("invalid_path", rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::bad_request("invalid_query", rejection.body_text())
    }
}

impl From<FormRejection> for AppError {
    fn from(rejection: FormRejection) -> Self {
        AppError::bad_request("malformed_form", rejection.body_text())
    }
}

/// The caller of an API request, authenticated by `Authorization: Bearer <access token>`.
#[derive(Clone, Copy, Debug)]
pub struct ApiUser(pub Authenticated);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(token) = bearer_token(parts) else {
            return Err(AppError::Unauthorized {
                code: "unauthenticated",
                detail: "Send an access token in the Authorization header.".into(),
            });
        };
        sessions::authenticate_bearer(state, token)
            .await
            .map(ApiUser)
    }
}

impl OptionalFromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, AppError> {
        match bearer_token(parts) {
            None => Ok(None),
            Some(token) => sessions::authenticate_bearer(state, token)
                .await
                .map(|a| Some(ApiUser(a))),
        }
    }
}

fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}
