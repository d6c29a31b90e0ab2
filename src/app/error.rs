//! `AppError`: every way a use case can fail, each with a stable code.
//!
//! The web layer turns it into `application/problem+json` (API) or an error page
//! in one `match`; nothing else decides status codes.

use crate::domain::FieldError;
use crate::domain::permissions::Denied;
use crate::store::StoreError;

/// A use-case failure.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input has field errors (422 `validation_failed`).
    #[error("the input is not valid")]
    Validation(Vec<FieldError>),
    /// The request is malformed in a way not tied to one field (400).
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    /// No valid credentials (401).
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    /// Authenticated but not allowed (403).
    #[error("{detail}")]
    Forbidden { code: &'static str, detail: String },
    /// The thing does not exist, or is not the caller's to see (404).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request conflicts with the current state (409).
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    /// The account is locked for a while (423).
    #[error("{detail}")]
    Locked { detail: String },
    /// A business rule refused the request as it stands (422 with a specific code).
    #[error("{detail}")]
    Rule { code: &'static str, detail: String },
    /// A dependency (database, gateway) is unavailable (503).
    #[error("{detail}")]
    Unavailable { code: &'static str, detail: String },
    /// A bug or an unexpected failure (500). Logged, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// A conflict with a stable code.
    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        AppError::Conflict {
            code,
            detail: detail.into(),
        }
    }

    /// A refused business rule with a stable code.
    pub fn rule(code: &'static str, detail: impl Into<String>) -> Self {
        AppError::Rule {
            code,
            detail: detail.into(),
        }
    }

    /// A malformed request with a stable code.
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        AppError::BadRequest {
            code,
            detail: detail.into(),
        }
    }

    /// A single field error.
    pub fn field(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        }])
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Validation(errors)
    }
}

impl From<Denied> for AppError {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::WrongRole { required } => {
                let role = required.label().to_lowercase();
                let article = if role.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                AppError::Forbidden {
                    code: "forbidden",
                    detail: format!("This needs {article} {role} account."),
                }
            }
            Denied::EmailNotVerified => AppError::Forbidden {
                code: "email_not_verified",
                detail: "Verify your e-mail address first; we sent you a link.".into(),
            },
            // Someone else's resource is reported as missing, so ids cannot be probed.
            Denied::NotOwner => AppError::NotFound("resource"),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => AppError::NotFound("resource"),
            err if err.is_unavailable() => AppError::Unavailable {
                code: "database_unavailable",
                detail: "The database is unavailable; try again shortly.".into(),
            },
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        AppError::from(StoreError::from(err))
    }
}
