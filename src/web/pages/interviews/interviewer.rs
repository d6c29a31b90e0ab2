//! The interviewer's own pages: the profile form with its approval state, and
//! the list of matching open requests with a start-time field and a Claim button.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::PrimitiveDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

use super::{error_for, show_time};
use crate::app::AppError;
use crate::app::interviewers::profile::{self as app_profile, ProfileView};
use crate::app::interviews::claim;
use crate::app::interviews::requests::{self, OpenRequest};
use crate::domain::interviewer::{ApprovalStatus, ProfileDraft};
use crate::domain::{FieldError, InterviewId};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::{Path, Query};
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};
use crate::web::problem;

/// The profile form as posted; every field is text so nothing is lost on errors.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    /// Skills separated by commas or new lines.
    pub skills: String,
    pub years_experience: String,
    pub current_title: String,
    pub current_company: String,
    pub bio: String,
    pub timezone: String,
}

impl ProfileForm {
    fn from_view(view: &ProfileView) -> Self {
        ProfileForm {
            skills: view.skills.join(", "),
            years_experience: view.years_experience.to_string(),
            current_title: view.current_title.clone().unwrap_or_default(),
            current_company: view.current_company.clone().unwrap_or_default(),
            bio: view.bio.clone().unwrap_or_default(),
            timezone: view.timezone.clone(),
        }
    }

