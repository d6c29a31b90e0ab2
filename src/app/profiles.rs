//! Job seeker profiles and their completeness. The phone number lives on the
//! user row (accounts share it); skills and education are JSON lists on the
//! profile row.

use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use time::OffsetDateTime;

use super::AppError;
use crate::domain::UserId;
use crate::domain::permissions::{Action, Actor};
use crate::domain::profile::{Education, ProfileInput, ProfileSkill, missing_for_apply};
use crate::state::AppState;
use crate::store::entity::{seeker_profiles, users};

/// A seeker profile with what it still lacks before its owner may apply.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileView {
    pub name: String,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub phone: Option<String>,
    pub skills: Vec<ProfileSkill>,
    pub education: Vec<Education>,
    pub open_to_work: bool,
    pub complete: bool,
    pub missing: Vec<&'static str>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
}

impl ProfileView {
    fn new(user: users::Model, profile: Option<seeker_profiles::Model>) -> Self {
        let skills: Vec<ProfileSkill> = profile
            .as_ref()
            .and_then(|p| serde_json::from_str(&p.skills).ok())
            .unwrap_or_default();
        let education: Vec<Education> = profile
            .as_ref()
            .and_then(|p| serde_json::from_str(&p.education).ok())
            .unwrap_or_default();
        let name = format!("{} {}", user.first_name, user.last_name)
            .trim()
            .to_owned();
        let missing =
            missing_for_apply(&name, user.phone.as_deref(), education.len(), skills.len());
        ProfileView {
            complete: missing.is_empty(),
            missing,
            name,
            phone: user.phone,
            headline: profile.as_ref().and_then(|p| p.headline.clone()),
            summary: profile.as_ref().and_then(|p| p.summary.clone()),
            location: profile.as_ref().and_then(|p| p.location.clone()),
            open_to_work: profile.as_ref().is_some_and(|p| p.open_to_work),
            updated_at: profile.map(|p| p.updated_at),
            skills,
            education,
        }
    }
}

/// Loads the profile of `user_id` (an empty one when never saved).
pub async fn load_profile(
    conn: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<ProfileView, AppError> {
    let Some(user) = users::Entity::find_by_id(user_id.0).one(conn).await? else {
        return Err(AppError::NotFound("user"));
    };
    let profile = seeker_profiles::Entity::find_by_id(user_id.0)
        .one(conn)
        .await?;
    Ok(ProfileView::new(user, profile))
}

/// The caller's own profile.
pub async fn own_profile(state: &AppState, actor: &Actor) -> Result<ProfileView, AppError> {
    actor.require(Action::EditSeekerProfile)?;
    load_profile(state.db.conn(), actor.user_id).await
}

/// Replaces the caller's profile (and phone number) with `input`.
#[tracing::instrument(skip_all, fields(user.id = %actor.user_id))]
pub async fn save_profile(
    state: &AppState,
    actor: &Actor,
    input: ProfileInput,
) -> Result<ProfileView, AppError> {
    actor.require(Action::EditSeekerProfile)?;
    let now = state.clock.now();
    let input = input.validate(now.year())?;

    let tx = state.db.begin().await?;
    let row = seeker_profiles::ActiveModel {
        user_id: Set(actor.user_id.0),
        headline: Set(input.headline),
        summary: Set(input.summary),
        location: Set(input.location),
        skills: Set(to_json(&input.skills)?),
        education: Set(to_json(&input.education)?),
        open_to_work: Set(input.open_to_work),
        updated_at: Set(now),
    };
    use seeker_profiles::Column as C;
    let upsert = OnConflict::column(C::UserId)
        .update_columns([
            C::Headline,
            C::Summary,
            C::Location,
            C::Skills,
            C::Education,
            C::OpenToWork,
            C::UpdatedAt,
        ])
        .to_owned();
    seeker_profiles::Entity::insert(row)
        .on_conflict(upsert)
        .exec_without_returning(&tx)
        .await?;
    users::Entity::update_many()
        .col_expr(users::Column::Phone, Expr::value(input.phone))
        .col_expr(users::Column::UpdatedAt, Expr::value(now))
        .filter(users::Column::Id.eq(actor.user_id.0))
        .exec(&tx)
        .await?;
    let view = load_profile(&tx, actor.user_id).await?;
    tx.commit().await?;
    Ok(view)
}

fn to_json<T: Serialize>(value: &T) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(anyhow::Error::new(e)))
}
