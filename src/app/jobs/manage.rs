//! Writing a job posting: create a draft, edit it while it is not ended.

use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Deserializer};
use time::OffsetDateTime;

use super::input_of;
use super::view::{JobView, company_of, load_job};
use crate::app::AppError;
use crate::app::companies::find_by_owner;
use crate::domain::JobId;
use crate::domain::job::{JobInput, JobStatus, search_text};
use crate::domain::permissions::{Action, Actor};
use crate::state::AppState;
use crate::store::entity::jobs;

/// Creates a draft job for the caller's company.
#[tracing::instrument(skip_all, fields(user.id = %actor.user_id))]
pub async fn create_job(
    state: &AppState,
    actor: &Actor,
    input: JobInput,
) -> Result<JobView, AppError> {
    actor.require(Action::PostJob)?;
    let now = state.clock.now();
    let input = input.validate(now)?;

    let tx = state.db.begin().await?;
    let Some(company) = find_by_owner(&tx, actor.user_id).await? else {
        return Err(AppError::rule(
            "company_required",
            "Create your company profile before posting jobs.",
        ));
    };
    let mut row = active_row(&input, &company.name, now);
    row.id = Set(JobId::new().0);
    row.company_id = Set(company.id);
    row.employer_id = Set(actor.user_id.0);
    row.status = Set(JobStatus::Draft.as_str().to_owned());
    row.published_at = Set(None);
    row.expires_at = Set(None);
    row.created_at = Set(now);
    let saved = jobs::Entity::insert(row).exec_with_returning(&tx).await?;
    tx.commit().await?;
    Ok(JobView::new(saved, &company, true, now))
}

/// The posting fields of a job row, as an update.
fn active_row(input: &JobInput, company_name: &str, now: OffsetDateTime) -> jobs::ActiveModel {
    jobs::ActiveModel {
        title: Set(input.title.clone()),
        description: Set(input.description.clone()),
        requirements: Set(input.requirements.clone()),
        responsibilities: Set(input.responsibilities.clone()),
        benefits: Set(input.benefits.clone()),
        skills: Set(serde_json::to_string(&input.skills).unwrap_or_else(|_| "[]".into())),
        experience_level: Set(input.experience_level.clone()),
        employment_type: Set(input.employment_type.clone()),
        salary_min: Set(input.salary_min),
        salary_max: Set(input.salary_max),
        salary_negotiable: Set(input.salary_negotiable),
        salary_visible: Set(input.salary_visible),
        city: Set(input.city.clone()),
        state: Set(input.state.clone()),
        country: Set(input.country.clone()),
        remote: Set(input.remote),
        hybrid: Set(input.hybrid),
        openings: Set(input.openings),
        deadline: Set(input.deadline),
        search_text: Set(search_text(input, company_name)),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// A partial edit: absent fields stay as they are; `null` clears an optional one.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub requirements: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub responsibilities: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub benefits: Option<Option<String>>,
    pub skills: Option<Vec<String>>,
    pub experience_level: Option<String>,
    pub employment_type: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub salary_min: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    pub salary_max: Option<Option<i64>>,
    pub salary_negotiable: Option<bool>,
    pub salary_visible: Option<bool>,
    pub city: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub state: Option<Option<String>>,
    pub country: Option<String>,
    pub remote: Option<bool>,
    pub hybrid: Option<bool>,
    pub openings: Option<i32>,
    #[serde(default, deserialize_with = "present_time")]
    pub deadline: Option<Option<OffsetDateTime>>,
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

fn present_time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<OffsetDateTime>>, D::Error> {
    time::serde::rfc3339::option::deserialize(d).map(Some)
}

impl JobPatch {
    /// `base` with this patch laid over it.
    pub fn apply(self, base: JobInput) -> JobInput {
        JobInput {
            title: self.title.unwrap_or(base.title),
            description: self.description.unwrap_or(base.description),
            requirements: self.requirements.unwrap_or(base.requirements),
            responsibilities: self.responsibilities.unwrap_or(base.responsibilities),
            benefits: self.benefits.unwrap_or(base.benefits),
            skills: self.skills.unwrap_or(base.skills),
            experience_level: self.experience_level.unwrap_or(base.experience_level),
            employment_type: self.employment_type.unwrap_or(base.employment_type),
            salary_min: self.salary_min.unwrap_or(base.salary_min),
            salary_max: self.salary_max.unwrap_or(base.salary_max),
            salary_negotiable: self.salary_negotiable.unwrap_or(base.salary_negotiable),
            salary_visible: self.salary_visible.unwrap_or(base.salary_visible),
            city: self.city.unwrap_or(base.city),
            state: self.state.unwrap_or(base.state),
            country: self.country.unwrap_or(base.country),
            remote: self.remote.unwrap_or(base.remote),
            hybrid: self.hybrid.unwrap_or(base.hybrid),
            openings: self.openings.unwrap_or(base.openings),
            deadline: self.deadline.unwrap_or(base.deadline),
        }
    }
}

/// Edits one of the caller's jobs while it is a draft, active or paused.
#[tracing::instrument(skip_all, fields(job.id = %id))]
pub async fn update_job(
    state: &AppState,
    actor: &Actor,
    id: JobId,
    patch: JobPatch,
) -> Result<JobView, AppError> {
    actor.require(Action::PostJob)?;
    let now = state.clock.now();

    let tx = state.db.begin().await?;
    let job = load_job(&tx, id).await?;
    actor.require_owner(job.employer_id.into())?;
    let editable = job
        .status
        .parse::<JobStatus>()
        .is_ok_and(JobStatus::editable);
    if !editable {
        return Err(AppError::conflict(
            "job_not_editable",
            "A closed or expired job can no longer be edited.",
        ));
    }
    let input = patch.apply(input_of(&job)).validate(now)?;
    let company = company_of(&tx, &job).await?;
    let updated = jobs::Entity::update_many()
        .set(active_row(&input, &company.name, now))
        .filter(jobs::Column::Id.eq(job.id))
        .filter(jobs::Column::Status.eq(job.status.clone()))
        .exec(&tx)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::conflict(
            "job_changed",
            "The job changed meanwhile; reload it and try again.",
        ));
    }
    let saved = load_job(&tx, id).await?;
    tx.commit().await?;
    Ok(JobView::new(saved, &company, true, now))
}
