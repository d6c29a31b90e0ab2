//! A job's life: publish, pause, close and delete, each a conditional update on
//! the status the caller saw, so concurrent moves cannot both win.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::view::{JobView, company_of, load_job};
use crate::app::AppError;
use crate::domain::JobId;
use crate::domain::job::{self, JobMove, JobStatus};
use crate::domain::permissions::{Action, Actor};
use crate::state::AppState;
use crate::store::entity::jobs;

/// Publishes, pauses or closes one of the caller's jobs. The first publication
/// sets `published_at` and `expires_at`; resuming a paused job keeps both, so
/// pausing cannot stretch a job's listed life.
#[tracing::instrument(skip_all, fields(job.id = %id, job.step = ?step))]
pub async fn move_job(
    state: &AppState,
    actor: &Actor,
    id: JobId,
    step: JobMove,
) -> Result<JobView, AppError> {
    actor.require(Action::PostJob)?;
    let now = state.clock.now();

    let tx = state.db.begin().await?;
    let row = load_job(&tx, id).await?;
    actor.require_owner(row.employer_id.into())?;
    let current: JobStatus = row
        .status
        .parse()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    let next = current.apply(step).map_err(|denied| {
        AppError::conflict("invalid_transition", capitalise(&denied.to_string()))
    })?;
    let published_at = row.published_at.unwrap_or(now);
    let expires_at = row.expires_at.unwrap_or_else(|| job::expires_at(now));
    if step == JobMove::Publish {
        check_publishable(&row, expires_at, now)?;
    }
    let updated = jobs::Entity::update_many()
        .col_expr(jobs::Column::Status, Expr::value(next.as_str()))
        .col_expr(jobs::Column::PublishedAt, Expr::value(published_at))
        .col_expr(jobs::Column::ExpiresAt, Expr::value(expires_at))
        .col_expr(jobs::Column::UpdatedAt, Expr::value(now))
        .filter(jobs::Column::Id.eq(row.id))
        .filter(jobs::Column::Status.eq(current.as_str()))
        .exec(&tx)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::conflict(
            "invalid_transition",
            "The job changed meanwhile; reload it and try again.",
        ));
    }
    let company = company_of(&tx, &row).await?;
    let saved = load_job(&tx, id).await?;
    tx.commit().await?;
    Ok(JobView::new(saved, &company, true, now))
}

fn check_publishable(
    row: &jobs::Model,
    expires_at: time::OffsetDateTime,
    now: time::OffsetDateTime,
) -> Result<(), AppError> {
    if row.deadline.is_some_and(|d| d <= now) {
        return Err(AppError::rule(
            "deadline_passed",
            "The application deadline has passed; set a new one before publishing.",
        ));
    }
    if expires_at <= now {
        return Err(AppError::rule(
            "job_expired",
            "This job's listing period is over; post it again as a new job.",
        ));
    }
    Ok(())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// Deletes one of the caller's draft jobs; published jobs are closed instead.
#[tracing::instrument(skip_all, fields(job.id = %id))]
pub async fn delete_job(state: &AppState, actor: &Actor, id: JobId) -> Result<(), AppError> {
    actor.require(Action::PostJob)?;

    let tx = state.db.begin().await?;
    let row = load_job(&tx, id).await?;
    actor.require_owner(row.employer_id.into())?;
    let deleted = jobs::Entity::delete_many()
        .filter(jobs::Column::Id.eq(row.id))
        .filter(jobs::Column::Status.eq(JobStatus::Draft.as_str()))
        .exec(&tx)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(AppError::conflict(
            "job_not_deletable",
            "Only drafts can be deleted; close a published job instead.",
        ));
    }
    tx.commit().await?;
    Ok(())
}
