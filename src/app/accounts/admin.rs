//! The admin bootstrap: admins are created from the command line only, never by
//! sign-up, and no default credentials exist.

use super::register::{NewUser, check_identity, insert_user};
use super::{Account, email_taken, find_by_email, hashing};
use crate::app::AppError;
use crate::domain::{Role, Validation};
use crate::state::AppState;

/// What the operator gives for a new admin.
#[derive(Clone)]
pub struct NewAdmin {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub password: String,
}

/// Creates an admin with a verified e-mail address, under the password policy.
/// MFA for admins is not enforced yet (docs/ARCHITECTURE.md, Known quirks).
pub async fn create_admin(state: &AppState, input: NewAdmin) -> Result<Account, AppError> {
    let mut v = Validation::new();
    let email = check_identity(
        &mut v,
        &input.email,
        &input.password,
        [&input.first_name, &input.last_name],
    );
    v.finish()?;
    let Some(email) = email else {
        return Err(AppError::field(
            "email",
            "invalid",
            "Enter a valid e-mail address.",
        ));
    };
    if find_by_email(state.db.conn(), &email).await?.is_some() {
        return Err(email_taken());
    }
    let hash = hashing::hash(input.password).await?;
    let new = NewUser {
        email,
        role: Role::Admin,
        first_name: input.first_name.trim().to_owned(),
        last_name: input.last_name.trim().to_owned(),
        phone: None,
    };

    let tx = state.db.begin().await?;
    let now = state.clock.now();
    let row = insert_user(&tx, &new, hash, Some(now), now).await?;
    tx.commit().await?;
    tracing::info!(user.id = %row.id, "admin account created from the command line");
    Account::from_row(row)
}
