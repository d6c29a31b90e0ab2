//! Failed-login counting for e-mail addresses that have no account.
//!
//! A registered address locks after repeated failures; if an unknown one did not,
//! the lockout answer would tell a guesser which addresses are registered. So
//! unknown addresses are counted and locked by the same policy, keyed by a keyed
//! hash of the address (the address itself is never stored).

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement, Value, sea_query::Expr,
};
use time::OffsetDateTime;

use crate::app::AppError;
use crate::domain::lockout::{FailureCounter, LockoutPolicy};
use crate::state::AppState;
use crate::store::entity::login_throttles;

/// The stored key of a login address.
pub fn key_of(state: &AppState, address: &str) -> String {
    state
        .keys
        .hash_token(&format!("login:{}", address.trim().to_lowercase()))
}

/// The counter for `key` as stored (clear when there is none).
pub async fn counter(state: &AppState, key: &str) -> Result<FailureCounter, AppError> {
    let row = login_throttles::Entity::find_by_id(key.to_owned())
        .one(state.db.conn())
        .await?;
    Ok(row.map_or(FailureCounter::CLEAR, |r| FailureCounter {
        failed: r.failed_logins,
        locked_until: r.locked_until,
    }))
}

/// Counts one failure against `key`; returns the counter as stored afterwards.
pub async fn record_failure(
    state: &AppState,
    policy: LockoutPolicy,
    key: &str,
    now: OffsetDateTime,
) -> Result<FailureCounter, AppError> {
    for _ in 0..super::login::COUNT_RETRIES {
        let tx = state.db.begin().await?;
        let insert = "INSERT INTO login_throttles (email_hash, failed_logins, locked_until, updated_at) \
                      VALUES ($1, 0, NULL, $2) ON CONFLICT (email_hash) DO NOTHING";
        let values: Vec<Value> = vec![key.into(), now.into()];
        tx.execute_raw(Statement::from_sql_and_values(
            tx.get_database_backend(),
            insert,
            values,
        ))
        .await?;
        let Some(row) = login_throttles::Entity::find_by_id(key.to_owned())
            .one(&tx)
            .await?
        else {
            continue;
        };
        let current = FailureCounter {
            failed: row.failed_logins,
            locked_until: row.locked_until,
        };
        if current.locked_at(now).is_some() {
            return Ok(current);
        }
        let next = policy.after_failure(current, now);
        let stored = login_throttles::Entity::update_many()
            .col_expr(
                login_throttles::Column::FailedLogins,
                Expr::value(next.failed),
            )
            .col_expr(
                login_throttles::Column::LockedUntil,
                Expr::value(next.locked_until),
            )
            .col_expr(login_throttles::Column::UpdatedAt, Expr::value(now))
            .filter(login_throttles::Column::EmailHash.eq(key))
            .filter(login_throttles::Column::FailedLogins.eq(current.failed))
            .exec(&tx)
            .await?
            .rows_affected
            == 1;
        if stored {
            tx.commit().await?;
            return Ok(next);
        }
    }
    Err(AppError::conflict(
        "login_contended",
        "Too many simultaneous login attempts; try again.",
    ))
}
