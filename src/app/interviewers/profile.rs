//! An interviewer reads and edits their own profile. Saving replaces the skill
//! set in the same transaction, and sends a rejected profile back to review.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use time::OffsetDateTime;

use super::skills_of;
use crate::app::AppError;
use crate::domain::UserId;
use crate::domain::interviewer::{ApprovalStatus, Profile, ProfileDraft};
use crate::domain::permissions::{Action, Actor};
use crate::state::AppState;
use crate::store::WriteTx;
use crate::store::entity::{interviewer_profiles, interviewer_skills};

/// The approval status shown before an interviewer has saved a profile.
pub const NOT_SUBMITTED: &str = "not_submitted";

/// An interviewer's profile as they see it.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileView {
    pub user_id: UserId,
    pub skills: Vec<String>,
    pub years_experience: i32,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub bio: Option<String>,
    pub timezone: String,
    /// `not_submitted`, `pending`, `approved` or `rejected`.
    pub approval_status: String,
    /// Why an admin last rejected the profile, if they did.
    pub rejection_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub decided_at: Option<OffsetDateTime>,
}

/// `GET /interviewer/profile`: the caller's profile, or an empty one before the first save.
pub async fn get_profile(state: &AppState, actor: &Actor) -> Result<ProfileView, AppError> {
    actor.require(Action::EditInterviewerProfile)?;
    load_view(state.db.conn(), actor.user_id).await
}

/// `PUT /interviewer/profile`: checks and saves the caller's profile.
#[tracing::instrument(skip_all, fields(user.id = %actor.user_id))]
pub async fn save_profile(
    state: &AppState,
    actor: &Actor,
    draft: ProfileDraft,
) -> Result<ProfileView, AppError> {
    actor.require(Action::EditInterviewerProfile)?;
    let profile = draft.validate()?;
    let now = state.clock.now();

    let tx = state.db.begin().await?;
    upsert_profile(&tx, actor.user_id, &profile, now).await?;
    resubmit_if_rejected(&tx, actor.user_id, now).await?;
    replace_skills(&tx, actor.user_id, &profile.skills).await?;
    let view = load_view(&tx, actor.user_id).await?;
    tx.commit().await?;
    Ok(view)
}

async fn upsert_profile(
    tx: &WriteTx,
    user: UserId,
    profile: &Profile,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    use interviewer_profiles::Column as C;
    let row = interviewer_profiles::ActiveModel {
        user_id: Set(user.0),
        years_experience: Set(profile.years_experience),
        current_title: Set(profile.current_title.clone()),
        current_company: Set(profile.current_company.clone()),
        bio: Set(profile.bio.clone()),
        timezone: Set(profile.timezone.clone()),
        approval_status: Set(ApprovalStatus::Pending.as_str().to_owned()),
        rejection_reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    // A new profile starts pending; an existing one keeps its approval state.
    let on_conflict = OnConflict::column(C::UserId)
        .update_columns([
            C::YearsExperience,
            C::CurrentTitle,
            C::CurrentCompany,
            C::Bio,
            C::Timezone,
            C::UpdatedAt,
        ])
        .to_owned();
    interviewer_profiles::Entity::insert(row)
        .on_conflict(on_conflict)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

/// A rejected interviewer who fixes their profile asks for review again. The
/// last rejection reason stays visible to the admin who reviews it next.
async fn resubmit_if_rejected(
    tx: &WriteTx,
    user: UserId,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    use interviewer_profiles::Column as C;
    interviewer_profiles::Entity::update_many()
        .col_expr(
            C::ApprovalStatus,
            Expr::value(ApprovalStatus::Pending.as_str()),
        )
        .col_expr(C::DecidedBy, Expr::value(Option::<uuid::Uuid>::None))
        .col_expr(C::DecidedAt, Expr::value(Option::<OffsetDateTime>::None))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::UserId.eq(user.0))
        .filter(C::ApprovalStatus.eq(ApprovalStatus::Rejected.as_str()))
        .exec(tx)
        .await?;
    Ok(())
}

async fn replace_skills(tx: &WriteTx, user: UserId, skills: &[String]) -> Result<(), AppError> {
    interviewer_skills::Entity::delete_many()
        .filter(interviewer_skills::Column::UserId.eq(user.0))
        .exec(tx)
        .await?;
    let rows = skills.iter().map(|skill| interviewer_skills::ActiveModel {
        user_id: Set(user.0),
        skill: Set(skill.clone()),
    });
    interviewer_skills::Entity::insert_many(rows)
        .exec_without_returning(tx)
        .await?;
    Ok(())
}

/// The profile of `user` as shown to them and to admins.
pub async fn load_view(conn: &impl ConnectionTrait, user: UserId) -> Result<ProfileView, AppError> {
    let row = interviewer_profiles::Entity::find_by_id(user.0)
        .one(conn)
        .await?;
    let skills = skills_of(conn, user).await?;
    let Some(row) = row else {
        return Ok(ProfileView {
            user_id: user,
            skills,
            years_experience: 0,
            current_title: None,
            current_company: None,
            bio: None,
            timezone: "UTC".into(),
            approval_status: NOT_SUBMITTED.into(),
            rejection_reason: None,
            decided_at: None,
        });
    };
    Ok(ProfileView {
        user_id: user,
        skills,
        years_experience: row.years_experience,
        current_title: row.current_title,
        current_company: row.current_company,
        bio: row.bio,
        timezone: row.timezone,
        approval_status: row.approval_status,
        rejection_reason: row.rejection_reason,
        decided_at: row.decided_at,
    })
}
