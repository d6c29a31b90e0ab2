//! The worker loop that runs inside `mockomi serve` (and alone in a worker process).

use std::time::Duration;

use tokio::sync::watch;
use tracing::Instrument;

use super::queue::{self, JobRow};
use super::registry;
use crate::state::AppState;

/// How often an idle worker looks for due jobs (retries and scheduled jobs become
/// due without anyone waking it).
const IDLE_POLL: Duration = Duration::from_secs(1);

/// Runs `concurrency` worker loops until `shutdown` turns true; each finishes its current job first.
pub async fn run(state: AppState, concurrency: usize, shutdown: watch::Receiver<bool>) {
    let mut loops = tokio::task::JoinSet::new();
    for slot in 0..concurrency.max(1) {
        loops.spawn(worker_loop(state.clone(), slot, shutdown.clone()));
    }
    while loops.join_next().await.is_some() {}
}

async fn worker_loop(state: AppState, slot: usize, mut shutdown: watch::Receiver<bool>) {
    let ready = state.db.jobs_ready();
    while !*shutdown.borrow() {
        match run_one(&state).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(error) => {
                tracing::warn!(worker.slot = slot, error = %error, "job queue unavailable")
            }
        }
        tokio::select! {
            _ = ready.notified() => {}
            _ = tokio::time::sleep(IDLE_POLL) => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// Claims and runs one due job. `Ok(false)` when none was due.
pub async fn run_one(state: &AppState) -> Result<bool, crate::store::StoreError> {
    let now = state.clock.now();
    let Some(job) = queue::claim_next(&state.db, now).await? else {
        return Ok(false);
    };
    let span = tracing::info_span!("job", job.id = %job.id, job.kind = %job.kind, job.attempt = job.attempts);
    execute(state, job).instrument(span).await?;
    Ok(true)
}

async fn execute(state: &AppState, job: JobRow) -> Result<(), crate::store::StoreError> {
    let started = std::time::Instant::now();
    match registry::run(state, &job).await {
        Ok(()) => {
            queue::complete(&state.db, job.id).await?;
            tracing::info!(job.ms = started.elapsed().as_millis() as u64, "job done");
        }
        Err(error) => {
            let message = format!("{error:#}");
            let dead = queue::fail(&state.db, &job, &message, state.clock.now()).await?;
            if dead {
                tracing::error!(error = %message, "job failed for the last time; kept as dead");
            } else {
                tracing::warn!(error = %message, "job failed; will retry");
            }
        }
    }
    Ok(())
}

/// Runs due jobs until none is left (for tests and one-off commands).
pub async fn drain(state: &AppState) -> Result<usize, crate::store::StoreError> {
    let mut ran = 0;
    while run_one(state).await? {
        ran += 1;
    }
    Ok(ran)
}
