//! An approved interviewer claims an open request and fixes its start time.
//!
//! Exactly one claim wins however many arrive at once: the final write is a
//! compare-and-set from `open` with no interviewer. Calendar conflicts are
//! checked in the same transaction; on PostgreSQL advisory locks on both
//! participants serialise their concurrent claims (SQLite serialises every
//! writer already), so two claims cannot both book the same free hour.

use base64::Engine;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Statement, Value,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::view::{InterviewDetail, detail};
use super::{load, skills_match_sql, status_of};
use crate::app::AppError;
use crate::app::interviewers::require_approved;
use crate::app::notifications::{Notice, notify};
use crate::domain::interview::{InterviewStatus, ScheduleError, Slot, plan_slot};
use crate::domain::permissions::{Action, Actor};
use crate::domain::{InterviewId, UserId};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::interviews;

/// `POST /interviews/{id}/claim`: claims the request for the caller at `start_at`
/// (RFC 3339) and returns the scheduled interview.
#[tracing::instrument(skip_all, fields(interview.id = %id, user.id = %actor.user_id))]
pub async fn claim_interview(
    state: &AppState,
    actor: &Actor,
    id: InterviewId,
    start_at: &str,
) -> Result<InterviewDetail, AppError> {
    actor.require(Action::ClaimInterview)?;
    let conn = state.db.conn();
    require_approved(conn, actor.user_id).await?;
    let start = parse_start(start_at)?;

    let row = load(conn, id).await?;
    let seeker = UserId(row.seeker_id);
    if status_of(&row)? == InterviewStatus::AwaitingPayment {
        return Err(AppError::NotFound("interview"));
    }
    if !skills_overlap(state, id, actor.user_id).await? {
        return Err(AppError::rule(
            "skills_mismatch",
            "This request asks for skills that are not in your profile.",
        ));
    }
    let now = state.clock.now();
    let slot = plan_slot(now, start, i64::from(row.duration_minutes)).map_err(invalid_start)?;

    let tx = state.db.begin().await?;
    lock_calendars(&tx, actor.user_id, seeker).await?;
    ensure_still_open(&tx, id, now).await?;
    ensure_free(&tx, id, slot, actor.user_id, seeker).await?;
    if !take(&tx, id, actor.user_id, slot, &meeting_url(state), now).await? {
        return Err(already_claimed());
    }
    notify(state, &tx, seeker, claimed_notice(id, slot)).await?;
    let claimed = detail(state, &tx, actor, id).await?;
    tx.commit().await?;
    tracing::info!("interview claimed");
    Ok(claimed)
}

fn parse_start(raw: &str) -> Result<OffsetDateTime, AppError> {
    OffsetDateTime::parse(raw.trim(), &Rfc3339).map_err(|_| {
        AppError::field(
            "start_at",
            "invalid_datetime",
            "Give the start as an RFC 3339 date and time, e.g. 2026-12-24T10:00:00+05:30.",
        )
    })
}

async fn skills_overlap(
    state: &AppState,
    id: InterviewId,
    interviewer: UserId,
) -> Result<bool, AppError> {
    let sql = format!(
        "SELECT i.id FROM interviews i WHERE i.id = $1 AND {}",
        skills_match_sql(2)
    );
    let values: Vec<Value> = vec![id.0.into(), interviewer.0.into()];
    let stmt = Statement::from_sql_and_values(state.db.backend(), sql, values);
    Ok(state.db.conn().query_one_raw(stmt).await?.is_some())
}

fn invalid_start(err: ScheduleError) -> AppError {
    AppError::rule("invalid_start_time", err.to_string())
}

/// Serialises claims touching either participant's calendar (PostgreSQL only).
/// The interviewer's lock is always taken before the seeker's, and the two
/// are different users, so two claims cannot wait on each other in a cycle.
async fn lock_calendars(tx: &WriteTx, interviewer: UserId, seeker: UserId) -> Result<(), AppError> {
    if tx.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for key in [
        format!("calendar:{interviewer}"),
        format!("calendar:{seeker}"),
    ] {
        let values: Vec<Value> = vec![key.into()];
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            values,
        ))
        .await?;
    }
    Ok(())
}

