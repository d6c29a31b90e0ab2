//! Public job search over active, unexpired jobs.
//!
//! Every keyword must appear in `jobs.search_text`; user input only ever becomes
//! a bound `LIKE` pattern with `%`, `_` and `\` escaped, never SQL text.
//! Remote jobs are included unless a filter says otherwise. Newest first.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::stored_skills;
use super::view::{CompanyBrief, SalaryView};
use crate::app::AppError;
use crate::domain::skills::normalize_skill;
use crate::state::AppState;
use crate::store::entity::{companies, jobs};

/// The default and the largest page size; larger requests are clamped.
pub const DEFAULT_PER_PAGE: u64 = 20;
pub const MAX_PER_PAGE: u64 = 50;
/// The last page a search may ask for; deeper offsets only scan the table.
pub const MAX_PAGE: u64 = 10_000;
/// The most keywords and skills one search uses.
const MAX_TERMS: usize = 10;

/// Search parameters as they arrive in a query string; blank means "any".
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    /// Comma-separated skill names; a job must list all of them.
    pub skills: Option<String>,
    pub experience_level: Option<String>,
    pub employment_type: Option<String>,
    /// Matched against city, state and country.
    pub location: Option<String>,
    pub remote: Option<String>,
    pub hybrid: Option<String>,
    /// Jobs paying at least this much (paise per year, upper end of the range).
    pub salary_min: Option<String>,
    /// Jobs published in the last N days.
    pub posted_within_days: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// One page of results.
#[derive(Clone, Debug, Serialize)]
pub struct SearchPage {
    pub items: Vec<JobSummary>,
    pub page: u64,
    pub per_page: u64,
    pub total: u64,
}

/// A job as a result list shows it.
#[derive(Clone, Debug, Serialize)]
pub struct JobSummary {
    pub id: Uuid,
    pub title: String,
    pub company: CompanyBrief,
    pub city: String,
    pub country: String,
    pub remote: bool,
    pub hybrid: bool,
    pub skills: Vec<String>,
    pub experience_level: String,
    pub employment_type: String,
    pub salary: Option<SalaryView>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
}

fn blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn number<T: std::str::FromStr>(value: &Option<String>, name: &str) -> Result<Option<T>, AppError> {
    blank(value)
        .map(|v| v.parse::<T>())
        .transpose()
        .map_err(|_| {
            AppError::bad_request("invalid_query", format!("`{name}` must be a whole number."))
        })
}

fn flag(value: &Option<String>, name: &str) -> Result<Option<bool>, AppError> {
    match blank(value) {
        None => Ok(None),
        Some("true" | "1" | "yes" | "on") => Ok(Some(true)),
        Some("false" | "0" | "no" | "off") => Ok(Some(false)),
        Some(_) => Err(AppError::bad_request(
            "invalid_query",
            format!("`{name}` must be true or false."),
        )),
    }
}

/// `%term%` with the LIKE wildcards of `term` escaped by `\`.
fn contains_pattern(term: &str) -> LikeExpr {
    let mut escaped = String::with_capacity(term.len() + 2);
    escaped.push('%');
    for c in term.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    LikeExpr::new(escaped).escape('\\')
}

impl SearchParams {
    /// The page number and size asked for, clamped to 1..=50 per page.
    pub fn paging(&self) -> Result<(u64, u64), AppError> {
        let page = Ord::max(number::<u64>(&self.page, "page")?.unwrap_or(1), 1);
        if page > MAX_PAGE {
            return Err(AppError::bad_request(
                "invalid_query",
                format!("`page` must be at most {MAX_PAGE}."),
            ));
        }
        let per_page = number::<u64>(&self.per_page, "per_page")?
            .unwrap_or(DEFAULT_PER_PAGE)
            .clamp(1, MAX_PER_PAGE);
        Ok((page, per_page))
    }

