//! Mockomi's integration tests, built as one binary. Each test gets its own fresh
//! database: a SQLite file by default, or a new PostgreSQL database when
//! `TEST_DATABASE_URL` points at a server (see `harness`).

mod accounts;
mod e2e;
mod harness;
mod hostile_input;
mod interviews;
mod jobs;
mod jobs_pages;
mod notifications;
mod payments;
mod queue;
mod seed;