/// Tells a late claimer the request is gone, before any calendar check can
/// report a misleading conflict.
async fn ensure_still_open(
    tx: &WriteTx,
    id: InterviewId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let row = load(tx, id).await?;
    match status_of(&row)? {
        InterviewStatus::Open if row.interviewer_id.is_none() => {
            if row.open_until.is_some_and(|until| until > now) {
                Ok(())
            } else {
                Err(AppError::conflict(
                    "request_expired",
                    "This request is no longer open for claims.",
                ))
            }
        }
        InterviewStatus::Cancelled | InterviewStatus::Expired => Err(AppError::conflict(
            "request_closed",
            "This request was cancelled or expired.",
        )),
        _ => Err(already_claimed()),
    }
}

/// Refuses a slot that overlaps a scheduled or running interview of either person.
async fn ensure_free(
    tx: &WriteTx,
    id: InterviewId,
    slot: Slot,
    interviewer: UserId,
    seeker: UserId,
) -> Result<(), AppError> {
    let sql = "SELECT id FROM interviews \
               WHERE status IN ('scheduled', 'in_progress') AND id <> $1 \
                 AND (interviewer_id = $2 OR seeker_id = $3) \
                 AND scheduled_start < $4 AND scheduled_end > $5 \
               LIMIT 1";
    let values: Vec<Value> = vec![
        id.0.into(),
        interviewer.0.into(),
        seeker.0.into(),
        slot.end.into(),
        slot.start.into(),
    ];
    let stmt = Statement::from_sql_and_values(tx.get_database_backend(), sql, values);
    match tx.query_one_raw(stmt).await? {
        None => Ok(()),
        Some(_) => Err(AppError::conflict(
            "schedule_conflict",
            "You or the candidate already have an interview at that time. Pick another start.",
        )),
    }
}

/// The compare-and-set that decides the race: true when this claim won.
async fn take(
    tx: &WriteTx,
    id: InterviewId,
    interviewer: UserId,
    slot: Slot,
    meeting_url: &str,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    use interviews::Column as C;
    let result = interviews::Entity::update_many()
        .col_expr(C::Status, Expr::value(InterviewStatus::Scheduled.as_str()))
        .col_expr(C::InterviewerId, Expr::value(interviewer.0))
        .col_expr(C::ScheduledStart, Expr::value(slot.start))
        .col_expr(C::ScheduledEnd, Expr::value(slot.end))
        .col_expr(C::MeetingUrl, Expr::value(meeting_url))
        .col_expr(C::ClaimedAt, Expr::value(now))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id.0))
        .filter(C::Status.eq(InterviewStatus::Open.as_str()))
        .filter(C::InterviewerId.is_null())
        .filter(C::OpenUntil.gt(now))
        .exec(tx)
        .await?;
    Ok(result.rows_affected == 1)
}

fn already_claimed() -> AppError {
    AppError::conflict(
        "already_claimed",
        "Another interviewer claimed this request first.",
    )
}

/// A fresh room on the configured video service, hard to guess.
fn meeting_url(state: &AppState) -> String {
    let bytes: [u8; 12] = rand::random();
    let room = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    format!("{}/mockomi-{room}", state.config.meeting_base_url)
}

fn claimed_notice(id: InterviewId, slot: Slot) -> Notice {
    let start = slot
        .start
        .format(&Rfc3339)
        .unwrap_or_else(|_| "the agreed time".into());
    Notice {
        kind: "interview_claimed",
        title: "Your mock interview is scheduled".into(),
        body: format!(
            "An interviewer accepted your mock interview request. It starts at {start} (UTC). \
             The meeting link appears on the interview page 10 minutes before the start."
        ),
        link: Some(format!("/me/interviews/{id}")),
    }
}
