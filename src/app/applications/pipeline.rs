//! Moving applications: the employer along the pipeline, the seeker out of it.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use super::list::{ApplicationView, get_application_in};
use super::{load_application, record_event, status_of};
use crate::app::AppError;
use crate::app::jobs::load_job;
use crate::app::notifications::{Notice, notify};
use crate::domain::application::{ApplicationStatus, PipelineDenied};
use crate::domain::permissions::{Action, Actor};
use crate::domain::{ApplicationId, UserId};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::applications;

fn denied(denied: PipelineDenied) -> AppError {
    AppError::conflict(
        "invalid_transition",
        format!(
            "An application cannot move from {} to {}.",
            denied.from, denied.to
        ),
    )
}

/// Moves an application of one of the caller's jobs to `to`, and tells the seeker.
#[tracing::instrument(skip_all, fields(application.id = %id))]
pub async fn move_application(
    state: &AppState,
    actor: &Actor,
    id: ApplicationId,
    to: &str,
) -> Result<ApplicationView, AppError> {
    actor.require(Action::ManagePipeline)?;
    let Ok(to) = to.parse::<ApplicationStatus>() else {
        return Err(AppError::field(
            "status",
            "invalid_choice",
            "Choose a pipeline status.",
        ));
    };
    let now = state.clock.now();

    let tx = state.db.begin().await?;
    let application = load_application(&tx, id).await?;
    let job = load_job(&tx, application.job_id.into()).await?;
    actor.require_owner(job.employer_id.into())?;
    let from = status_of(&application)?;
    from.employer_move(to).map_err(denied)?;
    change_status(&tx, &application, from, to, now).await?;
    record_event(&tx, application.id, Some(from), to, actor.user_id, now).await?;
    let notice = Notice {
        kind: "application_status_changed",
        title: format!("Your application for {}: {}", job.title, to),
        body: format!("Your application for \"{}\" is now {}.", job.title, to),
        link: Some(format!("/me/applications#application-{}", application.id)),
    };
    notify(state, &tx, UserId(application.seeker_id), notice).await?;
    let view = get_application_in(&tx, actor, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Withdraws one of the caller's applications.
#[tracing::instrument(skip_all, fields(application.id = %id))]
pub async fn withdraw_application(
    state: &AppState,
    actor: &Actor,
    id: ApplicationId,
) -> Result<ApplicationView, AppError> {
    actor.require(Action::ListOwnApplications)?;
    let now = state.clock.now();

    let tx = state.db.begin().await?;
    let application = load_application(&tx, id).await?;
    actor.require_owner(application.seeker_id.into())?;
    let from = status_of(&application)?;
    let to = from.withdraw().map_err(denied)?;
    change_status(&tx, &application, from, to, now).await?;
    record_event(&tx, application.id, Some(from), to, actor.user_id, now).await?;
    let view = get_application_in(&tx, actor, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Sets the new status only if the application is still in `from`; otherwise
/// someone else moved it first and this move loses with a conflict.
async fn change_status(
    tx: &WriteTx,
    application: &applications::Model,
    from: ApplicationStatus,
    to: ApplicationStatus,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let updated = applications::Entity::update_many()
        .col_expr(applications::Column::Status, Expr::value(to.as_str()))
        .col_expr(applications::Column::UpdatedAt, Expr::value(now))
        .filter(applications::Column::Id.eq(application.id))
        .filter(applications::Column::Status.eq(from.as_str()))
        .exec(tx)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::conflict(
            "invalid_transition",
            "The application was moved meanwhile; reload it and try again.",
        ))
    }
}
