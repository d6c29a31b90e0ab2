//! Row type of the `interviewer_profiles` table: an interviewer's profile and approval state.

use sea_orm::entity::prelude::*;

/// An interviewer's profile and approval state.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interviewer_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub years_experience: i32,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub bio: Option<String>,
    pub timezone: String,
    pub approval_status: String,
    pub rejection_reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
