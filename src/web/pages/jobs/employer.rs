//! The employer's job pages: the list of jobs with their actions, the new-job
//! form, and each job's applicants with a status control per row.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::macros::{format_description, offset};
use time::{Date, OffsetDateTime, Time};

use super::board::{Choice, kind_label};
use super::{NoticeQuery, paise_from_form, see_other};
use crate::app::AppError;
use crate::app::applications::{self, Applicant};
use crate::app::jobs::{self, EmployerJob, JobView};
use crate::domain::application::ApplicationStatus;
use crate::domain::job::{EMPLOYMENT_TYPES, EXPERIENCE_LEVELS, JobInput, JobMove};
use crate::domain::{ApplicationId, FieldError, JobId};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::{Path, Query};
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};

use super::seeker::EmptyForm;

#[derive(Template)]
#[template(path = "jobs/employer_jobs.html")]
struct JobsPage {
    layout: Layout,
    notice: Option<&'static str>,
    jobs: Vec<EmployerJob>,
}

/// `GET /employer/jobs`: the employer's jobs with counts and actions.
pub async fn jobs_page(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Query(notice): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let jobs = jobs::list_employer_jobs(&state, &user.0.actor).await?;
    let page = JobsPage {
        layout: Layout::new(Some(&user), &csrf),
        notice: notice.message(),
        jobs,
    };
    Ok(render(&page))
}

/// A trimmed form value; blank is `None`.
pub(super) fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The new-job form as typed. Salaries are whole rupees a year; the deadline is
/// a date, taken as the end of that day in India.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct JobForm {
    pub title: String,
    pub description: String,
    pub requirements: String,
    pub responsibilities: String,
    pub benefits: String,
    pub skills: String,
    pub experience_level: String,
    pub employment_type: String,
    pub salary_min: String,
    pub salary_max: String,
    pub salary_negotiable: Option<String>,
    pub salary_hidden: Option<String>,
    pub city: String,
    pub state: String,
    pub country: String,
    pub remote: Option<String>,
    pub hybrid: Option<String>,
    pub openings: String,
    pub deadline: String,
}

impl JobForm {
    fn input(&self) -> Result<JobInput, AppError> {
        let openings = match optional(&self.openings) {
            None => 1,
            Some(n) => n.parse().map_err(|_| {
                AppError::field("openings", "invalid", "Enter a number of openings.")
            })?,
        };
        Ok(JobInput {
            title: self.title.clone(),
            description: self.description.clone(),
            requirements: optional(&self.requirements),
            responsibilities: optional(&self.responsibilities),
            benefits: optional(&self.benefits),
            skills: self.skills.split(',').map(str::to_owned).collect(),
            experience_level: self.experience_level.clone(),
            employment_type: self.employment_type.clone(),
            salary_min: paise_from_form(&self.salary_min)?,
            salary_max: paise_from_form(&self.salary_max)?,
            salary_negotiable: self.salary_negotiable.is_some(),
            salary_visible: self.salary_hidden.is_none(),
            city: self.city.clone(),
            state: optional(&self.state),
            country: self.country.clone(),
            remote: self.remote.is_some(),
            hybrid: self.hybrid.is_some(),
            openings,
            deadline: deadline(&self.deadline)?,
        })
    }
}

fn deadline(value: &str) -> Result<Option<OffsetDateTime>, AppError> {
    let Some(value) = optional(value) else {
        return Ok(None);
    };
    let date = Date::parse(&value, format_description!("[year]-[month]-[day]"))
        .map_err(|_| AppError::field("deadline", "invalid", "Enter a date as YYYY-MM-DD."))?;
    let end_of_day = date.with_time(Time::MAX).assume_offset(offset!(+05:30));
    Ok(Some(end_of_day.to_offset(offset!(UTC))))
}

#[derive(Template)]
#[template(path = "jobs/new_job.html")]
struct NewJobPage {
    layout: Layout,
    errors: Vec<FieldError>,
    form: JobForm,
    levels: Vec<Choice>,
    types: Vec<Choice>,
}

