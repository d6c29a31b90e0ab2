//! Applying to a job: validate, check the profile and the job, insert (or
//! re-open a withdrawn application), record the event, notify the employer.

use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement, Value,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::record_event;
use crate::app::AppError;
use crate::app::jobs::load_job;
use crate::app::notifications::{Notice, notify};
use crate::app::profiles::load_profile;
use crate::domain::application::{ApplicationStatus, DAILY_APPLICATION_LIMIT, MAX_COVER_LETTER};
use crate::domain::permissions::{Action, Actor};
use crate::domain::{ApplicationId, JobId, UserId, Validation};
use crate::state::AppState;
use crate::store::entity::{applications, jobs};
use crate::store::{StoreError, WriteTx};

/// What a seeker sends with an application.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyInput {
    pub cover_letter: Option<String>,
}

/// The answer to a new application.
#[derive(Clone, Debug, Serialize)]
pub struct Applied {
    pub id: Uuid,
    pub job_id: Uuid,
    pub status: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

fn already_applied() -> AppError {
    AppError::conflict("already_applied", "You have already applied to this job.")
}

/// Applies the caller to job `id`.
#[tracing::instrument(skip_all, fields(job.id = %id))]
pub async fn apply_to_job(
    state: &AppState,
    actor: &Actor,
    id: JobId,
    input: ApplyInput,
) -> Result<Applied, AppError> {
    actor.require(Action::ApplyToJob)?;
    let cover_letter = input
        .cover_letter
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let mut v = Validation::new();
    v.optional_text("cover_letter", cover_letter.as_deref(), MAX_COVER_LETTER);
    v.finish()?;
    let now = state.clock.now();

    let tx = state.db.begin().await?;
    lock_seeker(&tx, actor.user_id).await?;
    let job = load_job(&tx, id).await?;
    check_can_apply(&tx, &job, actor.user_id, now).await?;
    let existing = applications::Entity::find()
        .filter(applications::Column::JobId.eq(job.id))
        .filter(applications::Column::SeekerId.eq(actor.user_id.0))
        .one(&tx)
        .await?;
    if existing
        .as_ref()
        .is_some_and(|a| a.status != ApplicationStatus::Withdrawn.as_str())
    {
        return Err(already_applied());
    }
    check_daily_limit(&tx, actor.user_id, now).await?;
    let from = existing.as_ref().map(|_| ApplicationStatus::Withdrawn);
    let (application_id, created_at) = match existing {
        Some(old) => reopen(&tx, old, cover_letter, now).await?,
        None => insert(&tx, &job, actor.user_id, cover_letter, now).await?,
    };
    record_event(
        &tx,
        application_id,
        from,
        ApplicationStatus::Applied,
        actor.user_id,
        now,
    )
    .await?;
    notify_employer(state, &tx, &job, application_id).await?;
    tx.commit().await?;
    Ok(Applied {
        id: application_id,
        job_id: job.id,
        status: ApplicationStatus::Applied.as_str(),
        created_at,
    })
}

/// On PostgreSQL, serialises one seeker's concurrent applications so the daily
/// count cannot be raced past; SQLite write transactions are serial already.
async fn lock_seeker(tx: &WriteTx, seeker: UserId) -> Result<(), AppError> {
    if tx.get_database_backend() == DbBackend::Postgres {
        let sql = "SELECT id FROM users WHERE id = $1 FOR UPDATE";
        tx.query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [Value::from(seeker.0)],
        ))
        .await?;
    }
    Ok(())
}

async fn check_can_apply(
    tx: &WriteTx,
    job: &jobs::Model,
    seeker: UserId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if job.status == "draft" {
        return Err(AppError::NotFound("job"));
    }
    let profile = load_profile(tx, seeker).await?;
    if !profile.complete {
        return Err(AppError::rule(
            "profile_incomplete",
            format!(
                "Complete your profile before applying; missing: {}.",
                profile.missing.join(", ")
            ),
        ));
    }
    if !crate::app::jobs::is_open(job, now) {
        return Err(AppError::rule(
            "job_not_open",
            "This job is no longer taking applications.",
        ));
    }
    Ok(())
}

async fn check_daily_limit(
    tx: &WriteTx,
    seeker: UserId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let sql = "SELECT COUNT(*) AS n FROM application_events e \
               JOIN applications a ON a.id = e.application_id \
               WHERE a.seeker_id = $1 AND e.actor_id = $1 AND e.to_status = 'applied' AND e.created_at > $2";
    let since = now - Duration::days(1);
    let row = tx
        .query_one_raw(Statement::from_sql_and_values(
            tx.get_database_backend(),
            sql,
            [Value::from(seeker.0), Value::from(since)],
        ))
        .await?;
    let sent: i64 = match row {
        Some(row) => row.try_get("", "n")?,
        None => 0,
    };
    if u64::try_from(sent).unwrap_or(0) >= DAILY_APPLICATION_LIMIT {
        return Err(AppError::rule(
            "daily_limit_reached",
            format!(
                "You can send at most {DAILY_APPLICATION_LIMIT} applications a day; try again tomorrow."
            ),
        ));
    }
    Ok(())
}

async fn insert(
    tx: &WriteTx,
    job: &jobs::Model,
    seeker: UserId,
    cover_letter: Option<String>,
    now: OffsetDateTime,
) -> Result<(Uuid, OffsetDateTime), AppError> {
    let id = ApplicationId::new().0;
    let row = applications::ActiveModel {
        id: Set(id),
        job_id: Set(job.id),
        seeker_id: Set(seeker.0),
        status: Set(ApplicationStatus::Applied.as_str().to_owned()),
        cover_letter: Set(cover_letter),
        created_at: Set(now),
        updated_at: Set(now),
    };
    match applications::Entity::insert(row)
        .exec_without_returning(tx)
        .await
    {
        Ok(_) => Ok((id, now)),
        Err(err) => match StoreError::from(err) {
            StoreError::Conflict(_) => Err(already_applied()),
            other => Err(other.into()),
        },
    }
}

/// Re-opens a withdrawn application, if it is still withdrawn.
async fn reopen(
    tx: &WriteTx,
    old: applications::Model,
    cover_letter: Option<String>,
    now: OffsetDateTime,
) -> Result<(Uuid, OffsetDateTime), AppError> {
    let updated = applications::Entity::update_many()
        .col_expr(
            applications::Column::Status,
            Expr::value(ApplicationStatus::Applied.as_str()),
        )
        .col_expr(applications::Column::CoverLetter, Expr::value(cover_letter))
        .col_expr(applications::Column::UpdatedAt, Expr::value(now))
        .filter(applications::Column::Id.eq(old.id))
        .filter(applications::Column::Status.eq(ApplicationStatus::Withdrawn.as_str()))
        .exec(tx)
        .await?;
    if updated.rows_affected != 1 {
        return Err(already_applied());
    }
    Ok((old.id, old.created_at))
}

async fn notify_employer(
    state: &AppState,
    tx: &WriteTx,
    job: &jobs::Model,
    application: Uuid,
) -> Result<(), AppError> {
    let notice = Notice {
        kind: "application_received",
        title: format!("New application: {}", job.title),
        body: format!(
            "Someone applied to your job \"{}\". Review the application in your pipeline.",
            job.title
        ),
        link: Some(format!(
            "/employer/jobs/{}/applications#application-{application}",
            job.id
        )),
    };
    notify(state, tx, job.employer_id.into(), notice).await
}
