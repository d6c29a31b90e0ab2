//! Notifications: an in-app row plus an e-mail, both queued in the caller's
//! transaction so a change and the news of it commit together.

use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};

use super::AppError;
use crate::adapters::mailer::Email;
use crate::domain::{NotificationId, UserId};
use crate::jobs::registry::Perform;
use crate::jobs::{BackgroundJob, enqueue};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::{notifications, users};

/// What to tell a user.
#[derive(Clone, Debug)]
pub struct Notice {
    /// A stable event name from the catalogue (`application_received`, …).
    pub kind: &'static str,
    pub title: String,
    pub body: String,
    /// A path inside Mockomi (`/interviews/…`) the notice points to.
    pub link: Option<String>,
}

/// Records `notice` for `user_id` in-app and queues the matching e-mail, within `tx`.
pub async fn notify(
    state: &AppState,
    tx: &WriteTx,
    user_id: UserId,
    notice: Notice,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let Some(user) = users::Entity::find_by_id(user_id.0).one(tx).await? else {
        return Err(AppError::NotFound("user"));
    };
    let row = notifications::ActiveModel {
        id: Set(NotificationId::new().0),
        user_id: Set(user_id.0),
        kind: Set(notice.kind.to_owned()),
        title: Set(notice.title.clone()),
        body: Set(notice.body.clone()),
        link: Set(notice.link.clone()),
        read_at: Set(None),
        created_at: Set(now),
    };
    notifications::Entity::insert(row)
        .exec_without_returning(tx)
        .await?;
    let mut body = format!("Hello {},\n\n{}\n", user.first_name, notice.body);
    if let Some(link) = &notice.link {
        body.push_str(&format!("\n{}{}\n", state.config.public_url, link));
    }
    body.push_str("\n- Mockomi\n");
    let email = Email {
        to: user.email,
        subject: notice.title,
        body,
    };
    send_email(state, tx, email).await
}

/// Queues an e-mail within `tx`.
pub async fn send_email(state: &AppState, tx: &WriteTx, email: Email) -> Result<(), AppError> {
    enqueue(tx, &SendEmail { email }, state.clock.now()).await?;
    Ok(())
}

/// Sends one e-mail through the configured mailer.
#[derive(Debug, Serialize, Deserialize)]
pub struct SendEmail {
    pub email: Email,
}

impl BackgroundJob for SendEmail {
    const KIND: &'static str = "send_email";
    const MAX_ATTEMPTS: i32 = 10;
}

impl Perform for SendEmail {
    async fn perform(self, state: &AppState) -> anyhow::Result<()> {
        state.mailer.send(&self.email).await?;
        Ok(())
    }
}

/// One in-app notification as its owner sees it.
#[derive(Clone, Debug, Serialize)]
pub struct NotificationView {
    pub id: uuid::Uuid,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub read_at: Option<time::OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: time::OffsetDateTime,
}

/// A page of a user's notifications, newest first, with the unread count.
#[derive(Clone, Debug, Serialize)]
pub struct Inbox {
    pub items: Vec<NotificationView>,
    pub unread: u64,
}

/// The newest `limit` notifications of `user_id`.
pub async fn inbox(state: &AppState, user_id: UserId, limit: u64) -> Result<Inbox, AppError> {
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
    let conn = state.db.conn();
    let mine = notifications::Entity::find().filter(notifications::Column::UserId.eq(user_id.0));
    let unread = mine
        .clone()
        .filter(notifications::Column::ReadAt.is_null())
        .count(conn)
        .await?;
    let rows = mine
        .order_by_desc(notifications::Column::CreatedAt)
        .order_by_desc(notifications::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(|n| NotificationView {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            read_at: n.read_at,
            created_at: n.created_at,
        })
        .collect();
    Ok(Inbox { items, unread })
}

/// Marks one of the user's notifications read (idempotent); someone else's is "not found".
pub async fn mark_read(
    state: &AppState,
    user_id: UserId,
    id: NotificationId,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    let tx = state.db.begin().await?;
    let Some(row) = notifications::Entity::find_by_id(id.0).one(&tx).await? else {
        return Err(AppError::NotFound("notification"));
    };
    if row.user_id != user_id.0 {
        return Err(AppError::NotFound("notification"));
    }
    notifications::Entity::update_many()
        .col_expr(
            notifications::Column::ReadAt,
            Expr::value(state.clock.now()),
        )
        .filter(notifications::Column::Id.eq(id.0))
        .filter(notifications::Column::ReadAt.is_null())
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
