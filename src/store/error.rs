//! The store's error type: missing rows and constraint conflicts are kept apart
//! from every other database failure so callers can turn them into domain errors.

use sea_orm::{DbErr, SqlErr};

/// A failure of the data layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist.
    #[error("row not found")]
    NotFound,
    /// A unique constraint refused the write; the text names the constraint or columns.
    #[error("unique constraint violated: {0}")]
    Conflict(String),
    /// The database could not be reached or opened.
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// Any other database error.
    #[error(transparent)]
    Db(DbErr),
}

impl StoreError {
    /// Whether this is a unique-constraint conflict whose message mentions `needle`
    /// (a constraint name on PostgreSQL, the column list on SQLite).
    pub fn is_conflict_on(&self, needle: &str) -> bool {
        matches!(self, StoreError::Conflict(message) if message.contains(needle))
    }

    /// Whether the database itself is unavailable (as opposed to a bad query).
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StoreError::Connect(_) | StoreError::Db(DbErr::ConnectionAcquire(_) | DbErr::Conn(_))
        )
    }
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(message)) => StoreError::Conflict(message),
            _ => match err {
                DbErr::RecordNotFound(_) => StoreError::NotFound,
                other => StoreError::Db(other),
            },
        }
    }
}
