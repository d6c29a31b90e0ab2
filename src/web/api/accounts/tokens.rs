//! Login, refresh-token rotation and logout for API clients.
//!
//! The refresh token travels in the `mockomi_refresh` cookie (httpOnly,
//! SameSite=Strict, scoped to `/api/v1/auth`). Clients without cookies may send
//! it as JSON `{refresh_token}` to `/auth/refresh` and get the next one back in
//! the body.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::UserView;
use crate::app::AppError;
use crate::app::accounts;
use crate::app::sessions::{self, ACCESS_TOKEN_TTL, TokenPair};
use crate::state::AppState;
use crate::web::csrf::cookie_value;
use crate::web::extract::{ApiUser, Json};

/// The cookie carrying the refresh token.
pub const REFRESH_COOKIE: &str = "mockomi_refresh";
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth";

/// The body of `POST /auth/login`.
#[derive(Debug, Deserialize)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// A freshly issued access token.
#[derive(Debug, Serialize)]
struct AccessGrant {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<UserView>,
}

/// `POST /auth/login`: an access token in the body, the refresh token in a cookie.
pub async fn log_in(
    State(state): State<AppState>,
    Json(credentials): Json<Credentials>,
) -> Result<Response, AppError> {
    let (account, tokens) =
        accounts::login_api(&state, &credentials.email, &credentials.password).await?;
    let grant = AccessGrant {
        access_token: tokens.access_token.clone(),
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_TTL.whole_seconds(),
        refresh_token: None,
        user: Some(UserView::from(&account)),
    };
    let cookie = refresh_cookie(&state, &tokens, state.clock.now());
    Ok(([(SET_COOKIE, cookie)], Json(grant)).into_response())
}

#[derive(Debug, Deserialize)]
struct RefreshBody {
    refresh_token: String,
}

/// `POST /auth/refresh`: rotates the refresh token; a reused one ends the session.
pub async fn refresh_tokens(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let from_body = refresh_token_in_body(&body)?;
    let presented = match &from_body {
        Some(token) => token.clone(),
        None => cookie_value(headers.get_all(COOKIE).iter(), REFRESH_COOKIE)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| AppError::Unauthorized {
                code: "missing_refresh_token",
                detail: "Send the refresh token cookie or a JSON refresh_token.".into(),
            })?,
    };
    let tokens = match sessions::rotate_refresh_token(&state, &presented).await {
        Ok(tokens) => tokens,
        // A dead token is useless to the browser; drop it with the refusal.
        Err(error @ AppError::Unauthorized { .. }) => {
            return Ok(([(SET_COOKIE, clear_cookie(&state))], error).into_response());
        }
        Err(other) => return Err(other),
    };
    let grant = AccessGrant {
        access_token: tokens.access_token.clone(),
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_TTL.whole_seconds(),
        refresh_token: from_body.is_some().then(|| tokens.refresh_token.clone()),
        user: None,
    };
    let cookie = refresh_cookie(&state, &tokens, state.clock.now());
    Ok(([(SET_COOKIE, cookie)], Json(grant)).into_response())
}

fn refresh_token_in_body(body: &Bytes) -> Result<Option<String>, AppError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let parsed: RefreshBody = serde_json::from_slice(body)
        .map_err(|e| AppError::bad_request("invalid_json", e.to_string()))?;
    Ok(Some(parsed.refresh_token))
}

/// `POST /auth/logout`: ends the caller's session.
pub async fn log_out(
    State(state): State<AppState>,
    ApiUser(caller): ApiUser,
) -> Result<Response, AppError> {
    accounts::logout(&state, caller.session_id).await?;
    Ok(([(SET_COOKIE, clear_cookie(&state))], StatusCode::NO_CONTENT).into_response())
}

/// `POST /auth/logout-all`: ends every session of the caller.
pub async fn log_out_everywhere(
    State(state): State<AppState>,
    ApiUser(caller): ApiUser,
) -> Result<Response, AppError> {
    accounts::logout_everywhere(&state, caller.actor.user_id).await?;
    Ok(([(SET_COOKIE, clear_cookie(&state))], StatusCode::NO_CONTENT).into_response())
}

fn refresh_cookie(state: &AppState, tokens: &TokenPair, now: OffsetDateTime) -> HeaderValue {
    let max_age = (tokens.refresh_expires_at - now).whole_seconds().max(0);
    cookie_header(state, &tokens.refresh_token, max_age)
}

fn clear_cookie(state: &AppState) -> HeaderValue {
    cookie_header(state, "", 0)
}

fn cookie_header(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{REFRESH_COOKIE}={value}; Path={REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    );
    // The token is URL-safe base64, so the header is always valid.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}
