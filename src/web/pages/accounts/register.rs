//! `GET/POST /register`: the sign-up form.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{FormErrors, role_home};
use crate::app::AppError;
use crate::app::accounts::{self, Registration};
use crate::domain::FieldError;
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};

/// The roles offered on the form: value and label.
const ROLES: [(&str, &str); 3] = [
    (
        "job_seeker",
        "Job seeker: find jobs and practise interviews",
    ),
    ("employer", "Employer: post jobs (work e-mail required)"),
    ("interviewer", "Interviewer: run paid mock interviews"),
];

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage {
    layout: Layout,
    values: RegisterValues,
    roles: [(&'static str, &'static str); 3],
    errors: FormErrors,
}

/// What the visitor typed, echoed back after an error (never the password).
#[derive(Debug, Default)]
struct RegisterValues {
    email: String,
    role: String,
    first_name: String,
    last_name: String,
    phone: String,
}

/// `GET /register`: an empty sign-up form.
pub async fn show_register(user: Option<PageUser>, csrf: CsrfToken) -> Response {
    if let Some(user) = user {
        return Redirect::to(role_home(user.0.actor.role)).into_response();
    }
    render(&RegisterPage {
        layout: Layout::new(None, &csrf),
        values: RegisterValues {
            role: "job_seeker".into(),
            ..RegisterValues::default()
        },
        roles: ROLES,
        errors: FormErrors::default(),
    })
}

/// The sign-up form as posted.
#[derive(Debug, Deserialize)]
pub struct RegisterForm {
    email: String,
    password: String,
    role: String,
    first_name: String,
    last_name: String,
    #[serde(default)]
    phone: String,
}

/// `POST /register`: creates the account, or shows the form again with its errors.
pub async fn submit_register(
    State(state): State<AppState>,
    csrf: CsrfToken,
    form: Result<CsrfForm<RegisterForm>, AppError>,
) -> Result<Response, PageError> {
    let CsrfForm(form) = form?;
    let values = RegisterValues {
        email: form.email.clone(),
        role: form.role.clone(),
        first_name: form.first_name.clone(),
        last_name: form.last_name.clone(),
        phone: form.phone.clone(),
    };
    let input = Registration {
        email: form.email,
        password: form.password,
        role: form.role,
        first_name: form.first_name,
        last_name: form.last_name,
        phone: Some(form.phone).filter(|p| !p.trim().is_empty()),
    };
    let errors = match accounts::register(&state, input).await {
        Ok(_) => return Ok(Redirect::to("/login?registered=1").into_response()),
        Err(AppError::Validation(errors)) => errors,
        Err(AppError::Conflict { detail, .. }) => vec![FieldError {
            field: "email".into(),
            code: "email_taken",
            message: detail,
        }],
        Err(other) => return Err(PageError(other)),
    };
    let page = RegisterPage {
        layout: Layout::new(None, &csrf),
        values,
        roles: ROLES,
        errors: FormErrors(errors),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}
