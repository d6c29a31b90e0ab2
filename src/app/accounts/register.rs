//! Registration: validate, hash, and in one transaction create the user, the
//! empty profile its role starts with, and the verification e-mail.

use sea_orm::{ActiveValue::Set, EntityTrait};
use time::OffsetDateTime;

use super::{Account, email_link, email_taken, find_by_email, hashing};
use crate::app::AppError;
use crate::domain::validation::normalize_email;
use crate::domain::{AccountStatus, Role, UserId, Validation, password, signup};
use crate::state::AppState;
use crate::store::entity::{interviewer_profiles, seeker_profiles, users};
use crate::store::{StoreError, WriteTx};

/// What a person signs up with.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Registration {
    pub email: String,
    pub password: String,
    pub role: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub phone: Option<String>,
}

/// A registration that passed every check, ready to store.
pub(super) struct NewUser {
    pub email: String,
    pub role: Role,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
}

/// Creates a self-service account and sends its verification link.
pub async fn register(state: &AppState, input: Registration) -> Result<Account, AppError> {
    let new = validate(&input)?;
    if find_by_email(state.db.conn(), &new.email).await?.is_some() {
        return Err(email_taken());
    }
    let hash = hashing::hash(input.password).await?;

    let tx = state.db.begin().await?;
    let now = state.clock.now();
    let row = insert_user(&tx, &new, hash, None, now).await?;
    create_profile(&tx, &row, new.role, now).await?;
    email_link::send_verification(state, &tx, &row).await?;
    tx.commit().await?;
    tracing::info!(user.id = %row.id, user.role = new.role.as_str(), "account registered");
    Account::from_row(row)
}

/// Checks every field at once and returns the registration ready to store.
fn validate(input: &Registration) -> Result<NewUser, AppError> {
    let mut v = Validation::new();
    let role = check_role(&mut v, &input.role);
    let phone = check_phone(&mut v, input.phone.as_deref());
    let email = check_identity(
        &mut v,
        &input.email,
        &input.password,
        [&input.first_name, &input.last_name],
    );
    if let (Some(email), Some(role)) = (&email, role) {
        signup::check_email_for_role(&mut v, "email", email, role);
    }
    v.finish()?;
    let (Some(email), Some(role)) = (email, role) else {
        return Err(AppError::Internal(anyhow::anyhow!(
            "a valid registration lacks its e-mail or role"
        )));
    };
    Ok(NewUser {
        email,
        role,
        first_name: input.first_name.trim().to_owned(),
        last_name: input.last_name.trim().to_owned(),
        phone,
    })
}

/// The role asked for, when a person may choose it themselves.
fn check_role(v: &mut Validation, raw: &str) -> Option<Role> {
    match raw.trim().parse::<Role>() {
        Ok(role) if role.self_service() => return Some(role),
        Ok(_) => v.add(
            "role",
            "not_allowed",
            "Admins are created by the operators only.",
        ),
        Err(_) => v.add(
            "role",
            "invalid",
            "Choose job_seeker, employer or interviewer.",
        ),
    }
    None
}

/// The normalised phone number, if one was given; a bad one is recorded.
fn check_phone(v: &mut Validation, raw: Option<&str>) -> Option<String> {
    let raw = raw.map(str::trim).filter(|p| !p.is_empty())?;
    let phone = signup::normalize_phone(raw);
    v.check(
        phone.is_none(),
        "phone",
        "invalid",
        "Enter a phone number of 7 to 15 digits, optionally starting with +.",
    );
    phone
}

/// Checks e-mail, password and names, returning the normalised e-mail.
pub(super) fn check_identity(
    v: &mut Validation,
    raw_email: &str,
    raw_password: &str,
    [first_name, last_name]: [&str; 2],
) -> Option<String> {
    let email = normalize_email(raw_email);
    v.check(
        email.is_none(),
        "email",
        "invalid",
        "Enter a valid e-mail address.",
    );
    if let Err(errors) = password::check(
        "password",
        raw_password,
        email.as_deref().unwrap_or(raw_email),
    ) {
        for error in errors {
            v.add(&error.field, error.code, error.message);
        }
    }
    signup::check_name(v, "first_name", first_name);
    signup::check_name(v, "last_name", last_name);
    email
}

/// Inserts the user row; a taken e-mail (even in a race) is `email_taken`.
pub(super) async fn insert_user(
    tx: &WriteTx,
    new: &NewUser,
    password_hash: String,
    verified_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<users::Model, AppError> {
    let row = users::Model {
        id: UserId::new().0,
        email: new.email.clone(),
        password_hash,
        role: new.role.as_str().to_owned(),
        status: AccountStatus::Active.as_str().to_owned(),
        first_name: new.first_name.clone(),
        last_name: new.last_name.clone(),
        phone: new.phone.clone(),
        email_verified_at: verified_at,
        failed_logins: 0,
        locked_until: None,
        created_at: now,
        updated_at: now,
    };
    let active: users::ActiveModel = row.clone().into();
    match users::Entity::insert(active)
        .exec_without_returning(tx)
        .await
    {
        Ok(_) => Ok(row),
        Err(err) => match StoreError::from(err) {
            conflict if conflict.is_conflict_on("email") => Err(email_taken()),
            other => Err(other.into()),
        },
    }
}

/// Creates the empty profile a new job seeker or interviewer starts with.
async fn create_profile(
    tx: &WriteTx,
    user: &users::Model,
    role: Role,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    match role {
        Role::JobSeeker => {
            let profile = seeker_profiles::ActiveModel {
                user_id: Set(user.id),
                headline: Set(None),
                summary: Set(None),
                location: Set(None),
                skills: Set("[]".into()),
                education: Set("[]".into()),
                open_to_work: Set(true),
                updated_at: Set(now),
            };
            seeker_profiles::Entity::insert(profile)
                .exec_without_returning(tx)
                .await?;
        }
        Role::Interviewer => {
            let profile = interviewer_profiles::ActiveModel {
                user_id: Set(user.id),
                years_experience: Set(0),
                current_title: Set(None),
                current_company: Set(None),
                bio: Set(None),
                timezone: Set("Asia/Kolkata".into()),
                approval_status: Set("pending".into()),
                rejection_reason: Set(None),
                decided_by: Set(None),
                decided_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            };
            interviewer_profiles::Entity::insert(profile)
                .exec_without_returning(tx)
                .await?;
        }
        Role::Employer | Role::Admin => {}
    }
    Ok(())
}
