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
