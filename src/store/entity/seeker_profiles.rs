//! Row type of the `seeker_profiles` table: a job seeker's profile.

use sea_orm::entity::prelude::*;

/// A job seeker's profile.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "seeker_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub skills: String,
    pub education: String,
    pub open_to_work: bool,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
