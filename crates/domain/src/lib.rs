//! Mockomi's business rules, free of IO.
//!
//! Everything here is plain data and pure functions: identifiers, money, roles and
//! permissions, validation, and the state machines and policies of the marketplace.
//! The application layer loads rows, asks these rules what may happen, and writes
//! the outcome; nothing in this crate touches a database, a clock or the network.

pub mod ids;
pub mod interview;
pub mod interviewer;
pub mod ledger;
pub mod money;
pub mod permissions;
pub mod role;
pub mod skills;
pub mod validation;

pub use ids::*;
pub use money::Money;
pub use role::{AccountStatus, Role};
pub use validation::{FieldError, Validation};
