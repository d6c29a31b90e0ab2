//! Mockomi's business rules, free of IO.
//!
//! Everything here is plain data and pure functions: identifiers, money, roles and
//! permissions, validation, and the state machines and policies of the marketplace.
//! The application layer loads rows, asks these rules what may happen, and writes
//! the outcome; nothing in this crate touches a database, a clock or the network.

pub mod application;
pub mod booking;
pub mod company;
pub mod ids;
pub mod interview;
pub mod interviewer;
pub mod job;
pub mod ledger;
pub mod lockout;
pub mod money;
pub mod password;
pub mod permissions;
pub mod pricing;
pub mod profile;
pub mod role;
pub mod signup;
pub mod skills;
pub mod validation;

pub use ids::*;
pub use money::Money;
pub use role::{AccountStatus, Role};
pub use validation::{FieldError, Validation};
