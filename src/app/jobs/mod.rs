//! Job postings: employers write, publish, pause and close them; everyone
//! searches the active ones.
//!
//! `jobs.search_text` (lower-cased title, description, skills and company name)
//! is rebuilt on every write of a job or of its company's name, so the keyword
//! search is a plain, parameterised `LIKE` on both databases.

mod lifecycle;
mod manage;
mod search;
mod view;

pub use lifecycle::{delete_job, move_job};
pub use manage::{JobPatch, create_job, update_job};
pub use search::{JobSummary, SearchPage, SearchParams, search_jobs};
pub use view::{
    CompanyBrief, EmployerJob, JobView, SalaryView, get_job, is_open, list_employer_jobs, load_job,
};

use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use super::AppError;
use crate::domain::CompanyId;
use crate::domain::job::{JobInput, search_text};
use crate::store::entity::jobs;

/// The stored skills of a job (a JSON array of normalised names).
pub fn stored_skills(row: &jobs::Model) -> Vec<String> {
    serde_json::from_str(&row.skills).unwrap_or_default()
}

/// A stored job as the input it was written from.
pub(crate) fn input_of(row: &jobs::Model) -> JobInput {
    JobInput {
        title: row.title.clone(),
        description: row.description.clone(),
        requirements: row.requirements.clone(),
        responsibilities: row.responsibilities.clone(),
        benefits: row.benefits.clone(),
        skills: stored_skills(row),
        experience_level: row.experience_level.clone(),
        employment_type: row.employment_type.clone(),
        salary_min: row.salary_min,
        salary_max: row.salary_max,
        salary_negotiable: row.salary_negotiable,
        salary_visible: row.salary_visible,
        city: row.city.clone(),
        state: row.state.clone(),
        country: row.country.clone(),
        remote: row.remote,
        hybrid: row.hybrid,
        openings: row.openings,
        deadline: row.deadline,
    }
}

/// Rebuilds the search text of every job of a company (after a rename).
pub(crate) async fn refresh_search_text(
    conn: &impl ConnectionTrait,
    company: CompanyId,
    company_name: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let rows = jobs::Entity::find()
        .filter(jobs::Column::CompanyId.eq(company.0))
        .all(conn)
        .await?;
    for row in rows {
        let text = search_text(&input_of(&row), company_name);
        let update = jobs::ActiveModel {
            id: Set(row.id),
            search_text: Set(text),
            updated_at: Set(now),
            ..Default::default()
        };
        jobs::Entity::update(update).exec(conn).await?;
    }
    Ok(())
}