fn new_job_page_with(layout: Layout, form: JobForm, errors: Vec<FieldError>) -> NewJobPage {
    NewJobPage {
        layout,
        errors,
        levels: Choice::list(&EXPERIENCE_LEVELS, &form.experience_level),
        types: Choice::list(&EMPLOYMENT_TYPES, &form.employment_type),
        form,
    }
}

/// `GET /employer/jobs/new`: the new-job form.
pub async fn new_job_page(user: PageUser, csrf: CsrfToken) -> Result<Response, PageError> {
    let form = JobForm {
        country: "India".into(),
        openings: "1".into(),
        experience_level: "mid".into(),
        employment_type: "full_time".into(),
        ..JobForm::default()
    };
    let layout = Layout::new(Some(&user), &csrf);
    Ok(render(&new_job_page_with(layout, form, Vec::new())))
}

/// `POST /employer/jobs/new`: saves a draft, or shows the form with problems.
pub async fn create_job(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<JobForm>,
) -> Result<Response, PageError> {
    let result = match form.input() {
        Ok(input) => jobs::create_job(&state, &user.0.actor, input).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => Ok(see_other("/employer/jobs", "job_created")),
        Err(AppError::Validation(errors)) => {
            let layout = Layout::new(Some(&user), &csrf);
            let page = new_job_page_with(layout, form, errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn step(
    state: &AppState,
    user: &PageUser,
    id: JobId,
    step: JobMove,
) -> Result<JobView, PageError> {
    Ok(jobs::move_job(state, &user.0.actor, id, step).await?)
}

/// `POST /employer/jobs/{id}/publish`.
pub async fn publish_job(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<JobId>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    step(&state, &user, id, JobMove::Publish).await?;
    Ok(see_other("/employer/jobs", "job_published"))
}

/// `POST /employer/jobs/{id}/pause`.
pub async fn pause_job(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<JobId>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    step(&state, &user, id, JobMove::Pause).await?;
    Ok(see_other("/employer/jobs", "job_paused"))
}

/// `POST /employer/jobs/{id}/close`.
pub async fn close_job(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<JobId>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    step(&state, &user, id, JobMove::Close).await?;
    Ok(see_other("/employer/jobs", "job_closed"))
}

/// One applicant row with the statuses it may move to.
pub struct ApplicantRow {
    pub applicant: Applicant,
    pub next: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "jobs/applicants.html")]
struct ApplicantsPage {
    layout: Layout,
    notice: Option<&'static str>,
    job: JobView,
    kind: String,
    rows: Vec<ApplicantRow>,
}

/// `GET /employer/jobs/{id}/applications`: the job's applicants.
pub async fn applicants_page(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(id): Path<JobId>,
    Query(notice): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let actor = user.0.actor;
    let applicants = applications::list_job_applications(&state, &actor, id).await?;
    let job = jobs::get_job(&state, Some(&actor), id).await?;
    let rows = applicants
        .into_iter()
        .map(|applicant| {
            let from = applicant.status.parse::<ApplicationStatus>().ok();
            let next = ApplicationStatus::all()
                .into_iter()
                .filter(|to| from.is_some_and(|f| f.employer_move(*to).is_ok()))
                .map(ApplicationStatus::as_str)
                .collect();
            ApplicantRow { applicant, next }
        })
        .collect();
    let page = ApplicantsPage {
        layout: Layout::new(Some(&user), &csrf),
        notice: notice.message(),
        kind: kind_label(&job.experience_level, &job.employment_type),
        job,
        rows,
    };
    Ok(render(&page))
}

/// The status control of one applicant row.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    pub status: String,
}

/// `POST /employer/applications/{id}/status`: moves one applicant, then back.
pub async fn move_application(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<ApplicationId>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, PageError> {
    let view = applications::move_application(&state, &user.0.actor, id, &form.status).await?;
    let back = format!("/employer/jobs/{}/applications", view.job_id);
    Ok(see_other(&back, "status_changed"))
}
