//! Job seeker profiles: what a profile holds, its input rules, and when it is
//! complete enough to apply to jobs.

use serde::{Deserialize, Serialize};

use crate::skills;
use crate::validation::{FieldError, Validation};

/// The most skills and education entries one profile holds.
pub const MAX_PROFILE_SKILLS: usize = 50;
pub const MAX_EDUCATION: usize = 20;
/// Accepted skill levels.
pub const SKILL_LEVELS: [&str; 4] = ["beginner", "intermediate", "advanced", "expert"];

/// One skill with its level and years of use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSkill {
    pub name: String,
    pub level: String,
    #[serde(default)]
    pub years: i32,
}

/// One education entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Education {
    pub institution: String,
    pub degree: String,
    pub field: Option<String>,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
}

/// A seeker profile as its owner writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInput {
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub location: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub skills: Vec<ProfileSkill>,
    #[serde(default)]
    pub education: Vec<Education>,
    #[serde(default)]
    pub open_to_work: bool,
}

impl ProfileInput {
    /// Checks every field against `current_year` and returns the profile in normal form.
    pub fn validate(mut self, current_year: i32) -> Result<ProfileInput, Vec<FieldError>> {
        let mut v = Validation::new();
        v.optional_text("headline", self.headline.as_deref(), 200);
        v.optional_text("summary", self.summary.as_deref(), 5_000);
        v.optional_text("location", self.location.as_deref(), 200);
        self.phone = blank_to_none(self.phone);
        if let Some(phone) = &self.phone {
            v.check(
                !valid_phone(phone),
                "phone",
                "invalid",
                "Enter a phone number such as +91 98765 43210.",
            );
        }
        v.check(
            self.skills.len() > MAX_PROFILE_SKILLS,
            "skills",
            "too_many",
            "List at most 50 skills.",
        );
        for (i, skill) in self.skills.iter_mut().enumerate() {
            check_skill(&mut v, i, skill);
        }
        v.check(
            self.education.len() > MAX_EDUCATION,
            "education",
            "too_many",
            "List at most 20 entries.",
        );
        for (i, entry) in self.education.iter().enumerate() {
            check_education(&mut v, i, entry, current_year);
        }
        v.finish()?;
        self.headline = blank_to_none(self.headline);
        self.summary = blank_to_none(self.summary);
        self.location = blank_to_none(self.location);
        Ok(self)
    }
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn check_skill(v: &mut Validation, i: usize, skill: &mut ProfileSkill) {
    match skills::normalize_skill(&skill.name) {
        Some(name) => skill.name = name,
        None => v.add(
            &format!("skills[{i}].name"),
            "invalid",
            "Name the skill in 1 to 60 characters.",
        ),
    }
    if !SKILL_LEVELS.contains(&skill.level.as_str()) {
        v.add(
            &format!("skills[{i}].level"),
            "invalid_choice",
            "Choose beginner, intermediate, advanced or expert.",
        );
    }
    if !(0..=60).contains(&skill.years) {
        v.add(
            &format!("skills[{i}].years"),
            "out_of_range",
            "Years must be between 0 and 60.",
        );
    }
}

fn check_education(v: &mut Validation, i: usize, entry: &Education, current_year: i32) {
    v.text(
        &format!("education[{i}].institution"),
        &entry.institution,
        1,
        200,
    );
    v.text(&format!("education[{i}].degree"), &entry.degree, 1, 200);
    v.optional_text(
        &format!("education[{i}].field"),
        entry.field.as_deref(),
        200,
    );
    let years = 1950..=current_year + 10;
    for (name, year) in [
        ("start_year", entry.start_year),
        ("end_year", entry.end_year),
    ] {
        if year.is_some_and(|y| !years.contains(&y)) {
            v.add(
                &format!("education[{i}].{name}"),
                "out_of_range",
                "Enter a plausible year.",
            );
        }
    }
    if let (Some(start), Some(end)) = (entry.start_year, entry.end_year)
        && end < start
    {
        v.add(
            &format!("education[{i}].end_year"),
            "before_start",
            "The end year cannot precede the start year.",
        );
    }
}

/// A plausible phone number: an optional `+`, then 7 to 15 digits, with spaces or
/// hyphens allowed between them.
pub fn valid_phone(raw: &str) -> bool {
    let trimmed = raw.trim();
    let rest = trimmed.strip_prefix('+').unwrap_or(trimmed);
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    rest.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        && (7..=15).contains(&digits)
}

/// What a profile is missing before its owner may apply, in a stable order
/// (`name`, `phone`, `education`, `skills`). Empty when complete.
// The resume requirement of MISSION §3 joins this list with resume uploads.
pub fn missing_for_apply(
    name: &str,
    phone: Option<&str>,
    education: usize,
    skills: usize,
) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if name.trim().is_empty() {
        missing.push("name");
    }
    if phone.is_none_or(|p| p.trim().is_empty()) {
        missing.push("phone");
    }
    if education == 0 {
        missing.push("education");
    }
    if skills == 0 {
        missing.push("skills");
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(name: &str, level: &str, years: i32) -> ProfileSkill {
        ProfileSkill {
            name: name.into(),
            level: level.into(),
            years,
        }
    }

    fn school(start: Option<i32>, end: Option<i32>) -> Education {
        Education {
            institution: "IIT Madras".into(),
            degree: "B.Tech".into(),
            field: Some("Computer Science".into()),
            start_year: start,
            end_year: end,
        }
    }

    #[test]
    fn a_valid_profile_is_normalised() {
        let input = ProfileInput {
            headline: Some("  ".into()),
            phone: Some("+91 98765-43210".into()),
            skills: vec![skill(" Rust ", "advanced", 3)],
            education: vec![school(Some(2016), Some(2020))],
            ..ProfileInput::default()
        };
        let profile = input.validate(2026).expect("valid");
        assert_eq!(profile.headline, None);
        assert_eq!(profile.skills[0].name, "rust");
    }

    #[test]
    fn each_invalid_field_is_reported() {
        let cases = [
            (
                ProfileInput {
                    phone: Some("call me".into()),
                    ..Default::default()
                },
                "phone",
                "invalid",
            ),
            (
                ProfileInput {
                    phone: Some("+12".into()),
                    ..Default::default()
                },
                "phone",
                "invalid",
            ),
            (
                ProfileInput {
                    skills: vec![skill("", "expert", 1)],
                    ..Default::default()
                },
                "skills[0].name",
                "invalid",
            ),
            (
                ProfileInput {
                    skills: vec![skill("go", "guru", 1)],
                    ..Default::default()
                },
                "skills[0].level",
                "invalid_choice",
            ),
            (
                ProfileInput {
                    skills: vec![skill("go", "expert", 99)],
                    ..Default::default()
                },
                "skills[0].years",
                "out_of_range",
            ),
            (
                ProfileInput {
                    education: vec![school(Some(2020), Some(2016))],
                    ..Default::default()
                },
                "education[0].end_year",
                "before_start",
            ),
            (
                ProfileInput {
                    education: vec![school(Some(1800), None)],
                    ..Default::default()
                },
                "education[0].start_year",
                "out_of_range",
            ),
            (
                ProfileInput {
                    education: vec![Education {
                        institution: " ".into(),
                        ..school(None, None)
                    }],
                    ..Default::default()
                },
                "education[0].institution",
                "required",
            ),
        ];
        for (input, field, code) in cases {
            let errors = input.validate(2026).expect_err("invalid");
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
            assert_eq!((errors[0].field.as_str(), errors[0].code), (field, code));
        }
    }

    #[test]
    fn completeness_names_every_missing_part() {
        type Case<'a> = (&'a str, Option<&'a str>, usize, usize, &'a [&'a str]);
        let table: [Case; 4] = [
            ("Asha Rao", Some("+919876543210"), 1, 2, &[]),
            ("Asha Rao", None, 1, 1, &["phone"]),
            (
                "Asha Rao",
                Some(" "),
                0,
                0,
                &["phone", "education", "skills"],
            ),
            (" ", Some("+919876543210"), 1, 0, &["name", "skills"]),
        ];
        for (name, phone, education, skills, expected) in table {
            assert_eq!(
                missing_for_apply(name, phone, education, skills),
                expected.to_vec()
            );
        }
    }
}
