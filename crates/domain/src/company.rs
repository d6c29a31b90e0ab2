//! Company profiles: the input rules for an employer's one company.

use serde::{Deserialize, Serialize};

use crate::profile::valid_phone;
use crate::validation::{FieldError, Validation, normalize_email};

/// Accepted company size bands (employees).
pub const SIZE_BANDS: [&str; 7] = [
    "1-10",
    "11-50",
    "51-200",
    "201-500",
    "501-1000",
    "1001-5000",
    "5000+",
];

/// A company profile as its employer writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyInput {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub industry: Option<String>,
    pub size_band: Option<String>,
    pub founded_year: Option<i32>,
    pub headquarters: Option<String>,
    pub description: Option<String>,
}

impl CompanyInput {
    /// Checks every field against `current_year` and returns the company in normal form.
    pub fn validate(self, current_year: i32) -> Result<CompanyInput, Vec<FieldError>> {
        let mut v = Validation::new();
        let input = self.trimmed();
        v.text("name", &input.name, 2, 200);
        let email = normalize_email(&input.email);
        v.check(
            email.is_none(),
            "email",
            "invalid",
            "Enter a valid e-mail address.",
        );
        if let Some(phone) = &input.phone {
            v.check(
                !valid_phone(phone),
                "phone",
                "invalid",
                "Enter a phone number such as +91 80 4000 1234.",
            );
        }
        if let Some(site) = &input.website {
            let plausible = (site.starts_with("https://") || site.starts_with("http://"))
                && site.len() <= 300
                && !site.contains(char::is_whitespace);
            v.check(
                !plausible,
                "website",
                "invalid",
                "Enter a web address starting with https://.",
            );
        }
        v.optional_text("industry", input.industry.as_deref(), 100);
        if let Some(band) = &input.size_band {
            v.check(
                !SIZE_BANDS.contains(&band.as_str()),
                "size_band",
                "invalid_choice",
                "Choose one of: 1-10, 11-50, 51-200, 201-500, 501-1000, 1001-5000, 5000+.",
            );
        }
        v.check(
            input
                .founded_year
                .is_some_and(|y| !(1800..=current_year).contains(&y)),
            "founded_year",
            "out_of_range",
            "Enter a founding year between 1800 and this year.",
        );
        v.optional_text("headquarters", input.headquarters.as_deref(), 200);
        v.optional_text("description", input.description.as_deref(), 5_000);
        v.finish()?;
        Ok(CompanyInput {
            email: email.unwrap_or_default(),
            ..input
        })
    }

    fn trimmed(self) -> CompanyInput {
        let opt = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        CompanyInput {
            name: self.name.trim().to_owned(),
            email: self.email,
            phone: opt(self.phone),
            website: opt(self.website),
            industry: opt(self.industry),
            size_band: opt(self.size_band),
            founded_year: self.founded_year,
            headquarters: opt(self.headquarters),
            description: opt(self.description),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> CompanyInput {
        CompanyInput {
            name: " Acme Labs ".into(),
            email: "Hiring@Acme.in".into(),
            website: Some("https://acme.in".into()),
            size_band: Some("51-200".into()),
            founded_year: Some(2012),
            ..CompanyInput::default()
        }
    }

    #[test]
    fn a_valid_company_is_normalised() {
        let company = valid().validate(2026).expect("valid");
        assert_eq!(company.name, "Acme Labs");
        assert_eq!(company.email, "hiring@acme.in");
    }

    #[test]
    fn each_invalid_field_is_reported() {
        let cases = [
            (
                CompanyInput {
                    name: "A".into(),
                    ..valid()
                },
                "name",
                "too_short",
            ),
            (
                CompanyInput {
                    email: "nope".into(),
                    ..valid()
                },
                "email",
                "invalid",
            ),
            (
                CompanyInput {
                    website: Some("acme.in".into()),
                    ..valid()
                },
                "website",
                "invalid",
            ),
            (
                CompanyInput {
                    size_band: Some("12".into()),
                    ..valid()
                },
                "size_band",
                "invalid_choice",
            ),
            (
                CompanyInput {
                    founded_year: Some(1799),
                    ..valid()
                },
                "founded_year",
                "out_of_range",
            ),
            (
                CompanyInput {
                    founded_year: Some(2027),
                    ..valid()
                },
                "founded_year",
                "out_of_range",
            ),
            (
                CompanyInput {
                    description: Some("x".repeat(5001)),
                    ..valid()
                },
                "description",
                "too_long",
            ),
        ];
        for (input, field, code) in cases {
            let errors = input.validate(2026).expect_err("invalid");
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
            assert_eq!((errors[0].field.as_str(), errors[0].code), (field, code));
        }
    }
}
