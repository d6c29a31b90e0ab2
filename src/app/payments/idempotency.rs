//! `Idempotency-Key` for money-moving POSTs, stored per caller in `idempotency_keys`.
//!
//! The first request with a key claims it (a row without an answer), runs, and
//! stores its status and body. A retry with the same key and the same request
//! gets the stored answer; a different request under the same key is refused
//! (422 `idempotency_key_reused`); a retry while the first is still running is
//! told so (409 `idempotency_key_in_use`). Input that fails validation never
//! claims a key, and a key whose run failed before changing anything is released.

use std::future::Future;

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use sha2::{Digest, Sha256};

use super::super::AppError;
use crate::domain::UserId;
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::entity::idempotency_keys::{self, Column};

/// The longest key accepted.
const MAX_KEY_LEN: usize = 255;

/// A well-formed `Idempotency-Key` header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Checks the header value: 1 to 255 visible ASCII characters.
    pub fn parse(raw: Option<&str>) -> Result<Self, AppError> {
        let key = raw.map(str::trim).unwrap_or_default();
        let visible = key.bytes().all(|b| b.is_ascii_graphic());
        if key.is_empty() || key.len() > MAX_KEY_LEN || !visible {
            return Err(AppError::bad_request(
                "idempotency_key_required",
                "Send an Idempotency-Key header of 1 to 255 visible characters (a UUID is best).",
            ));
        }
        Ok(IdempotencyKey(key.to_owned()))
    }

    /// The key as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The fingerprint of a request: the route and its parsed input.
pub fn request_hash(route: &str, input: &impl serde::Serialize) -> String {
    let body = serde_json::to_string(input).unwrap_or_default();
    hex::encode(Sha256::digest(format!("{route}\n{body}").as_bytes()))
}

/// An answer to a request, fresh or replayed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// The JSON body.
    pub body: String,
    /// Whether this is a stored answer to an earlier request.
    pub replayed: bool,
}

/// Turns an error into an answer worth storing, or `None` to release the key
/// (for failures that changed nothing and may succeed on a retry).
pub type ErrorAnswer = fn(&AppError) -> Option<(u16, String)>;

/// Runs `work` at most once for (`user`, `key`), storing its answer.
pub async fn run_once<F, Fut>(
    state: &AppState,
    user: UserId,
    key: &IdempotencyKey,
    hash: &str,
    error_answer: ErrorAnswer,
    work: F,
) -> Result<Answer, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<(u16, String), AppError>>,
{
    if let Some(stored) = claim(state, user, key, hash).await? {
        return Ok(stored);
    }
    match work().await {
        Ok((status, body)) => {
            finish(state, user, key, status, &body).await?;
            Ok(Answer {
                status,
                body,
                replayed: false,
            })
        }
        Err(error) => {
            match error_answer(&error) {
                Some((status, body)) => finish(state, user, key, status, &body).await?,
                None => release(state, user, key).await?,
            }
            Err(error)
        }
    }
}

/// Claims the key; returns the stored answer when the same request already ran.
async fn claim(
    state: &AppState,
    user: UserId,
    key: &IdempotencyKey,
    hash: &str,
) -> Result<Option<Answer>, AppError> {
    let row = idempotency_keys::ActiveModel {
        user_id: Set(user.0),
        key: Set(key.0.clone()),
        request_hash: Set(hash.to_owned()),
        response_status: Set(None),
        response_body: Set(None),
        created_at: Set(state.clock.now()),
    };
    let tx = state.db.begin().await?;
    let inserted = idempotency_keys::Entity::insert(row)
        .exec_without_returning(&tx)
        .await
        .map_err(StoreError::from);
    match inserted {
        Ok(_) => {
            tx.commit().await?;
            Ok(None)
        }
        Err(StoreError::Conflict(_)) => {
            drop(tx);
            existing_answer(state, user, key, hash).await.map(Some)
        }
        Err(other) => Err(other.into()),
    }
}

async fn existing_answer(
    state: &AppState,
    user: UserId,
    key: &IdempotencyKey,
    hash: &str,
) -> Result<Answer, AppError> {
    let Some(row) = idempotency_keys::Entity::find_by_id((user.0, key.0.clone()))
        .one(state.db.conn())
        .await?
    else {
        return Err(AppError::conflict(
            "idempotency_key_in_use",
            "A request with this Idempotency-Key is being processed; retry shortly.",
        ));
    };
    if row.request_hash != hash {
        return Err(AppError::rule(
            "idempotency_key_reused",
            "This Idempotency-Key was used for a different request; use a new key.",
        ));
    }
    match (row.response_status, row.response_body) {
        (Some(status), Some(body)) => Ok(Answer {
            status: u16::try_from(status).unwrap_or(500),
            body,
            replayed: true,
        }),
        _ => Err(AppError::conflict(
            "idempotency_key_in_use",
            "A request with this Idempotency-Key is being processed; retry shortly.",
        )),
    }
}

async fn finish(
    state: &AppState,
    user: UserId,
    key: &IdempotencyKey,
    status: u16,
    body: &str,
) -> Result<(), AppError> {
    let tx = state.db.begin().await?;
    idempotency_keys::Entity::update_many()
        .col_expr(Column::ResponseStatus, Expr::value(i32::from(status)))
        .col_expr(Column::ResponseBody, Expr::value(body.to_owned()))
        .filter(Column::UserId.eq(user.0))
        .filter(Column::Key.eq(key.0.clone()))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn release(state: &AppState, user: UserId, key: &IdempotencyKey) -> Result<(), AppError> {
    let tx = state.db.begin().await?;
    idempotency_keys::Entity::delete_many()
        .filter(Column::UserId.eq(user.0))
        .filter(Column::Key.eq(key.0.clone()))
        .filter(Column::ResponseStatus.is_null())
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_up_to_255() {
        assert!(IdempotencyKey::parse(Some("8e03978e-40d5-43e8-bc93-6894a57f9324")).is_ok());
        assert!(IdempotencyKey::parse(None).is_err());
        assert!(IdempotencyKey::parse(Some("  ")).is_err());
        assert!(IdempotencyKey::parse(Some("a b")).is_err());
        assert!(IdempotencyKey::parse(Some(&"k".repeat(256))).is_err());
        assert!(IdempotencyKey::parse(Some(&"k".repeat(255))).is_ok());
    }

    #[test]
    fn hashes_tell_routes_and_bodies_apart() {
        let a = request_hash("POST /a", &serde_json::json!({"x": 1}));
        assert_eq!(a, request_hash("POST /a", &serde_json::json!({"x": 1})));
        assert_ne!(a, request_hash("POST /b", &serde_json::json!({"x": 1})));
        assert_ne!(a, request_hash("POST /a", &serde_json::json!({"x": 2})));
    }
}
