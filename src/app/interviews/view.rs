//! Reading interviews: one interview for its seeker, its interviewer or an
//! admin (everyone else gets 404), and each participant's own list. The meeting
//! link is shown only from 10 minutes before the start.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{load, skills_by_interview, status_of};
use crate::app::AppError;
use crate::domain::InterviewId;
use crate::domain::interview::meeting_link_visible;
use crate::domain::permissions::{Action, Actor};
use crate::state::AppState;
use crate::store::entity::{interview_feedback, interviews, users};

/// The most interviews one list returns.
const LIST_LIMIT: u64 = 200;

/// One interview as a participant sees it.
#[derive(Clone, Debug, Serialize)]
pub struct InterviewDetail {
    pub id: InterviewId,
    pub status: String,
    pub status_label: &'static str,
    pub skills: Vec<String>,
    pub duration_minutes: i32,
    pub notes: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub scheduled_start: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub scheduled_end: Option<OffsetDateTime>,
    /// Present from 10 minutes before the start; `null` before.
    pub meeting_url: Option<String>,
    pub interviewer_first_name: Option<String>,
    pub seeker_first_name: Option<String>,
    /// The rubric, once the interview is completed.
    pub feedback: Option<FeedbackView>,
    /// List price at booking, paise.
    pub list_price: i64,
    /// What the seeker paid, paise; shown to the seeker and admins only.
    pub amount_due: Option<i64>,
    pub currency: &'static str,
    #[serde(with = "time::serde::rfc3339::option")]
    pub open_until: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// The interviewer's feedback on a completed interview.
#[derive(Clone, Debug, Serialize)]
pub struct FeedbackView {
    pub technical: i32,
    pub communication: i32,
    pub problem_solving: i32,
    pub overall: i32,
    pub strengths: String,
    pub areas_to_improve: String,
    pub comments: String,
    pub recommendation: String,
    pub public: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl From<interview_feedback::Model> for FeedbackView {
    fn from(f: interview_feedback::Model) -> Self {
        FeedbackView {
            technical: f.technical,
            communication: f.communication,
            problem_solving: f.problem_solving,
            overall: f.overall,
            strengths: f.strengths,
            areas_to_improve: f.areas_to_improve,
            comments: f.comments,
            recommendation: f.recommendation,
            public: f.public,
            created_at: f.created_at,
        }
    }
}

/// `GET /interviews/{id}`.
pub async fn get_interview(
    state: &AppState,
    actor: &Actor,
    id: InterviewId,
) -> Result<InterviewDetail, AppError> {
    detail(state, state.db.conn(), actor, id).await
}

/// The interview `id` as `actor` may see it, read through `conn`.
pub async fn detail(
    state: &AppState,
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: InterviewId,
) -> Result<InterviewDetail, AppError> {
    let row = load(conn, id).await?;
    let is_seeker = row.seeker_id == actor.user_id.0;
    let is_interviewer = row.interviewer_id == Some(actor.user_id.0);
    if !(is_seeker || is_interviewer || actor.is_admin()) {
        return Err(AppError::NotFound("interview"));
    }
    let feedback = interview_feedback::Entity::find_by_id(row.id)
        .one(conn)
        .await?
        .map(FeedbackView::from);
    let mut skills = skills_by_interview(conn, vec![row.id]).await?;
    let names = first_names(conn, [Some(row.seeker_id), row.interviewer_id]).await?;
    let mut view = to_detail(state, row, &names, &mut skills)?;
    view.feedback = feedback;
    if !(is_seeker || actor.is_admin()) {
        view.amount_due = None;
    }
    Ok(view)
}

/// `GET /me/interviews`: the seeker's interviews, newest request first.
pub async fn list_for_seeker(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<InterviewDetail>, AppError> {
    actor.require(Action::ListOwnInterviews)?;
    let rows = interviews::Entity::find()
        .filter(interviews::Column::SeekerId.eq(actor.user_id.0))
        .order_by_desc(interviews::Column::CreatedAt)
        .limit(LIST_LIMIT)
        .all(state.db.conn())
        .await?;
    summaries(state, rows, true).await
}

/// `GET /interviewer/interviews`: interviews assigned to the caller, latest start first.
pub async fn list_for_interviewer(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<InterviewDetail>, AppError> {
    actor.require(Action::RunInterview)?;
    let rows = interviews::Entity::find()
        .filter(interviews::Column::InterviewerId.eq(actor.user_id.0))
        .order_by_desc(interviews::Column::ScheduledStart)
        .limit(LIST_LIMIT)
        .all(state.db.conn())
        .await?;
    summaries(state, rows, false).await
}

/// List entries: everything but the feedback body, which the detail shows.
async fn summaries(
    state: &AppState,
    rows: Vec<interviews::Model>,
    for_seeker: bool,
) -> Result<Vec<InterviewDetail>, AppError> {
    let conn = state.db.conn();
    let mut skills = skills_by_interview(conn, rows.iter().map(|r| r.id).collect()).await?;
    let people = rows
        .iter()
        .flat_map(|r| [Some(r.seeker_id), r.interviewer_id]);
    let names = first_names(conn, people).await?;
    rows.into_iter()
        .map(|row| {
            let mut view = to_detail(state, row, &names, &mut skills)?;
            if !for_seeker {
                view.amount_due = None;
            }
            Ok(view)
        })
        .collect()
}

fn to_detail(
    state: &AppState,
    row: interviews::Model,
    names: &HashMap<Uuid, String>,
    skills: &mut HashMap<Uuid, Vec<String>>,
) -> Result<InterviewDetail, AppError> {
    let status = status_of(&row)?;
    let now = state.clock.now();
    let link_open = row
        .scheduled_start
        .is_some_and(|start| meeting_link_visible(now, start))
        && status.blocks_calendar();
    Ok(InterviewDetail {
        id: InterviewId(row.id),
        status: status.as_str().to_owned(),
        status_label: status.label(),
        skills: skills.remove(&row.id).unwrap_or_default(),
        duration_minutes: row.duration_minutes,
        notes: row.notes,
        scheduled_start: row.scheduled_start,
        scheduled_end: row.scheduled_end,
        meeting_url: row.meeting_url.filter(|_| link_open),
        interviewer_first_name: row.interviewer_id.and_then(|id| names.get(&id).cloned()),
        seeker_first_name: names.get(&row.seeker_id).cloned(),
        feedback: None,
        list_price: row.list_price,
        amount_due: Some(row.amount_due),
        currency: "INR",
        open_until: row.open_until,
        created_at: row.created_at,
    })
}

async fn first_names(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Option<Uuid>>,
) -> Result<HashMap<Uuid, String>, AppError> {
    let mut ids: Vec<Uuid> = ids.into_iter().flatten().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|u| (u.id, u.first_name)).collect())
}
