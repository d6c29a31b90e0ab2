//! Job board pages: search and job detail with the apply form, the seeker's
//! profile and applications, and the employer's company, jobs and applicants.
//! Every POST reads a [`CsrfForm`](crate::web::csrf::CsrfForm) and answers with
//! a 303 back to a page that shows a notice.

mod board;
mod company;
mod employer;
mod seeker;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use crate::app::jobs::SalaryView;
use crate::state::AppState;

/// The job board pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/jobs", get(board::search_page))
        .route("/jobs/{id}", get(board::job_page))
        .route("/jobs/{id}/apply", post(board::apply))
        .route(
            "/me/profile",
            get(seeker::profile_page).post(seeker::save_profile),
        )
        .route("/me/applications", get(seeker::applications_page))
        .route("/me/applications/{id}/withdraw", post(seeker::withdraw))
        .route(
            "/employer/company",
            get(company::company_page).post(company::save_company),
        )
        .route("/employer/jobs", get(employer::jobs_page))
        .route(
            "/employer/jobs/new",
            get(employer::new_job_page).post(employer::create_job),
        )
        .route("/employer/jobs/{id}/publish", post(employer::publish_job))
        .route("/employer/jobs/{id}/pause", post(employer::pause_job))
        .route("/employer/jobs/{id}/close", post(employer::close_job))
        .route(
            "/employer/jobs/{id}/applications",
            get(employer::applicants_page),
        )
        .route(
            "/employer/applications/{id}/status",
            post(employer::move_application),
        )
}

/// `?notice=` on a page after a redirect; only known codes are shown.
#[derive(Debug, Default, Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

impl NoticeQuery {
    /// The message for the notice code, if it is one we know.
    pub fn message(&self) -> Option<&'static str> {
        let message = match self.notice.as_deref()? {
            "applied" => "Your application was sent.",
            "withdrawn" => "Your application was withdrawn.",
            "profile_saved" => "Your profile was saved.",
            "company_saved" => "Your company profile was saved.",
            "job_created" => "The job was saved as a draft. Publish it when ready.",
            "job_published" => "The job is live.",
            "job_paused" => "The job is paused and hidden from search.",
            "job_closed" => "The job is closed.",
            "status_changed" => "The application was moved and the applicant notified.",
            _ => return None,
        };
        Some(message)
    }
}

/// A 303 to `path` with a notice code.
pub fn see_other(path: &str, notice: &str) -> Response {
    Redirect::to(&format!("{path}?notice={notice}")).into_response()
}

/// Whole rupees with Indian digit grouping (₹12,34,567).
pub fn rupees(paise: i64) -> String {
    crate::domain::Money::from_paise(paise).whole_rupees()
}

/// A salary range as a sentence ("₹15,00,000 – ₹25,00,000 a year").
pub fn salary_text(salary: Option<&SalaryView>) -> String {
    let Some(salary) = salary else {
        return "Salary not disclosed".into();
    };
    let range = match (salary.min, salary.max) {
        (Some(min), Some(max)) => format!("{} – {} a year", rupees(min), rupees(max)),
        (Some(min), None) => format!("From {} a year", rupees(min)),
        (None, Some(max)) => format!("Up to {} a year", rupees(max)),
        (None, None) => String::new(),
    };
    match (range.is_empty(), salary.negotiable) {
        (true, _) => "Negotiable".into(),
        (false, true) => format!("{range} (negotiable)"),
        (false, false) => range,
    }
}

/// Parses a rupee amount typed in a form into paise; blank is `None`.
pub fn paise_from_form(value: &str) -> Result<Option<i64>, crate::app::AppError> {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '₹'))
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    cleaned
        .parse::<i64>()
        .ok()
        .and_then(|r| r.checked_mul(100))
        .map(Some)
        .ok_or_else(|| {
            crate::app::AppError::field("salary", "invalid", "Enter whole rupees, e.g. 1500000.")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupees_use_indian_grouping() {
        assert_eq!(rupees(123_456_700), "₹12,34,567");
        assert_eq!(rupees(99_900), "₹999");
        assert_eq!(rupees(100_000), "₹1,000");
        assert_eq!(rupees(0), "₹0");
    }

    #[test]
    fn form_rupees_become_paise() {
        assert_eq!(paise_from_form("15,00,000").ok(), Some(Some(150_000_000)));
        assert_eq!(paise_from_form(" ").ok(), Some(None));
        assert!(paise_from_form("lots").is_err());
    }
}
