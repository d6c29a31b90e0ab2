//! The job seeker's pages: their mock interviews, and one interview with its
//! time, meeting link and, once completed, the feedback.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::running::InterviewRow;
use super::{show_money, show_optional_time};
use crate::app::interviews::view::{self, FeedbackView, InterviewDetail};
use crate::domain::InterviewId;
use crate::domain::interview::Recommendation;
use crate::state::AppState;
use crate::web::csrf::CsrfToken;
use crate::web::extract::Path;
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};

#[derive(Template)]
#[template(path = "interviews/mine.html")]
struct MinePage {
    layout: Layout,
    interviews: Vec<InterviewRow>,
}

/// `GET /me/interviews`.
pub async fn list_interviews(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
) -> Result<Response, PageError> {
    let list = view::list_for_seeker(&state, &user.0.actor).await?;
    let page = MinePage {
        layout: Layout::new(Some(&user), &csrf),
        interviews: list
            .into_iter()
            .map(|d| InterviewRow::new(d, true))
            .collect(),
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "interviews/detail.html")]
struct DetailPage {
    layout: Layout,
    interview: InterviewDetail,
    starts: String,
    ends: String,
    paid: String,
    feedback: Option<FeedbackView>,
    recommendation: String,
}

/// `GET /me/interviews/{id}`: the seeker's own interview (others get 404).
pub async fn show_interview(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Path(id): Path<InterviewId>,
) -> Result<Response, PageError> {
    let mut interview = view::get_interview(&state, &user.0.actor, id).await?;
    let feedback = interview.feedback.take();
    let recommendation = feedback
        .as_ref()
        .and_then(|f| f.recommendation.parse::<Recommendation>().ok())
        .map(|r| r.label().to_owned())
        .unwrap_or_default();
    let page = DetailPage {
        layout: Layout::new(Some(&user), &csrf),
        starts: show_optional_time(interview.scheduled_start),
        ends: show_optional_time(interview.scheduled_end),
        paid: show_money(interview.amount_due.unwrap_or(interview.list_price)),
        interview,
        feedback,
        recommendation,
    };
    Ok(render(&page))
}
