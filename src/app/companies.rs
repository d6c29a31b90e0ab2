//! Employers' company profiles: one per employer, created or updated in place.
//! A new company starts unverified; admins verify it later.

use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::AppError;
use super::jobs::refresh_search_text;
use crate::domain::company::CompanyInput;
use crate::domain::permissions::{Action, Actor};
use crate::domain::{CompanyId, UserId};
use crate::state::AppState;
use crate::store::StoreError;
use crate::store::entity::companies;

/// A company profile as the API shows it to its owner.
#[derive(Clone, Debug, Serialize)]
pub struct CompanyView {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    pub size_band: Option<String>,
    pub founded_year: Option<i32>,
    pub headquarters: Option<String>,
    pub description: Option<String>,
    pub verified: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<companies::Model> for CompanyView {
    fn from(row: companies::Model) -> Self {
        CompanyView {
            id: row.id,
            name: row.name,
            email: row.email,
            phone: row.phone,
            website: row.website,
            industry: row.industry,
            size_band: row.size_band,
            founded_year: row.founded_year,
            headquarters: row.headquarters,
            description: row.description,
            verified: row.verified,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// The employer's company, if they have made one.
pub async fn find_by_owner(
    conn: &impl ConnectionTrait,
    owner: UserId,
) -> Result<Option<companies::Model>, AppError> {
    Ok(companies::Entity::find()
        .filter(companies::Column::OwnerId.eq(owner.0))
        .one(conn)
        .await?)
}

/// The caller's own company (404 when none exists yet).
pub async fn own_company(state: &AppState, actor: &Actor) -> Result<CompanyView, AppError> {
    actor.require(Action::EditCompany)?;
    let company = find_by_owner(state.db.conn(), actor.user_id).await?;
    company
        .map(CompanyView::from)
        .ok_or(AppError::NotFound("company"))
}

/// Creates the caller's company or updates it in place. A renamed company's jobs
/// get their search text rebuilt in the same transaction.
#[tracing::instrument(skip_all, fields(user.id = %actor.user_id))]
pub async fn save_company(
    state: &AppState,
    actor: &Actor,
    input: CompanyInput,
) -> Result<CompanyView, AppError> {
    actor.require(Action::EditCompany)?;
    let now = state.clock.now();
    let input = input.validate(now.year())?;

    let tx = state.db.begin().await?;
    let existing = find_by_owner(&tx, actor.user_id).await?;
    let renamed = existing.as_ref().is_some_and(|c| c.name != input.name);
    let row = companies::ActiveModel {
        id: Set(existing
            .as_ref()
            .map_or_else(|| CompanyId::new().0, |c| c.id)),
        owner_id: Set(actor.user_id.0),
        name: Set(input.name),
        email: Set(input.email),
        phone: Set(input.phone),
        website: Set(input.website),
        industry: Set(input.industry),
        size_band: Set(input.size_band),
        founded_year: Set(input.founded_year),
        headquarters: Set(input.headquarters),
        description: Set(input.description),
        verified: Set(existing.as_ref().is_some_and(|c| c.verified)),
        created_at: Set(existing.as_ref().map_or(now, |c| c.created_at)),
        updated_at: Set(now),
    };
    let saved = if existing.is_some() {
        companies::Entity::update(row).exec(&tx).await?
    } else {
        insert_company(&tx, row).await?
    };
    if renamed {
        refresh_search_text(&tx, CompanyId(saved.id), &saved.name, now).await?;
    }
    tx.commit().await?;
    Ok(saved.into())
}

async fn insert_company(
    tx: &impl ConnectionTrait,
    row: companies::ActiveModel,
) -> Result<companies::Model, AppError> {
    match companies::Entity::insert(row).exec_with_returning(tx).await {
        Ok(model) => Ok(model),
        Err(err) => match StoreError::from(err) {
            StoreError::Conflict(_) => Err(AppError::conflict(
                "company_exists",
                "Your company was just created by another request; reload and try again.",
            )),
            other => Err(other.into()),
        },
    }
}