    /// The filter over the `jobs` table these parameters describe.
    fn condition(&self, now: OffsetDateTime) -> Result<Condition, AppError> {
        let mut cond = Condition::all()
            .add(jobs::Column::Status.eq("active"))
            .add(jobs::Column::ExpiresAt.gt(now))
            .add(
                Condition::any()
                    .add(jobs::Column::Deadline.is_null())
                    .add(jobs::Column::Deadline.gt(now)),
            );
        let keywords = blank(&self.q).unwrap_or("").to_lowercase();
        for word in keywords.split_whitespace().take(MAX_TERMS) {
            cond = cond.add(jobs::Column::SearchText.like(contains_pattern(word)));
        }
        let skills = blank(&self.skills).unwrap_or("");
        for skill in skills
            .split(',')
            .filter_map(normalize_skill)
            .take(MAX_TERMS)
        {
            let quoted = serde_json::to_string(&skill).unwrap_or_default();
            cond = cond.add(jobs::Column::Skills.like(contains_pattern(&quoted)));
        }
        if let Some(level) = blank(&self.experience_level) {
            cond = cond.add(jobs::Column::ExperienceLevel.eq(level));
        }
        if let Some(kind) = blank(&self.employment_type) {
            cond = cond.add(jobs::Column::EmploymentType.eq(kind));
        }
        if let Some(place) = blank(&self.location) {
            cond = cond.add(location_matches(&place.to_lowercase()));
        }
        if let Some(remote) = flag(&self.remote, "remote")? {
            cond = cond.add(jobs::Column::Remote.eq(remote));
        }
        if let Some(hybrid) = flag(&self.hybrid, "hybrid")? {
            cond = cond.add(jobs::Column::Hybrid.eq(hybrid));
        }
        if let Some(min) = number::<i64>(&self.salary_min, "salary_min")? {
            cond = cond.add(pays_at_least(min));
        }
        if let Some(days) = number::<i64>(&self.posted_within_days, "posted_within_days")? {
            let since = now - Duration::days(days.clamp(0, 3650));
            cond = cond.add(jobs::Column::PublishedAt.gte(since));
        }
        Ok(cond)
    }
}

fn location_matches(place: &str) -> Condition {
    let lower = |col: jobs::Column| Func::lower(Expr::col(col));
    Condition::any()
        .add(lower(jobs::Column::City).like(contains_pattern(place)))
        .add(lower(jobs::Column::State).like(contains_pattern(place)))
        .add(lower(jobs::Column::Country).like(contains_pattern(place)))
}

/// Hidden salaries are never matched, so a filter cannot reveal them.
fn pays_at_least(min: i64) -> Condition {
    Condition::all()
        .add(jobs::Column::SalaryVisible.eq(true))
        .add(
            Condition::any().add(jobs::Column::SalaryMax.gte(min)).add(
                Condition::all()
                    .add(jobs::Column::SalaryMax.is_null())
                    .add(jobs::Column::SalaryMin.gte(min)),
            ),
        )
}

/// Runs a public search.
#[tracing::instrument(skip_all)]
pub async fn search_jobs(state: &AppState, params: &SearchParams) -> Result<SearchPage, AppError> {
    let (page, per_page) = params.paging()?;
    let condition = params.condition(state.clock.now())?;
    let conn = state.db.conn();
    let total = jobs::Entity::find()
        .filter(condition.clone())
        .count(conn)
        .await?;
    let rows = jobs::Entity::find()
        .filter(condition)
        .order_by_desc(jobs::Column::PublishedAt)
        .order_by_desc(jobs::Column::Id)
        .offset((page - 1).saturating_mul(per_page))
        .limit(per_page)
        .all(conn)
        .await?;
    let company_ids: Vec<Uuid> = rows.iter().map(|r| r.company_id).collect();
    let companies: HashMap<Uuid, companies::Model> = companies::Entity::find()
        .filter(companies::Column::Id.is_in(company_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let items = rows
        .into_iter()
        .filter_map(|row| {
            let company = companies.get(&row.company_id)?;
            Some(summary(row, company))
        })
        .collect();
    Ok(SearchPage {
        items,
        page,
        per_page,
        total,
    })
}

fn summary(row: jobs::Model, company: &companies::Model) -> JobSummary {
    JobSummary {
        skills: stored_skills(&row),
        salary: SalaryView::of(&row, false),
        company: company.into(),
        id: row.id,
        title: row.title,
        city: row.city,
        country: row.country,
        remote: row.remote,
        hybrid: row.hybrid,
        experience_level: row.experience_level,
        employment_type: row.employment_type,
        published_at: row.published_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_user_input_are_escaped() {
        let pattern = contains_pattern(r"100%_a\b");
        let debug = format!("{pattern:?}");
        assert!(debug.contains(r#"%100\\%\\_a\\\\b%"#), "{debug}");
    }

    #[test]
    fn paging_is_clamped() {
        let params = SearchParams {
            page: Some("0".into()),
            per_page: Some("500".into()),
            ..Default::default()
        };
        assert_eq!(params.paging().ok(), Some((1, MAX_PER_PAGE)));
        let bad = SearchParams {
            page: Some("two".into()),
            ..Default::default()
        };
        assert!(bad.paging().is_err());
        let deep = SearchParams {
            page: Some(u64::MAX.to_string()),
            ..Default::default()
        };
        assert!(deep.paging().is_err());
    }
}
