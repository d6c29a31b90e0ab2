//! `GET /company` and `PUT /company`: the employer's own company profile.

use axum::extract::State;

use crate::app::AppError;
use crate::app::companies::{self, CompanyView};
use crate::domain::company::CompanyInput;
use crate::state::AppState;
use crate::web::extract::{ApiUser, Json};

/// `GET /api/v1/company`: the caller's company (404 before it is created).
pub async fn get_company(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
) -> Result<Json<CompanyView>, AppError> {
    let company = companies::own_company(&state, &user.actor).await?;
    Ok(Json(company))
}

/// `PUT /api/v1/company`: creates or replaces the caller's company profile.
pub async fn save_company(
    State(state): State<AppState>,
    ApiUser(user): ApiUser,
    Json(input): Json<CompanyInput>,
) -> Result<Json<CompanyView>, AppError> {
    let company = companies::save_company(&state, &user.actor, input).await?;
    Ok(Json(company))
}
