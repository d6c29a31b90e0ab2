//! Reading applications: the seeker's own list, one application with its
//! history (for the seeker or the job's employer), and a job's applicants.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::load_application;
use crate::app::AppError;
use crate::app::jobs::{CompanyBrief, load_job};
use crate::domain::permissions::{Action, Actor};
use crate::domain::{ApplicationId, JobId};
use crate::state::AppState;
use crate::store::entity::{application_events, applications, companies, jobs, users};

/// One of the seeker's applications in their list.
#[derive(Clone, Debug, Serialize)]
pub struct OwnApplication {
    pub id: Uuid,
    pub job_id: Uuid,
    pub job_title: String,
    pub company: Option<CompanyBrief>,
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One applicant of a job, as its employer sees them.
#[derive(Clone, Debug, Serialize)]
pub struct Applicant {
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub applicant_name: String,
    pub status: String,
    pub cover_letter: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One change in an application's history.
#[derive(Clone, Debug, Serialize)]
pub struct HistoryEntry {
    pub from_status: Option<String>,
    pub to_status: String,
    /// `applicant` or `employer`.
    pub by: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// One application in full.
#[derive(Clone, Debug, Serialize)]
pub struct ApplicationView {
    pub id: Uuid,
    pub job_id: Uuid,
    pub job_title: String,
    pub seeker_id: Uuid,
    pub applicant_name: String,
    pub status: String,
    pub cover_letter: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    pub history: Vec<HistoryEntry>,
}

fn full_name(user: &users::Model) -> String {
    format!("{} {}", user.first_name, user.last_name)
        .trim()
        .to_owned()
}

/// The caller's applications, newest first.
pub async fn list_own_applications(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<OwnApplication>, AppError> {
    actor.require(Action::ListOwnApplications)?;
    let conn = state.db.conn();
    let rows = applications::Entity::find()
        .filter(applications::Column::SeekerId.eq(actor.user_id.0))
        .order_by_desc(applications::Column::CreatedAt)
        .all(conn)
        .await?;
    let job_ids: Vec<Uuid> = rows.iter().map(|a| a.job_id).collect();
    let jobs: HashMap<Uuid, jobs::Model> = jobs::Entity::find()
        .filter(jobs::Column::Id.is_in(job_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    let company_ids: Vec<Uuid> = jobs.values().map(|j| j.company_id).collect();
    let companies: HashMap<Uuid, companies::Model> = companies::Entity::find()
        .filter(companies::Column::Id.is_in(company_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    Ok(rows
        .into_iter()
        .map(|a| {
            let job = jobs.get(&a.job_id);
            OwnApplication {
                id: a.id,
                job_id: a.job_id,
                job_title: job.map(|j| j.title.clone()).unwrap_or_default(),
                company: job
                    .and_then(|j| companies.get(&j.company_id))
                    .map(CompanyBrief::from),
                status: a.status,
                created_at: a.created_at,
                updated_at: a.updated_at,
            }
        })
        .collect())
}

/// One application, for the seeker who sent it or the employer of its job.
pub async fn get_application(
    state: &AppState,
    actor: &Actor,
    id: ApplicationId,
) -> Result<ApplicationView, AppError> {
    get_application_in(state.db.conn(), actor, id).await
}

/// [`get_application`] on a given connection (inside a transaction too).
pub(crate) async fn get_application_in(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: ApplicationId,
) -> Result<ApplicationView, AppError> {
    let application = load_application(conn, id).await?;
    let job = load_job(conn, application.job_id.into()).await?;
    actor
        .require_owner(application.seeker_id.into())
        .or_else(|_| actor.require_owner(job.employer_id.into()))?;
    let seeker = users::Entity::find_by_id(application.seeker_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    let events = application_events::Entity::find()
        .filter(application_events::Column::ApplicationId.eq(application.id))
        .order_by_asc(application_events::Column::CreatedAt)
        .order_by_asc(application_events::Column::Id)
        .all(conn)
        .await?;
    let history = events
        .into_iter()
        .map(|e| HistoryEntry {
            by: if e.actor_id == application.seeker_id {
                "applicant"
            } else {
                "employer"
            },
            from_status: e.from_status,
            to_status: e.to_status,
            at: e.created_at,
        })
        .collect();
    Ok(ApplicationView {
        id: application.id,
        job_id: job.id,
        job_title: job.title,
        seeker_id: application.seeker_id,
        applicant_name: full_name(&seeker),
        status: application.status,
        cover_letter: application.cover_letter,
        created_at: application.created_at,
        updated_at: application.updated_at,
        history,
    })
}

/// The applicants of one of the caller's jobs, oldest first. Withdrawn
/// applications stay out of the employer's view.
pub async fn list_job_applications(
    state: &AppState,
    actor: &Actor,
    job_id: JobId,
) -> Result<Vec<Applicant>, AppError> {
    actor.require(Action::ManagePipeline)?;
    let conn = state.db.conn();
    let job = load_job(conn, job_id).await?;
    actor.require_owner(job.employer_id.into())?;
    let rows = applications::Entity::find()
        .filter(applications::Column::JobId.eq(job.id))
        .filter(applications::Column::Status.ne("withdrawn"))
        .order_by_asc(applications::Column::CreatedAt)
        .all(conn)
        .await?;
    let seeker_ids: Vec<Uuid> = rows.iter().map(|a| a.seeker_id).collect();
    let names: HashMap<Uuid, String> = users::Entity::find()
        .filter(users::Column::Id.is_in(seeker_ids))
        .all(conn)
        .await?
        .iter()
        .map(|u| (u.id, full_name(u)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|a| Applicant {
            applicant_name: names.get(&a.seeker_id).cloned().unwrap_or_default(),
            id: a.id,
            seeker_id: a.seeker_id,
            status: a.status,
            cover_letter: a.cover_letter,
            created_at: a.created_at,
            updated_at: a.updated_at,
        })
        .collect())
}

/// The caller's application to `job_id`, if any (for the job page).
pub async fn own_application_for_job(
    state: &AppState,
    actor: &Actor,
    job_id: JobId,
) -> Result<Option<OwnApplication>, AppError> {
    if actor.require(Action::ListOwnApplications).is_err() {
        return Ok(None);
    }
    let row = applications::Entity::find()
        .filter(applications::Column::JobId.eq(job_id.0))
        .filter(applications::Column::SeekerId.eq(actor.user_id.0))
        .one(state.db.conn())
        .await?;
    Ok(row.map(|a| OwnApplication {
        id: a.id,
        job_id: a.job_id,
        job_title: String::new(),
        company: None,
        status: a.status,
        created_at: a.created_at,
        updated_at: a.updated_at,
    }))
}
