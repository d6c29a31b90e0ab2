//! Reading jobs: one job as the public or its owner sees it, and the employer's
//! own list with application counts.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::stored_skills;
use crate::app::AppError;
use crate::domain::JobId;
use crate::domain::application::ApplicationStatus;
use crate::domain::permissions::{Action, Actor};
use crate::state::AppState;
use crate::store::entity::{applications, companies, jobs};

/// The company behind a job, as job listings show it.
#[derive(Clone, Debug, Serialize)]
pub struct CompanyBrief {
    pub id: Uuid,
    pub name: String,
    pub verified: bool,
}

impl From<&companies::Model> for CompanyBrief {
    fn from(row: &companies::Model) -> Self {
        CompanyBrief {
            id: row.id,
            name: row.name.clone(),
            verified: row.verified,
        }
    }
}

/// A salary range in paise per year.
#[derive(Clone, Debug, Serialize)]
pub struct SalaryView {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub currency: &'static str,
    pub negotiable: bool,
}

impl SalaryView {
    /// The salary of `row`, or `None` when hidden from `owner_view == false` readers
    /// or when no figure was given.
    pub fn of(row: &jobs::Model, owner_view: bool) -> Option<SalaryView> {
        let shown = row.salary_visible || owner_view;
        let any = row.salary_min.is_some() || row.salary_max.is_some() || row.salary_negotiable;
        (shown && any).then_some(SalaryView {
            min: row.salary_min,
            max: row.salary_max,
            currency: "INR",
            negotiable: row.salary_negotiable,
        })
    }
}

/// One job in full.
#[derive(Clone, Debug, Serialize)]
pub struct JobView {
    pub id: Uuid,
    pub company: CompanyBrief,
    pub title: String,
    pub description: String,
    pub requirements: Option<String>,
    pub responsibilities: Option<String>,
    pub benefits: Option<String>,
    pub skills: Vec<String>,
    pub experience_level: String,
    pub employment_type: String,
    pub salary: Option<SalaryView>,
    pub salary_visible: bool,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    pub remote: bool,
    pub hybrid: bool,
    pub openings: i32,
    #[serde(with = "time::serde::rfc3339::option")]
    pub deadline: Option<OffsetDateTime>,
    pub status: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl JobView {
    /// `row` of `company` at `now`, with the salary shown per `owner_view`. An
    /// active job past its listing period or deadline shows as `expired`.
    pub fn new(
        row: jobs::Model,
        company: &companies::Model,
        owner_view: bool,
        now: OffsetDateTime,
    ) -> Self {
        let status = if row.status == "active" && !is_open(&row, now) {
            "expired".to_owned()
        } else {
            row.status.clone()
        };
        JobView {
            status,
            company: company.into(),
            skills: stored_skills(&row),
            salary: SalaryView::of(&row, owner_view),
            id: row.id,
            title: row.title,
            description: row.description,
            requirements: row.requirements,
            responsibilities: row.responsibilities,
            benefits: row.benefits,
            experience_level: row.experience_level,
            employment_type: row.employment_type,
            salary_visible: row.salary_visible,
            city: row.city,
            state: row.state,
            country: row.country,
            remote: row.remote,
            hybrid: row.hybrid,
            openings: row.openings,
            deadline: row.deadline,
            published_at: row.published_at,
            expires_at: row.expires_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// Loads a job by id (404 when missing).
pub async fn load_job(conn: &impl ConnectionTrait, id: JobId) -> Result<jobs::Model, AppError> {
    jobs::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("job"))
}

/// Loads the company of a job.
pub(crate) async fn company_of(
    conn: &impl ConnectionTrait,
    job: &jobs::Model,
) -> Result<companies::Model, AppError> {
    companies::Entity::find_by_id(job.company_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("company"))
}

/// Whether a job takes applications and is listed publicly at `now`.
pub fn is_open(job: &jobs::Model, now: OffsetDateTime) -> bool {
    job.status == "active"
        && job.expires_at.is_none_or(|at| at > now)
        && job.deadline.is_none_or(|at| at > now)
}

/// One job: anyone sees an open job; its owner and admins see it in any state.
pub async fn get_job(
    state: &AppState,
    actor: Option<&Actor>,
    id: JobId,
) -> Result<JobView, AppError> {
    let now = state.clock.now();
    let job = load_job(state.db.conn(), id).await?;
    let owner_view = actor.is_some_and(|a| a.require_owner(job.employer_id.into()).is_ok());
    if !owner_view && !is_open(&job, now) {
        return Err(AppError::NotFound("job"));
    }
    let company = company_of(state.db.conn(), &job).await?;
    Ok(JobView::new(job, &company, owner_view, now))
}

/// One of the employer's jobs with its applications counted by status.
#[derive(Clone, Debug, Serialize)]
pub struct EmployerJob {
    #[serde(flatten)]
    pub job: JobView,
    pub applications: BTreeMap<&'static str, u64>,
    pub applications_total: u64,
}

/// The caller's jobs, newest first, with application counts.
pub async fn list_employer_jobs(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<EmployerJob>, AppError> {
    actor.require(Action::ManagePipeline)?;
    let now = state.clock.now();
    let conn = state.db.conn();
    let Some(company) = crate::app::companies::find_by_owner(conn, actor.user_id).await? else {
        return Ok(Vec::new());
    };
    let rows = jobs::Entity::find()
        .filter(jobs::Column::EmployerId.eq(actor.user_id.0))
        .order_by_desc(jobs::Column::CreatedAt)
        .all(conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|j| j.id).collect();
    let counted: Vec<(Uuid, String, i64)> = applications::Entity::find()
        .select_only()
        .column(applications::Column::JobId)
        .column(applications::Column::Status)
        .column_as(applications::Column::Id.count(), "n")
        .filter(applications::Column::JobId.is_in(ids))
        .group_by(applications::Column::JobId)
        .group_by(applications::Column::Status)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mine = counted.iter().filter(|(job, _, _)| *job == row.id);
            let mut counts: BTreeMap<&'static str, u64> = ApplicationStatus::all()
                .into_iter()
                .map(|s| (s.as_str(), 0))
                .collect();
            for (_, status, n) in mine {
                if let Some(count) = counts.get_mut(status.as_str()) {
                    *count = u64::try_from(*n).unwrap_or(0);
                }
            }
            EmployerJob {
                applications_total: counts.values().sum(),
                applications: counts,
                job: JobView::new(row, &company, true, now),
            }
        })
        .collect())
}
