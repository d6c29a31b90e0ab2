//! Sessions and the tokens that prove them.
//!
//! An API login creates an `api` session: a short-lived access token (a JWT naming
//! the session) plus an opaque refresh token stored only as a keyed hash. Every
//! refresh rotates the token; presenting a token that was already rotated is
//! treated as theft and revokes the whole session, i.e. the token family. A browser
//! login creates a `web` session identified by an opaque cookie.
//!
//! Every authenticated request re-reads the session and the user, so logout,
//! revocation and suspension take effect on the very next request.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::AppError;
use crate::domain::permissions::Actor;
use crate::domain::{AccountStatus, Role, SessionId, UserId};
use crate::state::{AppState, random_token};
use crate::store::WriteTx;
use crate::store::entity::{auth_sessions, refresh_tokens, users};

/// How long an access token is valid.
pub const ACCESS_TOKEN_TTL: Duration = Duration::minutes(15);
/// How long an API session (its refresh tokens) lives without use.
pub const API_SESSION_TTL: Duration = Duration::days(30);
/// How long a browser session lives.
pub const WEB_SESSION_TTL: Duration = Duration::days(7);

/// What an access token says.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    sid: Uuid,
    iat: i64,
    exp: i64,
}

/// The tokens handed to an API client after login or refresh.
#[derive(Debug)]
pub struct TokenPair {
    pub access_token: String,
    pub access_expires_at: OffsetDateTime,
    pub refresh_token: String,
    pub refresh_expires_at: OffsetDateTime,
    pub session_id: SessionId,
}

/// The kind of a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Api,
    Web,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Api => "api",
            SessionKind::Web => "web",
        }
    }
}

/// An authenticated caller and the session it came through.
#[derive(Clone, Copy, Debug)]
pub struct Authenticated {
    pub actor: Actor,
    pub session_id: SessionId,
}

/// Opens an API session for `user_id` within `tx` and returns its first tokens.
pub async fn open_api_session(
    state: &AppState,
    tx: &WriteTx,
    user_id: UserId,
) -> Result<TokenPair, AppError> {
    let now = state.clock.now();
    let session_id = SessionId::new();
    insert_session(
        tx,
        session_id,
        user_id,
        SessionKind::Api,
        None,
        now + API_SESSION_TTL,
        now,
    )
    .await?;
    let (refresh_token, refresh_expires_at) =
        insert_refresh_token(state, tx, session_id, now).await?;
    let (access_token, access_expires_at) = sign_access_token(state, user_id, session_id, now)?;
    Ok(TokenPair {
        access_token,
        access_expires_at,
        refresh_token,
        refresh_expires_at,
        session_id,
    })
}

/// Opens a browser session for `user_id` within `tx` and returns its cookie value.
pub async fn open_web_session(
    state: &AppState,
    tx: &WriteTx,
    user_id: UserId,
) -> Result<String, AppError> {
    let now = state.clock.now();
    let cookie = random_token();
    let hash = state.keys.hash_token(&cookie);
    insert_session(
        tx,
        SessionId::new(),
        user_id,
        SessionKind::Web,
        Some(hash),
        now + WEB_SESSION_TTL,
        now,
    )
    .await?;
    Ok(cookie)
}

async fn insert_session(
    tx: &WriteTx,
    id: SessionId,
    user_id: UserId,
    kind: SessionKind,
    token_hash: Option<String>,
    expires_at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let row = auth_sessions::ActiveModel {
        id: Set(id.0),
        user_id: Set(user_id.0),
        kind: Set(kind.as_str().to_owned()),
        token_hash: Set(token_hash),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    };
    auth_sessions::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

async fn insert_refresh_token(
    state: &AppState,
    tx: &WriteTx,
    session_id: SessionId,
    now: OffsetDateTime,
) -> Result<(String, OffsetDateTime), AppError> {
    let token = random_token();
    let expires_at = now + API_SESSION_TTL;
    let row = refresh_tokens::ActiveModel {
        id: Set(Uuid::now_v7()),
        session_id: Set(session_id.0),
        token_hash: Set(state.keys.hash_token(&token)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    };
    refresh_tokens::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    Ok((token, expires_at))
}

fn sign_access_token(
    state: &AppState,
    user_id: UserId,
    session_id: SessionId,
    now: OffsetDateTime,
) -> Result<(String, OffsetDateTime), AppError> {
    let expires_at = now + ACCESS_TOKEN_TTL;
    let claims = Claims {
        sub: user_id.0,
        sid: session_id.0,
        iat: now.unix_timestamp(),
        exp: expires_at.unix_timestamp(),
    };
    let key = EncodingKey::from_secret(&state.keys.access_token)
        .map_err(|e| AppError::Internal(e.into()))?;
    let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &key)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((token, expires_at))
}

/// Exchanges a refresh token for a new pair. A token that was already used
/// revokes its whole session (family) and fails.
pub async fn rotate_refresh_token(
    state: &AppState,
    presented: &str,
) -> Result<TokenPair, AppError> {
    let now = state.clock.now();
    let hash = state.keys.hash_token(presented);
    let tx = state.db.begin().await?;
    let Some(token) = refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(hash))
        .one(&tx)
        .await?
    else {
        return Err(invalid_refresh());
    };
    let session_id = SessionId(token.session_id);
    // Claim this token: exactly one presentation of it can succeed.
    let claimed = refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now))
        .filter(refresh_tokens::Column::Id.eq(token.id))
        .filter(refresh_tokens::Column::UsedAt.is_null())
        .exec(&tx)
        .await?
        .rows_affected
        == 1;
    if !claimed {
        revoke_session(&tx, session_id, "refresh_token_reused", now).await?;
        tx.commit().await?;
        tracing::warn!(session.id = %session_id, "rotated refresh token presented again; session revoked");
        return Err(AppError::Unauthorized {
            code: "refresh_token_reused",
            detail:
                "This refresh token was already used; the session has been ended. Log in again."
                    .into(),
        });
    }
    if token.expires_at <= now {
        return Err(invalid_refresh());
    }
    let user_id = live_session_user(&*tx, session_id, now)
        .await?
        .ok_or_else(invalid_refresh)?;
    let (refresh_token, refresh_expires_at) =
        insert_refresh_token(state, &tx, session_id, now).await?;
    let (access_token, access_expires_at) = sign_access_token(state, user_id, session_id, now)?;
    tx.commit().await?;
    Ok(TokenPair {
        access_token,
        access_expires_at,
        refresh_token,
        refresh_expires_at,
        session_id,
    })
}

