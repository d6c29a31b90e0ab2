//! The public job board: search with filters and pages, one job, and the apply form.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{NoticeQuery, paise_from_form, salary_text, see_other};
use crate::app::applications::{self, ApplyInput, OwnApplication};
use crate::app::jobs::{self, JobSummary, JobView, SearchParams};
use crate::domain::JobId;
use crate::domain::Role;
use crate::domain::job::{EMPLOYMENT_TYPES, EXPERIENCE_LEVELS};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::{Path, Query};
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser, urlencode};

/// The search form as typed; blank fields mean "any".
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SearchForm {
    pub q: String,
    pub skills: String,
    pub location: String,
    pub experience_level: String,
    pub employment_type: String,
    pub remote: String,
    /// Whole rupees a year.
    pub salary_min: String,
    pub page: String,
}

impl SearchForm {
    fn params(&self) -> Result<SearchParams, PageError> {
        let paise = paise_from_form(&self.salary_min)?;
        let some = |s: &str| Some(s.to_owned()).filter(|s| !s.trim().is_empty());
        Ok(SearchParams {
            q: some(&self.q),
            skills: some(&self.skills),
            location: some(&self.location),
            experience_level: some(&self.experience_level),
            employment_type: some(&self.employment_type),
            remote: some(&self.remote),
            salary_min: paise.map(|p| p.to_string()),
            page: some(&self.page),
            ..SearchParams::default()
        })
    }

    fn link_to_page(&self, page: u64) -> String {
        let form = SearchForm {
            page: page.to_string(),
            ..self.clone()
        };
        format!(
            "/jobs?{}",
            serde_urlencoded::to_string(&form).unwrap_or_default()
        )
    }
}

/// One option of a `<select>`.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    /// Options for `values`, with `current` selected; labels read `full time`.
    pub fn list(values: &[&'static str], current: &str) -> Vec<Choice> {
        values
            .iter()
            .map(|value| Choice {
                value,
                label: value.replace('_', " "),
                selected: *value == current,
            })
            .collect()
    }
}

/// "mid · full time".
pub fn kind_label(level: &str, employment_type: &str) -> String {
    format!("{level} · {}", employment_type.replace('_', " "))
}

/// A job in a result list, ready to print.
pub struct JobCard {
    pub id: String,
    pub title: String,
    pub company: String,
    pub verified: bool,
    pub place: String,
    pub salary: String,
    pub skills: String,
    pub kind: String,
    pub posted: String,
}

fn place(city: &str, country: &str, remote: bool, hybrid: bool) -> String {
    let mode = match (remote, hybrid) {
        (true, _) => " · Remote",
        (false, true) => " · Hybrid",
        _ => "",
    };
    format!("{city}, {country}{mode}")
}

impl From<JobSummary> for JobCard {
    fn from(job: JobSummary) -> Self {
        JobCard {
            id: job.id.to_string(),
            place: place(&job.city, &job.country, job.remote, job.hybrid),
            salary: salary_text(job.salary.as_ref()),
            skills: job.skills.join(", "),
            kind: kind_label(&job.experience_level, &job.employment_type),
            posted: job
                .published_at
                .map(|t| t.date().to_string())
                .unwrap_or_default(),
            title: job.title,
            company: job.company.name,
            verified: job.company.verified,
        }
    }
}

#[derive(Template)]
#[template(path = "jobs/search.html")]
struct SearchPage {
    layout: Layout,
    form: SearchForm,
    cards: Vec<JobCard>,
    total: u64,
    page: u64,
    prev_link: Option<String>,
    next_link: Option<String>,
    levels: Vec<Choice>,
    types: Vec<Choice>,
}

/// `GET /jobs`: the search form and one page of results.
pub async fn search_page(
    State(state): State<AppState>,
    user: Option<PageUser>,
    csrf: CsrfToken,
    Query(form): Query<SearchForm>,
) -> Result<Response, PageError> {
    let results = jobs::search_jobs(&state, &form.params()?).await?;
    let last_page = results.total.div_ceil(results.per_page).max(1);
    let page = SearchPage {
        layout: Layout::new(user.as_ref(), &csrf),
        prev_link: (results.page > 1).then(|| form.link_to_page(results.page - 1)),
        next_link: (results.page < last_page).then(|| form.link_to_page(results.page + 1)),
        cards: results.items.into_iter().map(JobCard::from).collect(),
        total: results.total,
        page: results.page,
        levels: Choice::list(&EXPERIENCE_LEVELS, &form.experience_level),
        types: Choice::list(&EMPLOYMENT_TYPES, &form.employment_type),
        form,
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "jobs/detail.html")]
struct JobPage {
    layout: Layout,
    notice: Option<&'static str>,
    job: JobView,
    place: String,
    salary: String,
    paragraphs: Vec<String>,
    kind: String,
    skills: String,
    is_seeker: bool,
    can_apply: bool,
    signed_in: bool,
    login_link: String,
    application: Option<OwnApplication>,
}

/// `GET /jobs/{id}`: one job, with the apply form for signed-in seekers.
pub async fn job_page(
    State(state): State<AppState>,
    user: Option<PageUser>,
    csrf: CsrfToken,
    Path(id): Path<JobId>,
    Query(notice): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let actor = user.as_ref().map(|u| u.0.actor);
    let job = jobs::get_job(&state, actor.as_ref(), id).await?;
    let application = match &actor {
        Some(actor) => applications::own_application_for_job(&state, actor, id).await?,
        None => None,
    };
    let page = JobPage {
        layout: Layout::new(user.as_ref(), &csrf),
        notice: notice.message(),
        place: place(&job.city, &job.country, job.remote, job.hybrid),
        salary: salary_text(job.salary.as_ref()),
        paragraphs: job.description.split("\n\n").map(str::to_owned).collect(),
        kind: kind_label(&job.experience_level, &job.employment_type),
        skills: job.skills.join(", "),
        is_seeker: actor.is_some_and(|a| a.role == Role::JobSeeker),
        can_apply: application.as_ref().is_none_or(|a| a.status == "withdrawn"),
        signed_in: actor.is_some(),
        login_link: format!("/login?next={}", urlencode(&format!("/jobs/{id}"))),
        application,
        job,
    };
    Ok(render(&page))
}

/// The apply form.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    pub cover_letter: String,
}

/// `POST /jobs/{id}/apply`: sends an application, then back to the job.
pub async fn apply(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<JobId>,
    CsrfForm(form): CsrfForm<ApplyForm>,
) -> Result<Response, PageError> {
    let input = ApplyInput {
        cover_letter: Some(form.cover_letter),
    };
    applications::apply_to_job(&state, &user.actor, id, input).await?;
    Ok(see_other(&format!("/jobs/{id}"), "applied"))
}
