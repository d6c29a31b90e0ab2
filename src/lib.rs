//! Mockomi: a job portal with a paid mock-interview marketplace.
//!
//! The crate is layered (see `docs/ARCHITECTURE.md`):
//! - [`web`]: axum routers for the JSON API and the HTML pages; no SQL, no rules.
//! - [`app`]: one module per use-case area; opens transactions, asks the domain
//!   (`mockomi_domain`), writes, enqueues follow-up jobs.
//! - [`store`]: the database: connection, migrations, row types, queries.
//! - [`adapters`]: traits over the outside world (mail, payment gateway, clock)
//!   with a real and a local implementation each.
//! - [`jobs`]: the durable job queue and its worker.

pub mod adapters;
pub mod app;
pub mod cli;
pub mod config;
pub mod jobs;
pub mod seed;
pub mod server;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod web;

pub use mockomi_domain as domain;