fn invalid_refresh() -> AppError {
    AppError::Unauthorized {
        code: "invalid_refresh_token",
        detail: "The refresh token is not valid; log in again.".into(),
    }
}

/// The user of a session that is neither revoked nor expired, and whose user is active.
async fn live_session_user(
    conn: &impl ConnectionTrait,
    session_id: SessionId,
    now: OffsetDateTime,
) -> Result<Option<UserId>, AppError> {
    let Some(session) = auth_sessions::Entity::find_by_id(session_id.0)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if session.revoked_at.is_some() || session.expires_at <= now {
        return Ok(None);
    }
    let Some(user) = users::Entity::find_by_id(session.user_id).one(conn).await? else {
        return Ok(None);
    };
    Ok((user.status == AccountStatus::Active.as_str()).then_some(UserId(user.id)))
}

/// Ends one session (logout, or a detected token reuse).
pub async fn revoke_session(
    conn: &impl ConnectionTrait,
    session_id: SessionId,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    revoke_where(
        conn,
        auth_sessions::Column::Id.eq(session_id.0),
        reason,
        now,
    )
    .await
}

/// Ends every session of a user (logout everywhere, password change, suspension).
pub async fn revoke_all_sessions(
    conn: &impl ConnectionTrait,
    user_id: UserId,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    revoke_where(
        conn,
        auth_sessions::Column::UserId.eq(user_id.0),
        reason,
        now,
    )
    .await
}

/// Marks the still-live sessions matching `which` as revoked.
async fn revoke_where(
    conn: &impl ConnectionTrait,
    which: sea_orm::sea_query::SimpleExpr,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    auth_sessions::Entity::update_many()
        .col_expr(auth_sessions::Column::RevokedAt, Expr::value(now))
        .col_expr(auth_sessions::Column::RevokedReason, Expr::value(reason))
        .filter(which)
        .filter(auth_sessions::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Resolves a bearer access token to its caller.
pub async fn authenticate_bearer(state: &AppState, token: &str) -> Result<Authenticated, AppError> {
    let key = DecodingKey::from_secret(&state.keys.access_token)
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut validation = Validation::new(Algorithm::HS256);
    // Expiry is checked against our clock below, so tests can move time.
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let claims = jsonwebtoken::decode::<Claims>(token, &key, &validation)
        .map_err(|_| unauthenticated("The access token is not valid."))?
        .claims;
    let now = state.clock.now();
    if claims.exp <= now.unix_timestamp() {
        return Err(AppError::Unauthorized {
            code: "token_expired",
            detail: "The access token has expired; refresh it.".into(),
        });
    }
    let session_id = SessionId(claims.sid);
    resolve(state, session_id, Some(UserId(claims.sub)), now).await
}

/// Resolves a browser session cookie to its caller.
pub async fn authenticate_cookie(
    state: &AppState,
    cookie: &str,
) -> Result<Authenticated, AppError> {
    let hash = state.keys.hash_token(cookie);
    let session = auth_sessions::Entity::find()
        .filter(auth_sessions::Column::TokenHash.eq(hash))
        .filter(auth_sessions::Column::Kind.eq(SessionKind::Web.as_str()))
        .one(state.db.conn())
        .await?
        .ok_or_else(|| unauthenticated("Your session has ended; log in again."))?;
    resolve(state, SessionId(session.id), None, state.clock.now()).await
}

async fn resolve(
    state: &AppState,
    session_id: SessionId,
    expected_user: Option<UserId>,
    now: OffsetDateTime,
) -> Result<Authenticated, AppError> {
    let conn = state.db.conn();
    let session = auth_sessions::Entity::find_by_id(session_id.0)
        .one(conn)
        .await?
        .filter(|s| s.revoked_at.is_none() && s.expires_at > now)
        .ok_or_else(|| unauthenticated("Your session has ended; log in again."))?;
    if expected_user.is_some_and(|user| user.0 != session.user_id) {
        return Err(unauthenticated("The access token is not valid."));
    }
    let user = users::Entity::find_by_id(session.user_id)
        .one(conn)
        .await?
        .ok_or_else(|| unauthenticated("Your session has ended; log in again."))?;
    if user.status != AccountStatus::Active.as_str() {
        return Err(AppError::Forbidden {
            code: "account_suspended",
            detail: "This account is suspended.".into(),
        });
    }
    let role: Role = user
        .role
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let actor = Actor {
        user_id: UserId(user.id),
        role,
        email_verified: user.email_verified_at.is_some(),
    };
    Ok(Authenticated { actor, session_id })
}

fn unauthenticated(detail: &str) -> AppError {
    AppError::Unauthorized {
        code: "unauthenticated",
        detail: detail.to_owned(),
    }
}
