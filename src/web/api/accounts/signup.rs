//! Sign-up, e-mail verification and the caller's own account.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{MeView, UserView};
use crate::app::AppError;
use crate::app::accounts::{self, Registration};
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json};

/// `POST /auth/register`: creates an account and e-mails a verification link.
pub async fn register_user(
    State(state): State<AppState>,
    Json(input): Json<Registration>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    let account = accounts::register(&state, input).await?;
    let user = UserView::from(&account);
    Ok((StatusCode::CREATED, Json(json!({ "user": user }))))
}

/// The body of `POST /auth/verify-email`.
#[derive(Debug, Deserialize)]
pub struct VerifyEmail {
    pub token: String,
}

/// `POST /auth/verify-email`: uses a verification link's token.
pub async fn verify_email(
    State(state): State<AppState>,
    Json(input): Json<VerifyEmail>,
) -> Result<Json<Value>, AppError> {
    let account = accounts::verify_email(&state, &input.token).await?;
    let user = UserView::from(&account);
    Ok(Json(json!({ "user": user })))
}

/// `POST /auth/resend-verification`: e-mails the caller a fresh link.
pub async fn resend_verification(
    State(state): State<AppState>,
    ApiUser(caller): ApiUser,
) -> Result<(StatusCode, Json<Value>), AppError> {
    accounts::resend_verification(&state, caller.actor.user_id).await?;
    Ok((StatusCode::ACCEPTED, Json(json!({ "status": "sent" }))))
}

/// `GET /auth/me`: the caller's own account.
pub async fn show_me(
    State(state): State<AppState>,
    ApiUser(caller): ApiUser,
) -> Result<Json<MeView>, AppError> {
    let account = accounts::account(&state, caller.actor.user_id).await?;
    Ok(Json(MeView::from(account)))
}
