//! CSRF protection for the HTML pages: a signed double-submit cookie.
//!
//! Every page response carries a random `mockomi_csrf` cookie (httpOnly,
//! SameSite=Lax). Forms embed `csrf_token` = HMAC of that cookie under a server
//! key; [`CsrfForm`] accepts a POST only when the two match. A page on another
//! site can neither read the cookie nor compute the token.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::HeaderValue;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use crate::app::AppError;
use crate::state::{AppState, random_token, sign};

/// The cookie holding the CSRF nonce.
pub const CSRF_COOKIE: &str = "mockomi_csrf";

/// The nonce of this request's CSRF cookie (found or freshly made).
#[derive(Clone, Debug)]
struct CsrfNonce(String);

/// Ensures every page request has a CSRF nonce, setting the cookie when it is new.
pub async fn ensure_cookie(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let existing = cookie_value(request.headers().get_all(COOKIE).iter(), CSRF_COOKIE);
    let (nonce, fresh) = match existing {
        Some(nonce) if nonce.len() >= 32 => (nonce, false),
        _ => (random_token(), true),
    };
    request.extensions_mut().insert(CsrfNonce(nonce.clone()));
    let mut response = next.run(request).await;
    if fresh && let Some(value) = cookie_header(&state, &nonce) {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// A `Set-Cookie` value carrying a brand-new CSRF nonce. Login sends one so a token
/// seen before login is worthless after it.
pub fn rotated_cookie(state: &AppState) -> Option<HeaderValue> {
    cookie_header(state, &random_token())
}

fn cookie_header(state: &AppState, nonce: &str) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{CSRF_COOKIE}={nonce}; Path=/; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// Reads a cookie's value from `Cookie` headers.
pub fn cookie_value<'a>(
    headers: impl Iterator<Item = &'a HeaderValue>,
    name: &str,
) -> Option<String> {
    headers
        .filter_map(|h| h.to_str().ok())
        .flat_map(|h| h.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

fn token_for(state: &AppState, nonce: &str) -> String {
    hex::encode(sign(&state.keys.csrf, nonce.as_bytes()))
}

/// The token to embed in this page's forms as `csrf_token`.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

impl FromRequestParts<AppState> for CsrfToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let nonce = parts.extensions.get::<CsrfNonce>().ok_or_else(|| {
            AppError::Internal(anyhow::anyhow!("CSRF layer missing on page route"))
        })?;
        Ok(CsrfToken(token_for(state, &nonce.0)))
    }
}

/// A form body whose `csrf_token` field matched the request's CSRF cookie.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct TokenField {
    csrf_token: Option<String>,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let nonce = cookie_value(request.headers().get_all(COOKIE).iter(), CSRF_COOKIE);
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| AppError::bad_request("malformed_form", e.body_text()))?;
        let field: TokenField = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| AppError::bad_request("malformed_form", e.to_string()))?;
        let valid = match (nonce, field.csrf_token) {
            (Some(nonce), Some(token)) => {
                bool::from(token_for(state, &nonce).as_bytes().ct_eq(token.as_bytes()))
            }
            _ => false,
        };
        if !valid {
            return Err(AppError::Forbidden {
                code: "csrf_failed",
                detail:
                    "The form expired or came from another site. Reload the page and try again."
                        .into(),
            });
        }
        let form = serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| AppError::bad_request("malformed_form", e.to_string()))?;
        Ok(CsrfForm(form))
    }
}
