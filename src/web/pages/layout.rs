//! The base layout every page extends, the home page and the error page.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::PageUser;
use crate::domain::Role;
use crate::web::csrf::CsrfToken;

/// What the base layout needs: who is signed in (for the menu) and the CSRF token
/// (for the logout button).
#[derive(Clone, Debug)]
pub struct Layout {
    pub nav: Option<Nav>,
    pub csrf: String,
}

/// The signed-in user as the menu shows them.
#[derive(Clone, Copy, Debug)]
pub struct Nav {
    pub role: Role,
}

impl Layout {
    /// The layout for `user` (or an anonymous visitor) with this request's CSRF token.
    pub fn new(user: Option<&PageUser>, csrf: &CsrfToken) -> Self {
        Layout {
            nav: user.map(|u| Nav {
                role: u.0.actor.role,
            }),
            csrf: csrf.0.clone(),
        }
    }

    /// A layout without menu or forms, for error pages.
    pub fn anonymous() -> Self {
        Layout {
            nav: None,
            csrf: String::new(),
        }
    }
}

/// Renders a page, or a plain 500 if the template fails.
pub fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(error = %error, "template failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The page could not be shown.",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
}

/// `GET /`: what Mockomi is, and where to go next.
pub async fn home(user: Option<PageUser>, csrf: CsrfToken) -> Response {
    render(&HomePage {
        layout: Layout::new(user.as_ref(), &csrf),
    })
}

/// An error shown as a page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub layout: Layout,
    pub status: u16,
    pub title: String,
    pub detail: String,
    /// (field, message) pairs.
    pub errors: Vec<(String, String)>,
}
