//! The interviewer's pages for running interviews: the assigned list with a
//! Start button, the feedback rubric form, and earnings.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{error_for, show_money, show_optional_time, show_time};
use crate::app::AppError;
use crate::app::earnings;
use crate::app::interviews::run;
use crate::app::interviews::view::{self, InterviewDetail};
use crate::domain::interview::{FeedbackDraft, Recommendation};
use crate::domain::permissions::Action;
use crate::domain::{FieldError, InterviewId};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Path;
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};

/// An interview as the lists show it.
pub struct InterviewRow {
    pub id: InterviewId,
    pub status: String,
    pub status_label: &'static str,
    pub skills: String,
    pub duration_minutes: i32,
    pub starts: String,
    pub meeting_url: Option<String>,
    pub other_first_name: String,
}

impl InterviewRow {
    /// A row naming the other participant: the seeker for an interviewer, and
    /// the interviewer for a seeker.
    pub fn new(detail: InterviewDetail, for_seeker: bool) -> Self {
        let other = if for_seeker {
            detail.interviewer_first_name
        } else {
            detail.seeker_first_name
        };
        InterviewRow {
            id: detail.id,
            status: detail.status,
            status_label: detail.status_label,
            skills: detail.skills.join(", "),
            duration_minutes: detail.duration_minutes,
            starts: show_optional_time(detail.scheduled_start),
            meeting_url: detail.meeting_url,
            other_first_name: other.unwrap_or_else(|| "-".into()),
        }
    }
}

#[derive(Template)]
#[template(path = "interviews/assigned.html")]
struct AssignedPage {
    layout: Layout,
    interviews: Vec<InterviewRow>,
}

/// `GET /interviewer/interviews`.
pub async fn list_interviews(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
) -> Result<Response, PageError> {
    let list = view::list_for_interviewer(&state, &user.0.actor).await?;
    let page = AssignedPage {
        layout: Layout::new(Some(&user), &csrf),
        interviews: list
            .into_iter()
            .map(|d| InterviewRow::new(d, false))
            .collect(),
    };
    Ok(render(&page))
}

/// A form with nothing but the CSRF token.
#[derive(Debug, Default, Deserialize)]
pub struct EmptyForm {}

/// `POST /interviewer/interviews/{id}/start`.
pub async fn start_interview(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<InterviewId>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<Response, PageError> {
    run::start_interview(&state, &user.0.actor, id).await?;
    Ok(Redirect::to(&format!("/interviewer/interviews/{id}/feedback")).into_response())
}

/// The rubric as posted; ratings are text so a bad one is a field error.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeedbackForm {
    pub technical: String,
    pub communication: String,
    pub problem_solving: String,
    pub overall: String,
    pub strengths: String,
    pub areas_to_improve: String,
    pub comments: String,
    pub recommendation: String,
    /// Present (`on`) when the box is ticked.
    pub public: Option<String>,
}

impl FeedbackForm {
    fn draft(self) -> FeedbackDraft {
        let rating = |s: &str| s.trim().parse().unwrap_or(0);
        FeedbackDraft {
            technical: rating(&self.technical),
            communication: rating(&self.communication),
            problem_solving: rating(&self.problem_solving),
            overall: rating(&self.overall),
            strengths: self.strengths,
            areas_to_improve: self.areas_to_improve,
            comments: self.comments,
            recommendation: self.recommendation,
            public: self.public.is_some(),
        }
    }
}

/// One rating question of the rubric.
pub struct RatingField {
    pub name: &'static str,
    pub label: &'static str,
    pub value: String,
}

#[derive(Template)]
#[template(path = "interviews/feedback.html")]
struct FeedbackPage {
    layout: Layout,
    interview: InterviewRow,
    ratings: Vec<RatingField>,
    recommendations: Vec<(&'static str, &'static str)>,
    form: FeedbackForm,
    errors: Vec<FieldError>,
}

impl FeedbackPage {
    fn new(layout: Layout, detail: InterviewDetail, form: FeedbackForm) -> Self {
        let ratings = vec![
            ("technical", "Technical skills", form.technical.clone()),
            ("communication", "Communication", form.communication.clone()),
            (
                "problem_solving",
                "Problem solving",
                form.problem_solving.clone(),
            ),
            ("overall", "Overall", form.overall.clone()),
        ]
        .into_iter()
        .map(|(name, label, value)| RatingField { name, label, value })
        .collect();
        FeedbackPage {
            layout,
            interview: InterviewRow::new(detail, false),
            ratings,
            recommendations: Recommendation::ALL
                .iter()
                .map(|r| (r.as_str(), r.label()))
                .collect(),
            form,
            errors: Vec::new(),
        }
    }

    fn error(&self, field: &str) -> String {
        error_for(&self.errors, field)
    }
}

/// `GET /interviewer/interviews/{id}/feedback`.
pub async fn feedback_form(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(id): Path<InterviewId>,
) -> Result<Response, PageError> {
    let detail = assigned_detail(&state, &user, id).await?;
    let page = FeedbackPage::new(
        Layout::new(Some(&user), &csrf),
        detail,
        FeedbackForm::default(),
    );
    Ok(render(&page))
}

/// `POST /interviewer/interviews/{id}/feedback`: completes the interview, or shows the errors.
pub async fn submit_feedback(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(id): Path<InterviewId>,
    CsrfForm(form): CsrfForm<FeedbackForm>,
) -> Result<Response, PageError> {
    match run::submit_feedback(&state, &user.0.actor, id, form.clone().draft()).await {
        Ok(_) => Ok(Redirect::to("/interviewer/interviews").into_response()),
        Err(AppError::Validation(errors)) => {
            let detail = assigned_detail(&state, &user, id).await?;
            let mut page = FeedbackPage::new(Layout::new(Some(&user), &csrf), detail, form);
            page.errors = errors;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// The interview if the caller runs it; anyone else gets 404 (an interviewer
/// can only be a participant as the assigned interviewer).
async fn assigned_detail(
    state: &AppState,
    user: &PageUser,
    id: InterviewId,
) -> Result<InterviewDetail, AppError> {
    user.0.actor.require(Action::RunInterview)?;
    view::get_interview(state, &user.0.actor, id).await
}

/// One earnings movement as the page shows it.
pub struct EarningRow {
    pub interview_id: Option<InterviewId>,
    pub amount: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "interviews/earnings.html")]
struct EarningsPage {
    layout: Layout,
    balance: String,
    entries: Vec<EarningRow>,
}

/// `GET /interviewer/earnings`.
pub async fn show_earnings(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
) -> Result<Response, PageError> {
    let earnings = earnings::earnings_of(&state, &user.0.actor).await?;
    let page = EarningsPage {
        layout: Layout::new(Some(&user), &csrf),
        balance: show_money(earnings.balance),
        entries: earnings
            .entries
            .into_iter()
            .map(|e| EarningRow {
                interview_id: e.interview_id,
                amount: show_money(e.amount),
                when: show_time(e.created_at),
            })
            .collect(),
    };
    Ok(render(&page))
}
