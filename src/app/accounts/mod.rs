//! Accounts: registration, e-mail verification, login with lockout, logout, and
//! the command-line bootstrap of admins.
//!
//! One file per use case; this module holds what they share: the account as
//! callers see it and the look-ups by e-mail.

mod admin;
mod email_link;
mod hashing;
mod login;
mod register;
mod throttle;

pub use admin::{NewAdmin, create_admin};
pub use email_link::{VERIFY_LINK_TTL, resend_verification, verify_email};
pub use login::{login_api, login_web, logout, logout_everywhere};
pub use register::{Registration, register};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use super::AppError;
use crate::domain::{Role, UserId};
use crate::state::AppState;
use crate::store::entity::users;

/// A user account as its owner sees it.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: UserId,
    pub email: String,
    pub role: Role,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email_verified: bool,
    pub created_at: OffsetDateTime,
}

impl Account {
    /// The account of a stored user row.
    pub fn from_row(row: users::Model) -> Result<Account, AppError> {
        let role = row
            .role
            .parse()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("users.role: {e}")))?;
        Ok(Account {
            id: UserId(row.id),
            email: row.email,
            role,
            first_name: row.first_name,
            last_name: row.last_name,
            phone: row.phone,
            email_verified: row.email_verified_at.is_some(),
            created_at: row.created_at,
        })
    }
}

/// The account of `user_id` (`GET /me`).
pub async fn account(state: &AppState, user_id: UserId) -> Result<Account, AppError> {
    let row = users::Entity::find_by_id(user_id.0)
        .one(state.db.conn())
        .await?
        .ok_or(AppError::NotFound("user"))?;
    Account::from_row(row)
}

/// The user with this (normalised) e-mail address, if any.
async fn find_by_email(
    conn: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<users::Model>, AppError> {
    Ok(users::Entity::find()
        .filter(users::Column::Email.eq(email))
        .one(conn)
        .await?)
}

/// The answer when an e-mail address is already registered.
fn email_taken() -> AppError {
    AppError::conflict(
        "email_taken",
        "An account with this e-mail address already exists; log in instead.",
    )
}
