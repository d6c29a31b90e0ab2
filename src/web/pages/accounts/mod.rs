//! Account pages: sign-up, e-mail verification, login, logout and the account
//! overview. Errors a visitor can fix are shown on the form itself.

mod account;
mod login;
mod register;

use axum::Router;
use axum::http::HeaderValue;
use axum::routing::{get, post};

use crate::domain::{FieldError, Role};
use crate::state::AppState;

/// The accounts pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/register",
            get(register::show_register).post(register::submit_register),
        )
        .route("/verify-email", get(account::verify_email))
        .route("/login", get(login::show_login).post(login::submit_login))
        .route("/logout", post(login::submit_logout))
        .route("/account", get(account::show_account))
        .route(
            "/account/resend-verification",
            post(account::resend_verification),
        )
}

/// Where each role lands after logging in.
pub fn role_home(role: Role) -> &'static str {
    match role {
        Role::JobSeeker => "/me/profile",
        Role::Employer => "/employer/company",
        Role::Interviewer => "/interviewer/profile",
        Role::Admin => "/admin/interviewers",
    }
}

/// `next` when it is a path on this site, so a login link cannot send people elsewhere.
pub fn local_path(next: Option<&str>) -> Option<&str> {
    next.filter(|path| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.starts_with("/\\")
            && !path.chars().any(|c| c.is_control() || c == '\\')
    })
}

/// A `Set-Cookie` value for the browser session cookie (`max_age` 0 clears it).
fn session_cookie(state: &AppState, value: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        super::SESSION_COOKIE
    );
    HeaderValue::from_str(&cookie).ok()
}

/// Field errors of a submitted form, looked up by field in templates.
#[derive(Clone, Debug, Default)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    /// The messages for `field`.
    pub fn of(&self, field: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect()
    }

    /// Whether `field` has any error.
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/jobs?page=2")), Some("/jobs?page=2"));
        assert_eq!(local_path(Some("//evil.example")), None);
        assert_eq!(local_path(Some("/\\evil.example")), None);
        assert_eq!(local_path(Some("https://evil.example")), None);
        assert_eq!(local_path(Some("")), None);
        assert_eq!(local_path(None), None);
    }
}
