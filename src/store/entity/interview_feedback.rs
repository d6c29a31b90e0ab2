//! Row type of the `interview_feedback` table: the interviewer's rubric feedback on a completed interview.

use sea_orm::entity::prelude::*;

/// The interviewer's rubric feedback on a completed interview.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "interview_feedback")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub interview_id: Uuid,
    pub technical: i32,
    pub communication: i32,
    pub problem_solving: i32,
    pub overall: i32,
    pub strengths: String,
    pub areas_to_improve: String,
    pub comments: String,
    pub recommendation: String,
    pub public: bool,
    pub created_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
