//! Row type of the `interview_skills` table: a skill a mock interview is about.

use sea_orm::entity::prelude::*;

/// A skill a mock interview is about.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interview_skills")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub interview_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub skill: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
