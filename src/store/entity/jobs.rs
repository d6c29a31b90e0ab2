//! Row type of the `jobs` table: a job posting.

use sea_orm::entity::prelude::*;

/// A job posting.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_id: Uuid,
    pub employer_id: Uuid,
    pub title: String,
    pub description: String,
    pub requirements: Option<String>,
    pub responsibilities: Option<String>,
    pub benefits: Option<String>,
    pub skills: String,
    pub experience_level: String,
    pub employment_type: String,
    pub salary_min: Option<i64>,
    pub salary_max: Option<i64>,
    pub salary_negotiable: bool,
    pub salary_visible: bool,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    pub remote: bool,
    pub hybrid: bool,
    pub openings: i32,
    pub deadline: Option<TimeDateTimeWithTimeZone>,
    pub status: String,
    pub search_text: String,
    pub published_at: Option<TimeDateTimeWithTimeZone>,
    pub expires_at: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
