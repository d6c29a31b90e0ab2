//! Signed, single-use, expiring links sent by e-mail (verification for now).
//!
//! A link token is `<token id>.<expiry unix seconds>.<hex HMAC>` where the HMAC
//! covers the id, the purpose and the expiry under the e-mail link key. The
//! signature is checked in constant time before the database is touched; the
//! row is then claimed with a conditional update, so a link works once.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use subtle::ConstantTimeEq;
use time::Duration;
use uuid::Uuid;

use super::Account;
use crate::adapters::mailer::Email;
use crate::app::AppError;
use crate::app::notifications::send_email;
use crate::domain::UserId;
use crate::state::{AppState, sign};
use crate::store::WriteTx;
use crate::store::entity::{email_tokens, users};

/// How long a verification link stays valid.
pub const VERIFY_LINK_TTL: Duration = Duration::hours(24);
const VERIFY_EMAIL: &str = "verify_email";

/// Stores a verification token for `user` and queues the e-mail with its link, within `tx`.
pub(super) async fn send_verification(
    state: &AppState,
    tx: &WriteTx,
    user: &users::Model,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let expires_at = now + VERIFY_LINK_TTL;
    let id = Uuid::now_v7();
    let row = email_tokens::ActiveModel {
        id: Set(id),
        user_id: Set(user.id),
        purpose: Set(VERIFY_EMAIL.to_owned()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
    };
    email_tokens::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    let token = sign_token(state, id, VERIFY_EMAIL, expires_at.unix_timestamp());
    // ASCII only and the link on a line of its own, so mail encoding never breaks it.
    let body = format!(
        "Hello,\n\nWelcome to Mockomi. Please confirm your e-mail address by opening this\n\
         link within 24 hours:\n\n{}/verify-email?token={token}\n\n\
         If you did not create a Mockomi account, you can ignore this message.\n\n- Mockomi\n",
        state.config.public_url
    );
    let email = Email {
        to: user.email.clone(),
        subject: "Confirm your e-mail address".into(),
        body,
    };
    send_email(state, tx, email).await
}

/// Sends a fresh verification link to a user whose address is not yet verified.
pub async fn resend_verification(state: &AppState, user_id: UserId) -> Result<(), AppError> {
    let tx = state.db.begin().await?;
    let user = users::Entity::find_by_id(user_id.0)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    if user.email_verified_at.is_some() {
        return Err(AppError::conflict(
            "already_verified",
            "Your e-mail address is already verified.",
        ));
    }
    send_verification(state, &tx, &user).await?;
    tx.commit().await?;
    Ok(())
}

/// Uses a verification link: marks its token used and the user's e-mail verified.
pub async fn verify_email(state: &AppState, token: &str) -> Result<Account, AppError> {
    let (id, expires_unix) = open_token(state, token, VERIFY_EMAIL)?;
    let now = state.clock.now();
    if expires_unix <= now.unix_timestamp() {
        return Err(link_expired());
    }

    let tx = state.db.begin().await?;
    let Some(row) = email_tokens::Entity::find_by_id(id).one(&tx).await? else {
        return Err(invalid_link());
    };
    if row.purpose != VERIFY_EMAIL {
        return Err(invalid_link());
    }
    let claimed = email_tokens::Entity::update_many()
        .col_expr(email_tokens::Column::UsedAt, Expr::value(now))
        .filter(email_tokens::Column::Id.eq(id))
        .filter(email_tokens::Column::UsedAt.is_null())
        .filter(email_tokens::Column::ExpiresAt.gt(now))
        .exec(&tx)
        .await?
        .rows_affected
        == 1;
    if !claimed {
        return Err(if row.used_at.is_some() {
            link_used()
        } else {
            link_expired()
        });
    }
    users::Entity::update_many()
        .col_expr(users::Column::EmailVerifiedAt, Expr::value(now))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.eq(row.user_id))
        .filter(users::Column::EmailVerifiedAt.is_null())
        .exec(&tx)
        .await?;
    let user = users::Entity::find_by_id(row.user_id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    tx.commit().await?;
    Account::from_row(user)
}

fn sign_token(state: &AppState, id: Uuid, purpose: &str, expires_unix: i64) -> String {
    let mac = mac(state, id, purpose, expires_unix);
    format!("{}.{expires_unix}.{}", id.simple(), hex::encode(mac))
}

fn mac(state: &AppState, id: Uuid, purpose: &str, expires_unix: i64) -> Vec<u8> {
    let message = format!("{}|{purpose}|{expires_unix}", id.simple());
    sign(&state.keys.email_link, message.as_bytes())
}

/// The token id and expiry of a well-formed token whose signature is ours.
fn open_token(state: &AppState, token: &str, purpose: &str) -> Result<(Uuid, i64), AppError> {
    let mut parts = token.trim().splitn(3, '.');
    let (Some(id), Some(expires), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid_link());
    };
    let id = Uuid::try_parse(id).map_err(|_| invalid_link())?;
    let expires: i64 = expires.parse().map_err(|_| invalid_link())?;
    let signature = hex::decode(signature).map_err(|_| invalid_link())?;
    let expected = mac(state, id, purpose, expires);
    if bool::from(expected.ct_eq(&signature)) {
        Ok((id, expires))
    } else {
        Err(invalid_link())
    }
}

fn invalid_link() -> AppError {
    AppError::bad_request(
        "invalid_token",
        "This link is not valid. Use the latest link we e-mailed you.",
    )
}

fn link_expired() -> AppError {
    AppError::bad_request(
        "token_expired",
        "This link has expired. Ask for a new one from your account page.",
    )
}

fn link_used() -> AppError {
    AppError::bad_request("token_used", "This link was already used.")
}
