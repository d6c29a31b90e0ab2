//! The open requests an approved interviewer may claim: open, unexpired,
//! unclaimed, and asking for at least one of the interviewer's skills.

use sea_orm::{FromQueryResult, Statement, Value};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{skills_by_interview, skills_match_sql};
use crate::app::AppError;
use crate::app::interviewers::require_approved;
use crate::domain::InterviewId;
use crate::domain::permissions::{Action, Actor};
use crate::state::AppState;

/// The most requests one listing returns.
const LIST_LIMIT: u64 = 100;

/// An open request as an interviewer sees it: no personal data beyond a first name.
#[derive(Clone, Debug, Serialize)]
pub struct OpenRequest {
    pub id: InterviewId,
    pub skills: Vec<String>,
    pub duration_minutes: i32,
    pub notes: Option<String>,
    pub seeker_first_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub open_until: OffsetDateTime,
}

#[derive(Debug, FromQueryResult)]
struct RequestRow {
    id: Uuid,
    duration_minutes: i32,
    notes: Option<String>,
    first_name: String,
    created_at: OffsetDateTime,
    open_until: OffsetDateTime,
}

/// `GET /interviewer/requests`: matching open requests, oldest first.
pub async fn list_open_requests(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<OpenRequest>, AppError> {
    actor.require(Action::ClaimInterview)?;
    let conn = state.db.conn();
    require_approved(conn, actor.user_id).await?;

    let sql = format!(
        "SELECT i.id, i.duration_minutes, i.notes, u.first_name, i.created_at, i.open_until \
         FROM interviews i JOIN users u ON u.id = i.seeker_id \
         WHERE i.status = 'open' AND i.interviewer_id IS NULL AND i.open_until > $1 \
           AND {} \
         ORDER BY i.created_at, i.id LIMIT {LIST_LIMIT}",
        skills_match_sql(2)
    );
    let values: Vec<Value> = vec![state.clock.now().into(), actor.user_id.0.into()];
    let rows = RequestRow::find_by_statement(Statement::from_sql_and_values(
        state.db.backend(),
        sql,
        values,
    ))
    .all(conn)
    .await?;

    let mut skills = skills_by_interview(conn, rows.iter().map(|r| r.id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| OpenRequest {
            id: InterviewId(r.id),
            skills: skills.remove(&r.id).unwrap_or_default(),
            duration_minutes: r.duration_minutes,
            notes: r.notes,
            seeker_first_name: r.first_name,
            created_at: r.created_at,
            open_until: r.open_until,
        })
        .collect())
}
