//! Running a claimed interview: the assigned interviewer starts it (from 10
//! minutes before the start) and completes it only by submitting feedback. The
//! completion, the feedback, the interviewer's ledger credit and the seeker's
//! notification commit together or not at all, and happen at most once.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;

use super::view::{InterviewDetail, detail};
use super::{load, status_of};
use crate::app::AppError;
use crate::app::earnings::record_interview_credit;
use crate::app::notifications::{Notice, notify};
use crate::domain::interview::{Feedback, FeedbackDraft, InterviewStatus, may_start};
use crate::domain::permissions::{Action, Actor};
use crate::domain::{InterviewId, Money, UserId};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::{interview_feedback, interviews};

/// `POST /interviews/{id}/start`: scheduled → in progress.
#[tracing::instrument(skip_all, fields(interview.id = %id, user.id = %actor.user_id))]
pub async fn start_interview(
    state: &AppState,
    actor: &Actor,
    id: InterviewId,
) -> Result<InterviewDetail, AppError> {
    actor.require(Action::RunInterview)?;
    let row = load_assigned(state, actor, id).await?;
    if status_of(&row)? != InterviewStatus::Scheduled {
        return Err(not_startable(status_of(&row)?));
    }
    let now = state.clock.now();
    let Some(start) = row.scheduled_start else {
        return Err(not_startable(InterviewStatus::Open));
    };
    if !may_start(now, start) {
        return Err(AppError::rule(
            "too_early",
            "You can start the interview from 10 minutes before its start time.",
        ));
    }

    let tx = state.db.begin().await?;
    let moved = move_status(
        &tx,
        id,
        actor.user_id,
        InterviewStatus::Scheduled,
        now,
        |q| q.col_expr(interviews::Column::StartedAt, Expr::value(now)),
    )
    .await?;
    if !moved {
        return Err(not_startable(InterviewStatus::InProgress));
    }
    let started = detail(state, &tx, actor, id).await?;
    tx.commit().await?;
    Ok(started)
}

/// `POST /interviews/{id}/feedback`: completes a running interview with its rubric.
#[tracing::instrument(skip_all, fields(interview.id = %id, user.id = %actor.user_id))]
pub async fn submit_feedback(
    state: &AppState,
    actor: &Actor,
    id: InterviewId,
    draft: FeedbackDraft,
) -> Result<InterviewDetail, AppError> {
    actor.require(Action::RunInterview)?;
    let row = load_assigned(state, actor, id).await?;
    match status_of(&row)? {
        InterviewStatus::InProgress => {}
        InterviewStatus::Completed => return Err(already_completed()),
        _ => {
            return Err(AppError::conflict(
                "invalid_transition",
                "Start the interview before submitting feedback.",
            ));
        }
    }
    let feedback = draft.validate()?;
    let now = state.clock.now();
    let credit = crate::domain::interview::interviewer_credit(
        Money::from_paise(row.list_price),
        state.config.market.interviewer_share_percent,
    );

    let tx = state.db.begin().await?;
    let moved = move_status(
        &tx,
        id,
        actor.user_id,
        InterviewStatus::InProgress,
        now,
        |q| q.col_expr(interviews::Column::CompletedAt, Expr::value(now)),
    )
    .await?;
    if !moved {
        return Err(already_completed());
    }
    insert_feedback(&tx, id, feedback, now).await?;
    record_interview_credit(&tx, id, actor.user_id, credit, now).await?;
    notify(state, &tx, UserId(row.seeker_id), feedback_notice(id)).await?;
    let completed = detail(state, &tx, actor, id).await?;
    tx.commit().await?;
    tracing::info!(credit.paise = credit.paise(), "interview completed");
    Ok(completed)
}

/// The interview if the caller is its interviewer; 404 for anyone else.
async fn load_assigned(
    state: &AppState,
    actor: &Actor,
    id: InterviewId,
) -> Result<interviews::Model, AppError> {
    let row = load(state.db.conn(), id).await?;
    if row.interviewer_id != Some(actor.user_id.0) {
        return Err(AppError::NotFound("interview"));
    }
    Ok(row)
}

type Update = sea_orm::UpdateMany<interviews::Entity>;

/// Compare-and-set from `from` to its successor for the assigned interviewer;
/// true when this call made the change.
async fn move_status(
    tx: &WriteTx,
    id: InterviewId,
    interviewer: UserId,
    from: InterviewStatus,
    now: OffsetDateTime,
    stamp: impl FnOnce(Update) -> Update,
) -> Result<bool, AppError> {
    use interviews::Column as C;
    let to = match from {
        InterviewStatus::Scheduled => InterviewStatus::InProgress,
        _ => InterviewStatus::Completed,
    };
    debug_assert!(from.can_become(to));
    let update = interviews::Entity::update_many()
        .col_expr(C::Status, Expr::value(to.as_str()))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id.0))
        .filter(C::InterviewerId.eq(interviewer.0))
        .filter(C::Status.eq(from.as_str()));
    Ok(stamp(update).exec(tx).await?.rows_affected == 1)
}

async fn insert_feedback(
    tx: &WriteTx,
    id: InterviewId,
    feedback: Feedback,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let row = interview_feedback::ActiveModel {
        interview_id: Set(id.0),
        technical: Set(feedback.technical),
        communication: Set(feedback.communication),
        problem_solving: Set(feedback.problem_solving),
        overall: Set(feedback.overall),
        strengths: Set(feedback.strengths),
        areas_to_improve: Set(feedback.areas_to_improve),
        comments: Set(feedback.comments),
        recommendation: Set(feedback.recommendation.as_str().to_owned()),
        public: Set(feedback.public),
        created_at: Set(now),
    };
    match interview_feedback::Entity::insert(row)
        .exec_without_returning(tx)
        .await
    {
        Ok(_) => Ok(()),
        Err(err) => match crate::store::StoreError::from(err) {
            crate::store::StoreError::Conflict(_) => Err(already_completed()),
            other => Err(other.into()),
        },
    }
}

fn not_startable(status: InterviewStatus) -> AppError {
    AppError::conflict(
        "invalid_transition",
        format!(
            "Only a scheduled interview can be started; this one is {}.",
            status.label().to_lowercase()
        ),
    )
}

fn already_completed() -> AppError {
    AppError::conflict(
        "already_completed",
        "Feedback was already submitted; it cannot be changed.",
    )
}

fn feedback_notice(id: InterviewId) -> Notice {
    Notice {
        kind: "feedback_received",
        title: "Your mock interview feedback is ready".into(),
        body: "Your interviewer submitted feedback on your mock interview.".into(),
        link: Some(format!("/me/interviews/{id}")),
    }
}
