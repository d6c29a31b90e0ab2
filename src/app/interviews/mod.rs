//! Mock interviews after payment: interviewers find matching open requests and
//! claim one with a start time, start it, and complete it with feedback; each
//! participant reads their interviews. Creating and paying for a request lives
//! in `app::payments`, which calls [`announce::enqueue_announcement`] when a
//! request opens.

pub mod announce;
pub mod claim;
pub mod requests;
pub mod run;
pub mod view;

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::AppError;
use crate::domain::InterviewId;
use crate::domain::interview::InterviewStatus;
use crate::store::entity::{interview_skills, interviews};

/// Loads an interview row, or 404.
async fn load(conn: &impl ConnectionTrait, id: InterviewId) -> Result<interviews::Model, AppError> {
    interviews::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("interview"))
}

/// The status of a row; a value the schema does not allow is a bug.
fn status_of(row: &interviews::Model) -> Result<InterviewStatus, AppError> {
    row.status
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("interview status: {e}")))
}

/// The skills of each interview in `ids`, alphabetically.
async fn skills_by_interview(
    conn: &impl ConnectionTrait,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, Vec<String>>, AppError> {
    let mut skills: HashMap<Uuid, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(skills);
    }
    let rows = interview_skills::Entity::find()
        .filter(interview_skills::Column::InterviewId.is_in(ids))
        .order_by_asc(interview_skills::Column::Skill)
        .all(conn)
        .await?;
    for row in rows {
        skills.entry(row.interview_id).or_default().push(row.skill);
    }
    Ok(skills)
}

/// The SQL condition "interview `i` asks for a skill interviewer `$N` has".
/// Request skills are compared trimmed and lower-cased, so matching holds even for
/// rows written before normalisation; interviewer skills are stored normalised.
fn skills_match_sql(interviewer_param: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM interview_skills s \
                 JOIN interviewer_skills k ON k.skill = LOWER(TRIM(s.skill)) \
                 WHERE s.interview_id = i.id AND k.user_id = ${interviewer_param})"
    )
}
