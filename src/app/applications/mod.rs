//! Applications and the employer's pipeline.
//!
//! One application per job and seeker, enforced by the `applications_one_per_job`
//! constraint; a withdrawn one is re-opened by applying again. Every status
//! change is a conditional update on the status the caller saw, recorded in
//! `application_events` with its actor and announced in the same transaction.

mod apply;
mod list;
mod pipeline;

pub use apply::{Applied, ApplyInput, apply_to_job};
pub use list::{
    Applicant, ApplicationView, HistoryEntry, OwnApplication, get_application,
    list_job_applications, list_own_applications, own_application_for_job,
};
pub use pipeline::{move_application, withdraw_application};

use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, EntityTrait};
use time::OffsetDateTime;
use uuid::Uuid;

use super::AppError;
use crate::domain::application::ApplicationStatus;
use crate::domain::{ApplicationId, UserId};
use crate::store::entity::{application_events, applications};

/// Loads an application by id (404 when missing).
pub(crate) async fn load_application(
    conn: &impl ConnectionTrait,
    id: ApplicationId,
) -> Result<applications::Model, AppError> {
    applications::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound("application"))
}

/// The stored status of an application.
pub(crate) fn status_of(row: &applications::Model) -> Result<ApplicationStatus, AppError> {
    row.status
        .parse()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e)))
}

/// Appends one change to an application's history.
pub(crate) async fn record_event(
    conn: &impl ConnectionTrait,
    application: Uuid,
    from: Option<ApplicationStatus>,
    to: ApplicationStatus,
    actor: UserId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let row = application_events::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(application),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        actor_id: Set(actor.0),
        created_at: Set(now),
    };
    application_events::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
