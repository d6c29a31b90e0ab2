//! API routes of the interview marketplace after payment: the interviewer's
//! profile, open requests, claiming, running and completing interviews,
//! earnings, and each participant's view of their interviews.

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::app::AppError;
use crate::app::earnings::{self, Earnings};
use crate::app::interviewers::profile::{self, ProfileView};
use crate::app::interviews::requests::{self, OpenRequest};
use crate::app::interviews::view::{self, InterviewDetail};
use crate::app::interviews::{claim, run};
use crate::domain::InterviewId;
use crate::domain::interview::FeedbackDraft;
use crate::domain::interviewer::ProfileDraft;
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json, Path};

/// The interview routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/interviewer/profile", get(get_profile).put(update_profile))
        .route("/interviewer/requests", get(list_open_requests))
        .route("/interviewer/interviews", get(list_assigned_interviews))
        .route("/interviewer/earnings", get(get_earnings))
        .route("/me/interviews", get(list_my_interviews))
        .route("/interviews/{id}", get(get_interview))
        .route("/interviews/{id}/claim", post(claim_interview))
        .route("/interviews/{id}/start", post(start_interview))
        .route("/interviews/{id}/feedback", post(submit_feedback))
}

/// A list answer: `{"items": [...]}`, so fields such as a cursor can be added later.
#[derive(Debug, Serialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

/// The body of `PUT /interviewer/profile`. Missing fields count as empty, so they
/// are reported as field errors rather than as a malformed body.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProfileRequest {
    pub skills: Vec<String>,
    pub years_experience: i64,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub bio: Option<String>,
    pub timezone: String,
}

impl From<ProfileRequest> for ProfileDraft {
    fn from(r: ProfileRequest) -> Self {
        ProfileDraft {
            skills: r.skills,
            years_experience: r.years_experience,
            current_title: r.current_title,
            current_company: r.current_company,
            bio: r.bio,
            timezone: r.timezone,
        }
    }
}

async fn get_profile(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<ProfileView>, AppError> {
    Ok(Json(profile::get_profile(&state, &user.actor).await?))
}

async fn update_profile(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Json(body): Json<ProfileRequest>,
) -> Result<Json<ProfileView>, AppError> {
    let saved = profile::save_profile(&state, &user.actor, body.into()).await?;
    Ok(Json(saved))
}

async fn list_open_requests(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Items<OpenRequest>>, AppError> {
    let items = requests::list_open_requests(&state, &user.actor).await?;
    Ok(Json(Items { items }))
}

/// The body of `POST /interviews/{id}/claim`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClaimRequest {
    /// RFC 3339, with an offset (`2026-12-24T10:00:00+05:30`).
    pub start_at: String,
}

async fn claim_interview(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<InterviewId>,
    Json(body): Json<ClaimRequest>,
) -> Result<Json<InterviewDetail>, AppError> {
    let claimed = claim::claim_interview(&state, &user.actor, id, &body.start_at).await?;
    Ok(Json(claimed))
}

async fn start_interview(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<InterviewId>,
) -> Result<Json<InterviewDetail>, AppError> {
    Ok(Json(run::start_interview(&state, &user.actor, id).await?))
}

/// The body of `POST /interviews/{id}/feedback`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeedbackRequest {
    pub technical: i64,
    pub communication: i64,
    pub problem_solving: i64,
    pub overall: i64,
    pub strengths: String,
    pub areas_to_improve: String,
    pub comments: String,
    pub recommendation: String,
    pub public: bool,
}

impl From<FeedbackRequest> for FeedbackDraft {
    fn from(r: FeedbackRequest) -> Self {
        FeedbackDraft {
            technical: r.technical,
            communication: r.communication,
            problem_solving: r.problem_solving,
            overall: r.overall,
            strengths: r.strengths,
            areas_to_improve: r.areas_to_improve,
            comments: r.comments,
            recommendation: r.recommendation,
            public: r.public,
        }
    }
}

async fn submit_feedback(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<InterviewId>,
    Json(body): Json<FeedbackRequest>,
) -> Result<Json<InterviewDetail>, AppError> {
    let completed = run::submit_feedback(&state, &user.actor, id, body.into()).await?;
    Ok(Json(completed))
}

async fn get_interview(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Path(id): Path<InterviewId>,
) -> Result<Json<InterviewDetail>, AppError> {
    Ok(Json(view::get_interview(&state, &user.actor, id).await?))
}

async fn list_my_interviews(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Items<InterviewDetail>>, AppError> {
    let items = view::list_for_seeker(&state, &user.actor).await?;
    Ok(Json(Items { items }))
}

async fn list_assigned_interviews(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Items<InterviewDetail>>, AppError> {
    let items = view::list_for_interviewer(&state, &user.actor).await?;
    Ok(Json(Items { items }))
}

async fn get_earnings(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<Earnings>, AppError> {
    Ok(Json(earnings::earnings_of(&state, &user.actor).await?))
}
