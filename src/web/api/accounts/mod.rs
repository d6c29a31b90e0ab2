//! API routes of accounts under `/api/v1/auth`: sign-up, e-mail verification,
//! login, token refresh, logout and the caller's own account.

mod signup;
mod tokens;

use axum::Router;
use axum::routing::{get, post};
use serde::Serialize;
use time::OffsetDateTime;

use crate::app::accounts::Account;
use crate::state::AppState;

/// The accounts routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/register", post(signup::register_user))
        .route("/auth/verify-email", post(signup::verify_email))
        .route(
            "/auth/resend-verification",
            post(signup::resend_verification),
        )
        .route("/auth/me", get(signup::show_me))
        .route("/auth/login", post(tokens::log_in))
        .route("/auth/refresh", post(tokens::refresh_tokens))
        .route("/auth/logout", post(tokens::log_out))
        .route("/auth/logout-all", post(tokens::log_out_everywhere))
}

/// A user as login and sign-up answers show it.
#[derive(Debug, Serialize)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub role: &'static str,
    pub first_name: String,
    pub last_name: String,
    pub email_verified: bool,
}

impl From<&Account> for UserView {
    fn from(account: &Account) -> Self {
        UserView {
            id: account.id.0.to_string(),
            email: account.email.clone(),
            role: account.role.as_str(),
            first_name: account.first_name.clone(),
            last_name: account.last_name.clone(),
            email_verified: account.email_verified,
        }
    }
}

/// The caller's own account (`GET /auth/me`).
#[derive(Debug, Serialize)]
pub struct MeView {
    pub id: String,
    pub email: String,
    pub role: &'static str,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email_verified: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<Account> for MeView {
    fn from(account: Account) -> Self {
        MeView {
            id: account.id.0.to_string(),
            email: account.email,
            role: account.role.as_str(),
            first_name: account.first_name,
            last_name: account.last_name,
            phone: account.phone,
            email_verified: account.email_verified,
            created_at: account.created_at,
        }
    }
}
