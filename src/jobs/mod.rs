//! The durable job queue: the transactional outbox of every follow-up effect.
//!
//! A job is inserted with [`enqueue`] inside the same [`WriteTx`] as the change
//! that causes it, so it exists exactly when the change does. The [`worker`]
//! inside `mockomi serve` claims due jobs with a conditional update, runs them,
//! deletes them on success, retries failures with exponential backoff and
//! jitter, and keeps a job that keeps failing as `dead` with its last error.
//! Jobs must be idempotent: a crash between running and deleting runs one again.

mod queue;
pub mod registry;
pub mod worker;

pub use queue::{BackgroundJob, JobRow, enqueue, enqueue_at};
