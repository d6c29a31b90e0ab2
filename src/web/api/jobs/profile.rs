//! `GET /me/profile` and `PUT /me/profile`: the job seeker's own profile.

use axum::extract::State;

use crate::app::AppError;
use crate::app::profiles::{self, ProfileView};
use crate::domain::profile::ProfileInput;
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json};

/// `GET /api/v1/me/profile`: the profile with `complete` and `missing`.
pub async fn get_profile(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<ProfileView>, AppError> {
    Ok(Json(profiles::own_profile(&state, &user.actor).await?))
}

/// `PUT /api/v1/me/profile`: replaces the profile.
pub async fn save_profile(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Json(input): Json<ProfileInput>,
) -> Result<Json<ProfileView>, AppError> {
    Ok(Json(
        profiles::save_profile(&state, &user.actor, input).await?,
    ))
}
