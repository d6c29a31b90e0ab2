//! The job seeker's pages: the profile form and the list of applications.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::board::Choice;
use super::{NoticeQuery, see_other};
use crate::app::AppError;
use crate::app::applications::{self, OwnApplication};
use crate::app::profiles::{self, ProfileView};
use crate::domain::ApplicationId;
use crate::domain::FieldError;
use crate::domain::profile::{Education, ProfileInput, ProfileSkill, SKILL_LEVELS};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::{Path, Query};
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};

/// Blank rows the form offers beyond the saved ones.
const BLANK_ROWS: usize = 3;

/// One skill row of the form, as text.
#[derive(Clone, Debug, Default)]
pub struct SkillRow {
    pub name: String,
    pub levels: Vec<Choice>,
    pub years: String,
}

/// One education row of the form, as text.
#[derive(Clone, Debug, Default)]
pub struct EducationRow {
    pub institution: String,
    pub degree: String,
    pub field: String,
    pub start_year: String,
    pub end_year: String,
}

#[derive(Template)]
#[template(path = "jobs/profile.html")]
struct ProfilePage {
    layout: Layout,
    notice: Option<&'static str>,
    errors: Vec<FieldError>,
    missing: Vec<&'static str>,
    headline: String,
    summary: String,
    location: String,
    phone: String,
    open_to_work: bool,
    skills: Vec<SkillRow>,
    education: Vec<EducationRow>,
}

fn skill_row(name: &str, level: &str, years: String) -> SkillRow {
    SkillRow {
        name: name.to_owned(),
        levels: Choice::list(&SKILL_LEVELS, level),
        years,
    }
}

impl ProfilePage {
    fn from_profile(layout: Layout, profile: ProfileView) -> Self {
        let mut skills: Vec<SkillRow> = profile
            .skills
            .iter()
            .map(|s| skill_row(&s.name, &s.level, s.years.to_string()))
            .collect();
        skills.extend((0..BLANK_ROWS).map(|_| skill_row("", "intermediate", String::new())));
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
        let mut education: Vec<EducationRow> = profile
            .education
            .iter()
            .map(|e| EducationRow {
                institution: e.institution.clone(),
                degree: e.degree.clone(),
                field: e.field.clone().unwrap_or_default(),
                start_year: year(e.start_year),
                end_year: year(e.end_year),
            })
            .collect();
        education.extend((0..BLANK_ROWS).map(|_| EducationRow::default()));
        ProfilePage {
            layout,
            notice: None,
            errors: Vec::new(),
            missing: profile.missing,
            headline: profile.headline.unwrap_or_default(),
            summary: profile.summary.unwrap_or_default(),
            location: profile.location.unwrap_or_default(),
            phone: profile.phone.unwrap_or_default(),
            open_to_work: profile.open_to_work,
            skills,
            education,
        }
    }
}

/// `GET /me/profile`: the profile form with what is still missing.
pub async fn profile_page(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Query(notice): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let profile = profiles::own_profile(&state, &user.0.actor).await?;
    let mut page = ProfilePage::from_profile(Layout::new(Some(&user), &csrf), profile);
    page.notice = notice.message();
    Ok(render(&page))
}

type FormMap = HashMap<String, String>;

fn text(form: &FormMap, key: &str) -> String {
    form.get(key)
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

fn number(form: &FormMap, key: &str, errors: &mut Vec<FieldError>) -> Option<i32> {
    let value = text(form, key);
    if value.is_empty() {
        return None;
    }
    let parsed = value.parse().ok();
    if parsed.is_none() {
        errors.push(FieldError {
            field: key.to_owned(),
            code: "invalid",
            message: "Enter a whole number.".into(),
        });
    }
    parsed
}

/// The form's rows as a profile input, skipping blank rows.
fn profile_input(form: &FormMap, errors: &mut Vec<FieldError>) -> ProfileInput {
    let optional = |key: &str| Some(text(form, key)).filter(|v| !v.is_empty());
    let mut input = ProfileInput {
        headline: optional("headline"),
        summary: optional("summary"),
        location: optional("location"),
        phone: optional("phone"),
        open_to_work: form.contains_key("open_to_work"),
        ..ProfileInput::default()
    };
    for i in 0..60 {
        let name = text(form, &format!("skill_name_{i}"));
        if !name.is_empty() {
            input.skills.push(ProfileSkill {
                name,
                level: text(form, &format!("skill_level_{i}")),
                years: number(form, &format!("skill_years_{i}"), errors).unwrap_or(0),
            });
        }
        let institution = text(form, &format!("institution_{i}"));
        let degree = text(form, &format!("degree_{i}"));
        if !institution.is_empty() || !degree.is_empty() {
            input.education.push(Education {
                institution,
                degree,
                field: optional(&format!("field_{i}")),
                start_year: number(form, &format!("start_year_{i}"), errors),
                end_year: number(form, &format!("end_year_{i}"), errors),
            });
        }
    }
    input
}

/// `POST /me/profile`: saves the profile, or shows the form again with the problems.
pub async fn save_profile(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Result<Response, PageError> {
    let mut errors = Vec::new();
    let input = profile_input(&form, &mut errors);
    let result = match errors.is_empty() {
        true => profiles::save_profile(&state, &user.0.actor, input.clone()).await,
        false => Err(AppError::Validation(errors)),
    };
    match result {
        Ok(_) => Ok(see_other("/me/profile", "profile_saved")),
        Err(AppError::Validation(errors)) => {
            let shown = ProfileView {
                name: String::new(),
                headline: input.headline,
                summary: input.summary,
                location: input.location,
                phone: input.phone,
                skills: input.skills,
                education: input.education,
                open_to_work: input.open_to_work,
                complete: false,
                missing: Vec::new(),
                updated_at: None,
            };
            let mut page = ProfilePage::from_profile(Layout::new(Some(&user), &csrf), shown);
            page.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "jobs/my_applications.html")]
struct ApplicationsPage {
    layout: Layout,
    notice: Option<&'static str>,
    applications: Vec<OwnApplication>,
}

/// `GET /me/applications`: the seeker's applications and their status.
pub async fn applications_page(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Query(notice): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let applications = applications::list_own_applications(&state, &user.0.actor).await?;
    let page = ApplicationsPage {
        layout: Layout::new(Some(&user), &csrf),
        notice: notice.message(),
        applications,
    };
    Ok(render(&page))
}

/// The withdraw button carries only the CSRF token.
#[derive(Debug, serde::Deserialize)]
pub struct EmptyForm {}

/// `POST /me/applications/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<ApplicationId>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    applications::withdraw_application(&state, &user.actor, id).await?;
    Ok(see_other("/me/applications", "withdrawn"))
}
