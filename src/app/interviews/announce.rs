//! Telling approved interviewers whose skills match that a request is open.
//!
//! Whoever opens a request (the payment flow, once paid or free) calls
//! [`enqueue_announcement`] in the same transaction; the [`AnnounceRequest`]
//! job then notifies every matching interviewer. The job is idempotent: it
//! skips interviewers already told about this request, and requests that are
//! no longer open.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, Statement, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::load;
use crate::app::AppError;
use crate::app::notifications::{Notice, notify};
use crate::domain::interview::InterviewStatus;
use crate::domain::{InterviewId, UserId};
use crate::jobs::registry::Perform;
use crate::jobs::{BackgroundJob, enqueue};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::notifications;

/// The most interviewers one request is announced to.
const MAX_RECIPIENTS: u64 = 500;

/// The notification kind of an announcement.
pub const KIND: &str = "interview_requested";

/// Queues the announcement of request `id` within `tx`.
pub async fn enqueue_announcement(
    state: &AppState,
    tx: &WriteTx,
    id: InterviewId,
) -> Result<(), AppError> {
    enqueue(tx, &AnnounceRequest { interview_id: id }, state.clock.now()).await?;
    Ok(())
}

/// Notifies the approved interviewers whose skills match an open request.
#[derive(Debug, Serialize, Deserialize)]
pub struct AnnounceRequest {
    pub interview_id: InterviewId,
}

impl BackgroundJob for AnnounceRequest {
    const KIND: &'static str = "announce_interview_request";
    const MAX_ATTEMPTS: i32 = 5;
}

impl Perform for AnnounceRequest {
    async fn perform(self, state: &AppState) -> anyhow::Result<()> {
        let id = self.interview_id;
        let tx = state.db.begin().await?;
        let row = match load(&tx, id).await {
            Ok(row) => row,
            Err(AppError::NotFound(_)) => {
                tracing::info!(interview.id = %id, "request gone; nothing to announce");
                return Ok(());
            }
            Err(other) => return Err(other.into()),
        };
        if row.status != InterviewStatus::Open.as_str() {
            tracing::info!(interview.id = %id, "request no longer open; not announced");
            return Ok(());
        }
        let link = format!("/interviewer/requests#req-{id}");
        let recipients = matching_interviewers(&tx, id).await?;
        let told = already_told(&tx, &recipients, &link).await?;
        for user in recipients.into_iter().filter(|u| !told.contains(&u.0)) {
            notify(state, &tx, user, notice(&link)).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[derive(Debug, FromQueryResult)]
struct Recipient {
    user_id: Uuid,
}

async fn matching_interviewers(tx: &WriteTx, id: InterviewId) -> Result<Vec<UserId>, AppError> {
    let sql = format!(
        "SELECT DISTINCT k.user_id FROM interviewer_skills k \
         JOIN interviewer_profiles p ON p.user_id = k.user_id AND p.approval_status = 'approved' \
         JOIN users u ON u.id = k.user_id AND u.status = 'active' \
         JOIN interview_skills s ON LOWER(TRIM(s.skill)) = k.skill \
         WHERE s.interview_id = $1 LIMIT {MAX_RECIPIENTS}"
    );
    let values: Vec<Value> = vec![id.0.into()];
    let rows = Recipient::find_by_statement(Statement::from_sql_and_values(
        sea_orm::ConnectionTrait::get_database_backend(tx),
        sql,
        values,
    ))
    .all(tx)
    .await?;
    Ok(rows.into_iter().map(|r| UserId(r.user_id)).collect())
}

/// Which of `users` were already told about the request behind `link` (by an
/// earlier run of this job that committed but was not marked done).
async fn already_told(
    tx: &WriteTx,
    users: &[UserId],
    link: &str,
) -> Result<HashSet<Uuid>, AppError> {
    if users.is_empty() {
        return Ok(HashSet::new());
    }
    let rows = notifications::Entity::find()
        .filter(notifications::Column::UserId.is_in(users.iter().map(|u| u.0)))
        .filter(notifications::Column::Kind.eq(KIND))
        .filter(notifications::Column::Link.eq(link))
        .all(tx)
        .await?;
    Ok(rows.into_iter().map(|n| n.user_id).collect())
}

fn notice(link: &str) -> Notice {
    Notice {
        kind: KIND,
        title: "A new mock interview request matches your skills".into(),
        body: "A candidate is looking for a mock interview in one of your skills. The first \
               interviewer to claim it gets it."
            .into(),
        link: Some(link.to_owned()),
    }
}
