//! Interviewers: their profile and expertise, and the admin review that lets
//! them into the marketplace. [`require_approved`] is the gate every
//! marketplace action of an interviewer passes.

pub mod approval;
pub mod profile;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::AppError;
use crate::domain::UserId;
use crate::domain::interviewer::ApprovalStatus;
use crate::store::entity::{interviewer_profiles, interviewer_skills};

/// The approval status of `user`'s interviewer profile; `None` before the first save.
pub async fn approval_status(
    conn: &impl ConnectionTrait,
    user: UserId,
) -> Result<Option<ApprovalStatus>, AppError> {
    let row = interviewer_profiles::Entity::find_by_id(user.0)
        .one(conn)
        .await?;
    Ok(row.and_then(|r| r.approval_status.parse().ok()))
}

/// Turns away interviewers an admin has not approved (403 `interviewer_not_approved`).
pub async fn require_approved(conn: &impl ConnectionTrait, user: UserId) -> Result<(), AppError> {
    match approval_status(conn, user).await? {
        Some(ApprovalStatus::Approved) => Ok(()),
        _ => Err(AppError::Forbidden {
            code: "interviewer_not_approved",
            detail:
                "An admin has to approve your interviewer profile before you can take requests."
                    .into(),
        }),
    }
}

/// The normalised skills of `user`, alphabetically.
pub async fn skills_of(conn: &impl ConnectionTrait, user: UserId) -> Result<Vec<String>, AppError> {
    let rows = interviewer_skills::Entity::find()
        .filter(interviewer_skills::Column::UserId.eq(user.0))
        .order_by_asc(interviewer_skills::Column::Skill)
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.skill).collect())
}
