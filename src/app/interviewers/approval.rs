//! Admins review interviewer profiles: the review queue with its age, and the
//! approve and reject decisions, each a compare-and-set from `pending` that
//! notifies the interviewer in the same transaction.

use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement, Value,
};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::profile::{ProfileView, load_view};
use crate::app::AppError;
use crate::app::notifications::{Notice, notify};
use crate::domain::UserId;
use crate::domain::interviewer::{ApprovalStatus, validate_rejection_reason};
use crate::domain::permissions::{Action, Actor};
use crate::state::AppState;
use crate::store::entity::{interviewer_profiles, interviewer_skills};

/// The most profiles one review-queue page lists.
const QUEUE_LIMIT: u64 = 200;

/// One interviewer in the admin's review queue.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewEntry {
    pub user_id: UserId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub skills: Vec<String>,
    pub years_experience: i32,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub bio: Option<String>,
    pub timezone: String,
    pub approval_status: String,
    pub rejection_reason: Option<String>,
    /// When the profile was last saved, i.e. (re)submitted for review.
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Whole hours since submission, against the 24-hour review target.
    pub age_hours: i64,
}

#[derive(Debug, FromQueryResult)]
struct ReviewRow {
    user_id: Uuid,
    first_name: String,
    last_name: String,
    email: String,
    years_experience: i32,
    current_title: Option<String>,
    current_company: Option<String>,
    bio: Option<String>,
    timezone: String,
    approval_status: String,
    rejection_reason: Option<String>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

/// `GET /admin/interviewers?status=`: profiles in `status`, oldest submission first.
pub async fn list_for_review(
    state: &AppState,
    actor: &Actor,
    status: ApprovalStatus,
) -> Result<Vec<ReviewEntry>, AppError> {
    actor.require(Action::Administer)?;
    let conn = state.db.conn();
    let sql = format!(
        "SELECT p.user_id, u.first_name, u.last_name, u.email, p.years_experience, \
                p.current_title, p.current_company, p.bio, p.timezone, p.approval_status, \
                p.rejection_reason, p.created_at, p.updated_at \
         FROM interviewer_profiles p JOIN users u ON u.id = p.user_id \
         WHERE p.approval_status = $1 ORDER BY p.updated_at, p.user_id LIMIT {QUEUE_LIMIT}"
    );
    let values: Vec<Value> = vec![status.as_str().into()];
    let rows = ReviewRow::find_by_statement(Statement::from_sql_and_values(
        state.db.backend(),
        sql,
        values,
    ))
    .all(conn)
    .await?;

    let ids: Vec<Uuid> = rows.iter().map(|r| r.user_id).collect();
    let mut skills: HashMap<Uuid, Vec<String>> = HashMap::new();
    let skill_rows = interviewer_skills::Entity::find()
        .filter(interviewer_skills::Column::UserId.is_in(ids))
        .order_by_asc(interviewer_skills::Column::Skill)
        .all(conn)
        .await?;
    for row in skill_rows {
        skills.entry(row.user_id).or_default().push(row.skill);
    }

    let now = state.clock.now();
    Ok(rows
        .into_iter()
        .map(|r| ReviewEntry {
            user_id: UserId(r.user_id),
            skills: skills.remove(&r.user_id).unwrap_or_default(),
            first_name: r.first_name,
            last_name: r.last_name,
            email: r.email,
            years_experience: r.years_experience,
            current_title: r.current_title,
            current_company: r.current_company,
            bio: r.bio,
            timezone: r.timezone,
            approval_status: r.approval_status,
            rejection_reason: r.rejection_reason,
            submitted_at: r.updated_at,
            created_at: r.created_at,
            age_hours: (now - r.updated_at).whole_hours().max(0),
        })
        .collect())
}

/// An admin's decision on a pending profile.
#[derive(Clone, Debug)]
pub enum Decision {
    Approve,
    Reject { reason: String },
}

/// `POST /admin/interviewers/{id}/approve|reject`: decides a pending profile.
#[tracing::instrument(skip_all, fields(user.id = %actor.user_id, interviewer.id = %interviewer))]
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    interviewer: UserId,
    decision: Decision,
) -> Result<ProfileView, AppError> {
    actor.require(Action::Administer)?;
    let (status, reason) = match decision {
        Decision::Approve => (ApprovalStatus::Approved, None),
        Decision::Reject { reason } => (
            ApprovalStatus::Rejected,
            Some(validate_rejection_reason(&reason)?),
        ),
    };
    let now = state.clock.now();

    let tx = state.db.begin().await?;
    use interviewer_profiles::Column as C;
    let decided = interviewer_profiles::Entity::update_many()
        .col_expr(C::ApprovalStatus, Expr::value(status.as_str()))
        .col_expr(C::RejectionReason, Expr::value(reason.clone()))
        .col_expr(C::DecidedBy, Expr::value(actor.user_id.0))
        .col_expr(C::DecidedAt, Expr::value(now))
        .filter(C::UserId.eq(interviewer.0))
        .filter(C::ApprovalStatus.eq(ApprovalStatus::Pending.as_str()))
        .exec(&tx)
        .await?
        .rows_affected
        == 1;
    if !decided {
        return Err(not_pending(&tx, interviewer).await);
    }
    notify(state, &tx, interviewer, notice(status, reason.as_deref())).await?;
    let view = load_view(&tx, interviewer).await?;
    tx.commit().await?;
    tracing::info!(decision = status.as_str(), "interviewer profile decided");
    Ok(view)
}

async fn not_pending(tx: &crate::store::WriteTx, interviewer: UserId) -> AppError {
    match interviewer_profiles::Entity::find_by_id(interviewer.0)
        .one(tx)
        .await
    {
        Ok(Some(row)) => AppError::conflict(
            "invalid_transition",
            format!(
                "This profile is {}, not waiting for review.",
                row.approval_status
            ),
        ),
        Ok(None) => AppError::NotFound("interviewer profile"),
        Err(err) => err.into(),
    }
}

fn notice(status: ApprovalStatus, reason: Option<&str>) -> Notice {
    match status {
        ApprovalStatus::Approved => Notice {
            kind: "interviewer_approved",
            title: "You are approved as a Mockomi interviewer".into(),
            body: "An admin approved your profile. You can now see and claim mock interview \
                   requests that match your skills."
                .into(),
            link: Some("/interviewer/requests".into()),
        },
        _ => Notice {
            kind: "interviewer_rejected",
            title: "Your interviewer profile was not approved".into(),
            body: format!(
                "An admin did not approve your profile. Reason: {}\n\nYou can update your \
                 profile and it will be reviewed again.",
                reason.unwrap_or("none given")
            ),
            link: Some("/interviewer/profile".into()),
        },
    }
}
