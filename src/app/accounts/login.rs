//! Login with lockout, and logout.
//!
//! An unknown e-mail and a wrong password get the same answer after the same
//! amount of work. Failures are counted with compare-and-set updates so
//! concurrent attempts cannot lose a count; an ended lock clears the count
//! (`domain::lockout`). The suspension check comes only after a correct
//! password, so it reveals nothing to someone guessing.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use time::{Duration, OffsetDateTime};

use super::{Account, find_by_email, hashing, throttle};
use crate::app::AppError;
use crate::app::sessions::{self, TokenPair};
use crate::domain::lockout::{FailureCounter, LockoutPolicy};
use crate::domain::validation::normalize_email;
use crate::domain::{AccountStatus, SessionId, UserId};
use crate::state::AppState;
use crate::store::entity::users;

/// How many times a failure count is retried when concurrent attempts race.
pub(super) const COUNT_RETRIES: usize = 5;

/// Checks credentials and opens an API session.
pub async fn login_api(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<(Account, TokenPair), AppError> {
    let user = check_credentials(state, email, password).await?;
    let tx = state.db.begin().await?;
    let tokens = sessions::open_api_session(state, &tx, UserId(user.id)).await?;
    tx.commit().await?;
    Ok((Account::from_row(user)?, tokens))
}

/// Checks credentials and opens a browser session; returns its cookie value.
pub async fn login_web(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<(Account, String), AppError> {
    let user = check_credentials(state, email, password).await?;
    let tx = state.db.begin().await?;
    let cookie = sessions::open_web_session(state, &tx, UserId(user.id)).await?;
    tx.commit().await?;
    Ok((Account::from_row(user)?, cookie))
}

/// Ends one session.
pub async fn logout(state: &AppState, session_id: SessionId) -> Result<(), AppError> {
    let tx = state.db.begin().await?;
    sessions::revoke_session(&tx, session_id, "logout", state.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of a user.
pub async fn logout_everywhere(state: &AppState, user_id: UserId) -> Result<(), AppError> {
    let tx = state.db.begin().await?;
    sessions::revoke_all_sessions(&tx, user_id, "logout_all", state.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The user whose credentials these are, after the lockout and status checks.
async fn check_credentials(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<users::Model, AppError> {
    let found = match normalize_email(email) {
        Some(email) => find_by_email(state.db.conn(), &email).await?,
        None => None,
    };
    let now = state.clock.now();
    let Some(user) = found else {
        return Err(unknown_address(state, email, password, now).await?);
    };
    if let Some(until) = counter_of(&user).locked_at(now) {
        return Err(locked(until, now));
    }

    let matches = hashing::verify(password.to_owned(), user.password_hash.clone()).await?;
    if !matches {
        let counter = record_failure(state, user.id, now).await?;
        return Err(match counter.locked_at(now) {
            Some(until) => locked(until, now),
            None => invalid_credentials(),
        });
    }
    if counter_of(&user) != FailureCounter::CLEAR {
        clear_failures(state, user.id).await?;
    }
    if user.status != AccountStatus::Active.as_str() {
        return Err(AppError::Forbidden {
            code: "account_suspended",
            detail: "This account is suspended. Contact support.".into(),
        });
    }
    Ok(user)
}

/// Answers a login for an address without an account exactly as for a registered
/// one: the same work, the same "wrong credentials", and the same lock after
/// repeated failures.
async fn unknown_address(
    state: &AppState,
    email: &str,
    password: &str,
    now: OffsetDateTime,
) -> Result<AppError, AppError> {
    let key = throttle::key_of(state, email);
    if let Some(until) = throttle::counter(state, &key).await?.locked_at(now) {
        return Ok(locked(until, now));
    }
    hashing::verify_nothing(password.to_owned()).await?;
    let counter = throttle::record_failure(state, policy(state), &key, now).await?;
    Ok(match counter.locked_at(now) {
        Some(until) => locked(until, now),
        None => invalid_credentials(),
    })
}

fn counter_of(user: &users::Model) -> FailureCounter {
    FailureCounter {
        failed: user.failed_logins,
        locked_until: user.locked_until,
    }
}

fn policy(state: &AppState) -> LockoutPolicy {
    LockoutPolicy {
        threshold: state.config.market.login_lockout_threshold,
        lock_for: Duration::minutes(state.config.market.login_lockout_minutes),
    }
}

/// Counts one failure; returns the counter as stored afterwards.
async fn record_failure(
    state: &AppState,
    user_id: uuid::Uuid,
    now: OffsetDateTime,
) -> Result<FailureCounter, AppError> {
    for _ in 0..COUNT_RETRIES {
        let tx = state.db.begin().await?;
        let Some(user) = users::Entity::find_by_id(user_id).one(&tx).await? else {
            return Err(invalid_credentials());
        };
        let current = counter_of(&user);
        if current.locked_at(now).is_some() {
            return Ok(current); // a concurrent attempt already locked it
        }
        let next = policy(state).after_failure(current, now);
        let stored = users::Entity::update_many()
            .col_expr(users::Column::FailedLogins, Expr::value(next.failed))
            .col_expr(users::Column::LockedUntil, Expr::value(next.locked_until))
            .filter(users::Column::Id.eq(user_id))
            .filter(users::Column::FailedLogins.eq(current.failed))
            .exec(&tx)
            .await?
            .rows_affected
            == 1;
        if stored {
            tx.commit().await?;
            if next.locked_at(now).is_some() {
                tracing::warn!(user.id = %user_id, "account locked after repeated login failures");
            }
            return Ok(next);
        }
    }
    Err(AppError::conflict(
        "login_contended",
        "Too many simultaneous login attempts; try again.",
    ))
}

async fn clear_failures(state: &AppState, user_id: uuid::Uuid) -> Result<(), AppError> {
    let tx = state.db.begin().await?;
    users::Entity::update_many()
        .col_expr(users::Column::FailedLogins, Expr::value(0))
        .col_expr(
            users::Column::LockedUntil,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .filter(users::Column::Id.eq(user_id))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

fn invalid_credentials() -> AppError {
    AppError::Unauthorized {
        code: "invalid_credentials",
        detail: "The e-mail address or password is wrong.".into(),
    }
}

fn locked(until: OffsetDateTime, now: OffsetDateTime) -> AppError {
    let minutes = ((until - now).whole_seconds() + 59) / 60;
    AppError::Locked {
        detail: format!(
            "Too many failed logins. The account is locked; try again in {minutes} minute(s)."
        ),
    }
}