    fn draft(&self) -> ProfileDraft {
        let text = |s: &str| Some(s.to_owned()).filter(|s| !s.trim().is_empty());
        ProfileDraft {
            skills: self.skills.split([',', '\n']).map(str::to_owned).collect(),
            // Unreadable numbers become -1, which the range check reports.
            years_experience: self.years_experience.trim().parse().unwrap_or(-1),
            current_title: text(&self.current_title),
            current_company: text(&self.current_company),
            bio: text(&self.bio),
            timezone: self.timezone.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "interviews/profile.html")]
struct ProfilePage {
    layout: Layout,
    status: String,
    status_label: String,
    rejection_reason: Option<String>,
    form: ProfileForm,
    errors: Vec<FieldError>,
    saved: bool,
}

impl ProfilePage {
    fn error(&self, field: &str) -> String {
        error_for(&self.errors, field)
    }
}

fn status_label(status: &str) -> String {
    status
        .parse::<ApprovalStatus>()
        .map(|s| s.label().to_owned())
        .unwrap_or_else(|_| "Not submitted yet".into())
}

fn profile_page(layout: Layout, view: &ProfileView, form: ProfileForm) -> ProfilePage {
    ProfilePage {
        layout,
        status: view.approval_status.clone(),
        status_label: status_label(&view.approval_status),
        rejection_reason: view.rejection_reason.clone(),
        form,
        errors: Vec::new(),
        saved: false,
    }
}

/// `?saved=1` after a successful save.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

/// `GET /interviewer/profile`.
pub async fn show_profile(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Query(query): Query<SavedQuery>,
) -> Result<Response, PageError> {
    let view = app_profile::get_profile(&state, &user.0.actor).await?;
    let mut page = profile_page(
        Layout::new(Some(&user), &csrf),
        &view,
        ProfileForm::from_view(&view),
    );
    page.saved = query.saved.is_some();
    Ok(render(&page))
}

/// `POST /interviewer/profile`: saves, or shows the form again with its errors.
pub async fn save_profile(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<ProfileForm>,
) -> Result<Response, PageError> {
    match app_profile::save_profile(&state, &user.0.actor, form.draft()).await {
        Ok(_) => Ok(Redirect::to("/interviewer/profile?saved=1").into_response()),
        Err(AppError::Validation(errors)) => {
            let view = app_profile::get_profile(&state, &user.0.actor).await?;
            let mut page = profile_page(Layout::new(Some(&user), &csrf), &view, form);
            page.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// An open request as the list shows it.
pub struct RequestRow {
    pub id: InterviewId,
    pub skills: String,
    pub duration_minutes: i32,
    pub notes: Option<String>,
    pub seeker_first_name: String,
    pub created_at: String,
    pub open_until: String,
}

impl From<OpenRequest> for RequestRow {
    fn from(r: OpenRequest) -> Self {
        RequestRow {
            id: r.id,
            skills: r.skills.join(", "),
            duration_minutes: r.duration_minutes,
            notes: r.notes,
            seeker_first_name: r.seeker_first_name,
            created_at: show_time(r.created_at),
            open_until: show_time(r.open_until),
        }
    }
}

#[derive(Template)]
#[template(path = "interviews/requests.html")]
struct RequestsPage {
    layout: Layout,
    approved: bool,
    not_approved_reason: String,
    requests: Vec<RequestRow>,
    error: Option<String>,
}

/// `GET /interviewer/requests`.
pub async fn list_requests(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
) -> Result<Response, PageError> {
    requests_page(&state, &user, &csrf, None).await
}

async fn requests_page(
    state: &AppState,
    user: &PageUser,
    csrf: &CsrfToken,
    error: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let (approved, reason, requests) =
        match requests::list_open_requests(state, &user.0.actor).await {
            Ok(list) => (
                true,
                String::new(),
                list.into_iter().map(RequestRow::from).collect(),
            ),
            Err(AppError::Forbidden {
                code: "interviewer_not_approved",
                detail,
            }) => (false, detail, Vec::new()),
            Err(other) => return Err(other.into()),
        };
    let status = error.as_ref().map_or(StatusCode::OK, |(status, _)| *status);
    let page = RequestsPage {
        layout: Layout::new(Some(user), csrf),
        approved,
        not_approved_reason: reason,
        requests,
        error: error.map(|(_, message)| message),
    };
    Ok((status, render(&page)).into_response())
}

/// The claim form: a `datetime-local` value, read as UTC.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClaimForm {
    pub start_at: String,
}

/// `POST /interviewer/requests/{id}/claim`: claims, or shows the list with the reason it failed.
pub async fn claim_request(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(id): Path<InterviewId>,
    CsrfForm(form): CsrfForm<ClaimForm>,
) -> Result<Response, PageError> {
    let start_at = local_input_as_utc(&form.start_at);
    match claim::claim_interview(&state, &user.0.actor, id, &start_at).await {
        Ok(_) => Ok(Redirect::to("/interviewer/interviews").into_response()),
        Err(AppError::Internal(error)) => Err(AppError::Internal(error).into()),
        Err(error) => {
            let problem = problem::describe(&error);
            let message = match problem.errors.first() {
                Some(field) => field.message.clone(),
                None => problem.detail,
            };
            let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::CONFLICT);
            requests_page(&state, &user, &csrf, Some((status, message))).await
        }
    }
}

/// A browser's `datetime-local` value (`2026-12-24T10:00`, seconds optional),
/// taken as UTC and given back as RFC 3339; anything else passes through
/// unchanged so the claim reports it as a field error.
fn local_input_as_utc(raw: &str) -> String {
    let raw = raw.trim();
    let minutes = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    PrimitiveDateTime::parse(raw, &minutes)
        .or_else(|_| PrimitiveDateTime::parse(raw, &seconds))
        .ok()
        .and_then(|at| at.assume_utc().format(&Rfc3339).ok())
        .unwrap_or_else(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_local_values_are_read_as_utc() {
        assert_eq!(
            local_input_as_utc("2026-12-24T10:00"),
            "2026-12-24T10:00:00Z"
        );
        assert_eq!(
            local_input_as_utc("2026-12-24T10:00:30"),
            "2026-12-24T10:00:30Z"
        );
        assert_eq!(local_input_as_utc("soon"), "soon");
    }

    #[test]
    fn profile_forms_split_skills_and_flag_bad_numbers() {
        let form = ProfileForm {
            skills: "Rust, Go\nSQL".into(),
            years_experience: "ten".into(),
            ..ProfileForm::default()
        };
        let draft = form.draft();
        assert_eq!(draft.skills, ["Rust", " Go", "SQL"]);
        assert_eq!(draft.years_experience, -1);
        assert_eq!(draft.current_title, None);
    }
}
