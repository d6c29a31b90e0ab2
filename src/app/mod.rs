//! Use cases, one module per area. Each opens a transaction, loads what it needs,
//! asks the domain what may happen, writes, enqueues follow-up jobs, and commits.
//! External calls (gateway, mail) never happen inside a database transaction.

pub mod accounts;
pub mod applications;
pub mod companies;
pub mod earnings;
pub mod error;
pub mod interviewers;
pub mod interviews;
pub mod jobs;
pub mod notifications;
pub mod payments;
pub mod profiles;
pub mod sessions;

pub use error::AppError;
