//! Inserting, claiming and finishing rows of `background_jobs`.

use rand::RngExt;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, Statement, Value};
use serde::Serialize;
use serde::de::DeserializeOwned;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::domain::JobRunId;
use crate::store::entity::background_jobs;
use crate::store::{Db, StoreError, WriteTx};

/// A kind of background work. The payload is the serialized struct.
pub trait BackgroundJob: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The stored name; never rename one that may still be queued.
    const KIND: &'static str;
    /// How many runs before the job is kept as dead.
    const MAX_ATTEMPTS: i32 = 8;
}

/// Queues `job` to run as soon as a worker is free, as part of `tx`.
pub async fn enqueue<J: BackgroundJob>(
    tx: &WriteTx,
    job: &J,
    now: OffsetDateTime,
) -> Result<JobRunId, StoreError> {
    enqueue_at(tx, job, now, now).await
}

/// Queues `job` to run no earlier than `run_at`, as part of `tx`.
pub async fn enqueue_at<J: BackgroundJob>(
    tx: &WriteTx,
    job: &J,
    run_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<JobRunId, StoreError> {
    let id = JobRunId::new();
    let payload = serde_json::to_string(job)
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(format!("job payload: {e}"))))?;
    let row = background_jobs::ActiveModel {
        id: sea_orm::Set(id.0),
        kind: sea_orm::Set(J::KIND.to_owned()),
        payload: sea_orm::Set(payload),
        status: sea_orm::Set("queued".to_owned()),
        attempts: sea_orm::Set(0),
        max_attempts: sea_orm::Set(J::MAX_ATTEMPTS),
        run_at: sea_orm::Set(run_at),
        locked_until: sea_orm::Set(None),
        last_error: sea_orm::Set(None),
        created_at: sea_orm::Set(now),
        updated_at: sea_orm::Set(now),
    };
    background_jobs::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    tx.mark_enqueued();
    Ok(id)
}

/// A claimed job, ready to run.
#[derive(Clone, Debug, FromQueryResult)]
pub struct JobRow {
    pub id: Uuid,
    pub kind: String,
    pub payload: String,
    pub attempts: i32,
    pub max_attempts: i32,
}

/// How long a claimed job stays reserved before another worker may take it over.
const LEASE: Duration = Duration::minutes(5);

/// Claims the oldest due job, or a job whose worker died, and marks it running.
pub async fn claim_next(db: &Db, now: OffsetDateTime) -> Result<Option<JobRow>, StoreError> {
    let backend = db.backend();
    // PostgreSQL lets concurrent workers skip each other's rows; SQLite serialises
    // writers anyway, so the plain subquery is already exclusive there.
    let lock = if backend == DbBackend::Postgres {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE background_jobs \
         SET status = 'running', attempts = attempts + 1, locked_until = $1, updated_at = $2 \
         WHERE id = (SELECT id FROM background_jobs \
                     WHERE (status = 'queued' AND run_at <= $2) \
                        OR (status = 'running' AND locked_until < $2) \
                     ORDER BY run_at LIMIT 1 {lock}) \
         RETURNING id, kind, payload, attempts, max_attempts"
    );
    let values: Vec<Value> = vec![(now + LEASE).into(), now.into()];
    let tx = db.begin().await?;
    let row = JobRow::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
        .one(&tx)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Removes a job that ran successfully.
pub async fn complete(db: &Db, id: Uuid) -> Result<(), StoreError> {
    let tx = db.begin().await?;
    background_jobs::Entity::delete_by_id(id).exec(&tx).await?;
    tx.commit().await
}

/// Records a failed run: schedules a retry with backoff, or keeps the job as dead.
pub async fn fail(
    db: &Db,
    job: &JobRow,
    error: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let dead = job.attempts >= job.max_attempts;
    let status = if dead { "dead" } else { "queued" };
    let retry_at = now + backoff(job.attempts);
    let sql = "UPDATE background_jobs \
               SET status = $1, run_at = $2, locked_until = NULL, last_error = $3, updated_at = $4 \
               WHERE id = $5 AND status = 'running'";
    let error: String = error.chars().take(2_000).collect();
    let values: Vec<Value> = vec![
        status.into(),
        retry_at.into(),
        error.into(),
        now.into(),
        job.id.into(),
    ];
    let tx = db.begin().await?;
    tx.execute_raw(Statement::from_sql_and_values(db.backend(), sql, values))
        .await?;
    tx.commit().await?;
    Ok(dead)
}

/// Exponential backoff from 2 s, capped at one hour, with up to 25 % jitter.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 12) as u32;
    let base_ms = (2_000i64 << (exponent - 1)).min(3_600_000);
    let jitter = rand::rng().random_range(0..=base_ms / 4);
    Duration::milliseconds(base_ms + jitter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(backoff(1) >= Duration::seconds(2) && backoff(1) <= Duration::milliseconds(2_500));
        assert!(backoff(3) >= Duration::seconds(8));
        assert!(backoff(40) <= Duration::minutes(75));
    }
}
