//! `GET /verify-email`, `GET /account` and `POST /account/resend-verification`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::app::{AppError, accounts};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Query;
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};

#[derive(Template)]
#[template(path = "accounts/verify.html")]
struct VerifyPage {
    layout: Layout,
    verified: bool,
    message: String,
}

/// The query of `GET /verify-email`.
#[derive(Debug, Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    token: String,
}

/// `GET /verify-email?token=`: uses the link from the verification e-mail.
pub async fn verify_email(
    State(state): State<AppState>,
    user: Option<PageUser>,
    csrf: CsrfToken,
    Query(query): Query<VerifyQuery>,
) -> Response {
    let layout = Layout::new(user.as_ref(), &csrf);
    match accounts::verify_email(&state, &query.token).await {
        Ok(_) => render(&VerifyPage {
            layout,
            verified: true,
            message: "Your e-mail address is verified. Thank you!".into(),
        }),
        Err(error @ AppError::BadRequest { .. }) => {
            let page = VerifyPage {
                layout,
                verified: false,
                message: error.to_string(),
            };
            (StatusCode::BAD_REQUEST, render(&page)).into_response()
        }
        Err(other) => PageError(other).into_response(),
    }
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    layout: Layout,
    account: accounts::Account,
    sent: bool,
}

/// The query of `GET /account`.
#[derive(Debug, Deserialize)]
pub struct AccountQuery {
    sent: Option<String>,
}

/// `GET /account`: who is signed in, and whether the e-mail is verified.
pub async fn show_account(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Query(query): Query<AccountQuery>,
) -> Result<Response, PageError> {
    let account = accounts::account(&state, user.0.actor.user_id).await?;
    Ok(render(&AccountPage {
        layout: Layout::new(Some(&user), &csrf),
        account,
        sent: query.sent.is_some(),
    }))
}

/// The (empty) resend form.
#[derive(Debug, Deserialize)]
pub struct ResendForm {}

/// `POST /account/resend-verification`: e-mails a fresh link.
pub async fn resend_verification(
    State(state): State<AppState>,
    user: PageUser,
    form: Result<CsrfForm<ResendForm>, AppError>,
) -> Result<Response, PageError> {
    form?;
    match accounts::resend_verification(&state, user.0.actor.user_id).await {
        Ok(()) => Ok(Redirect::to("/account?sent=1").into_response()),
        Err(AppError::Conflict { .. }) => Ok(Redirect::to("/account").into_response()),
        Err(other) => Err(PageError(other)),
    }
}
