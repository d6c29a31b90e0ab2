//! `GET/POST /login` and `POST /logout`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{local_path, role_home, session_cookie};
use crate::app::sessions::WEB_SESSION_TTL;
use crate::app::{AppError, accounts};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Query;
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};
use crate::web::problem;

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    layout: Layout,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<&'static str>,
}

/// The query of `GET /login`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    registered: Option<String>,
}

/// `GET /login`: the login form (signed-in visitors go to their home page).
pub async fn show_login(
    user: Option<PageUser>,
    csrf: CsrfToken,
    Query(query): Query<LoginQuery>,
) -> Response {
    if let Some(user) = user {
        return Redirect::to(role_home(user.0.actor.role)).into_response();
    }
    let notice = query
        .registered
        .is_some()
        .then_some("Account created. Check your e-mail for the verification link, then log in.");
    render(&LoginPage {
        layout: Layout::new(None, &csrf),
        email: String::new(),
        next: local_path(query.next.as_deref()).unwrap_or("").to_owned(),
        error: None,
        notice,
    })
}

/// The login form as posted.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: Option<String>,
}

/// `POST /login`: opens a browser session and goes to `next` or the role's home.
pub async fn submit_login(
    State(state): State<AppState>,
    csrf: CsrfToken,
    form: Result<CsrfForm<LoginForm>, AppError>,
) -> Result<Response, PageError> {
    let CsrfForm(form) = form?;
    match accounts::login_web(&state, &form.email, &form.password).await {
        Ok((account, cookie)) => {
            let target = local_path(form.next.as_deref()).unwrap_or(role_home(account.role));
            let mut response = Redirect::to(target).into_response();
            if let Some(cookie) = session_cookie(&state, &cookie, WEB_SESSION_TTL.whole_seconds()) {
                response.headers_mut().append(SET_COOKIE, cookie);
            }
            if let Some(csrf_cookie) = crate::web::csrf::rotated_cookie(&state) {
                response.headers_mut().append(SET_COOKIE, csrf_cookie);
            }
            Ok(response)
        }
        Err(
            error @ (AppError::Unauthorized { .. }
            | AppError::Locked { .. }
            | AppError::Forbidden { .. }),
        ) => Ok(refused_login(&csrf, form, &error)),
        Err(other) => Err(PageError(other)),
    }
}

/// The login form again, with why the login was refused and the e-mail kept.
fn refused_login(csrf: &CsrfToken, form: LoginForm, error: &AppError) -> Response {
    let described = problem::describe(error);
    let status = StatusCode::from_u16(described.status).unwrap_or(StatusCode::UNAUTHORIZED);
    let page = LoginPage {
        layout: Layout::new(None, csrf),
        next: local_path(form.next.as_deref()).unwrap_or("").to_owned(),
        email: form.email,
        error: Some(described.detail),
        notice: None,
    };
    (status, render(&page)).into_response()
}

/// The (empty) logout form.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {}

/// `POST /logout`: ends the browser session and clears its cookie.
pub async fn submit_logout(
    State(state): State<AppState>,
    user: Option<PageUser>,
    form: Result<CsrfForm<LogoutForm>, AppError>,
) -> Result<Response, PageError> {
    form?;
    if let Some(PageUser(user)) = user {
        accounts::logout(&state, user.session_id).await?;
    }
    let mut response = Redirect::to("/").into_response();
    if let Some(cookie) = session_cookie(&state, "", 0) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}
