//! The employer's company page: one form that creates or updates the company.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::board::Choice;
use super::employer::optional;
use super::{NoticeQuery, see_other};
use crate::app::AppError;
use crate::app::companies;
use crate::domain::FieldError;
use crate::domain::company::{CompanyInput, SIZE_BANDS};
use crate::state::AppState;
use crate::web::csrf::{CsrfForm, CsrfToken};
use crate::web::extract::Query;
use crate::web::pages::layout::render;
use crate::web::pages::{Layout, PageError, PageUser};

/// The company form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompanyForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub industry: String,
    pub size_band: String,
    pub founded_year: String,
    pub headquarters: String,
    pub description: String,
}

impl CompanyForm {
    fn input(&self) -> Result<CompanyInput, AppError> {
        let founded_year = match optional(&self.founded_year) {
            None => None,
            Some(year) => Some(year.parse().map_err(|_| {
                AppError::field("founded_year", "invalid", "Enter a year such as 2015.")
            })?),
        };
        Ok(CompanyInput {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: optional(&self.phone),
            website: optional(&self.website),
            industry: optional(&self.industry),
            size_band: optional(&self.size_band),
            founded_year,
            headquarters: optional(&self.headquarters),
            description: optional(&self.description),
        })
    }
}

#[derive(Template)]
#[template(path = "jobs/company.html")]
struct CompanyPage {
    layout: Layout,
    notice: Option<&'static str>,
    errors: Vec<FieldError>,
    verified: Option<bool>,
    form: CompanyForm,
    sizes: Vec<Choice>,
}

/// `GET /employer/company`: the company form, filled in when it exists.
pub async fn company_page(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    Query(notice): Query<NoticeQuery>,
) -> Result<Response, PageError> {
    let company = match companies::own_company(&state, &user.0.actor).await {
        Ok(company) => Some(company),
        Err(AppError::NotFound(_)) => None,
        Err(other) => return Err(other.into()),
    };
    let form = company
        .as_ref()
        .map_or_else(CompanyForm::default, |c| CompanyForm {
            name: c.name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone().unwrap_or_default(),
            website: c.website.clone().unwrap_or_default(),
            industry: c.industry.clone().unwrap_or_default(),
            size_band: c.size_band.clone().unwrap_or_default(),
            founded_year: c.founded_year.map(|y| y.to_string()).unwrap_or_default(),
            headquarters: c.headquarters.clone().unwrap_or_default(),
            description: c.description.clone().unwrap_or_default(),
        });
    let page = CompanyPage {
        layout: Layout::new(Some(&user), &csrf),
        notice: notice.message(),
        errors: Vec::new(),
        verified: company.map(|c| c.verified),
        sizes: Choice::list(&SIZE_BANDS, &form.size_band),
        form,
    };
    Ok(render(&page))
}

/// `POST /employer/company`: saves the company, or shows the form with problems.
pub async fn save_company(
    State(state): State<AppState>,
    user: PageUser,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<CompanyForm>,
) -> Result<Response, PageError> {
    let result = match form.input() {
        Ok(input) => companies::save_company(&state, &user.0.actor, input).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(_) => Ok(see_other("/employer/company", "company_saved")),
        Err(AppError::Validation(errors)) => {
            let page = CompanyPage {
                layout: Layout::new(Some(&user), &csrf),
                notice: None,
                errors,
                verified: None,
                sizes: Choice::list(&SIZE_BANDS, &form.size_band),
                form,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
