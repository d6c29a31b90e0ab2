//! Job postings: their life cycle and the rules a posting's fields must meet.
//!
//! A job is written as a draft, published (active), may be paused and resumed,
//! and ends closed or expired. Only drafts may be deleted. The input check
//! collects every problem at once and returns the posting in normal form
//! (trimmed text, normalised skills).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::role::UnknownName;
use crate::skills;
use crate::validation::{FieldError, Validation};

/// How long an active job stays listed after its first publication (*setting*).
pub const JOB_LIFETIME: Duration = Duration::days(90);
/// The most skills one job may list.
pub const MAX_JOB_SKILLS: usize = 30;

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Draft,
    Active,
    Paused,
    Closed,
    Expired,
}

/// Something an employer does to a job's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobMove {
    /// Draft or paused → active.
    Publish,
    /// Active → paused.
    Pause,
    /// Active or paused → closed.
    Close,
}

/// A status change the life cycle does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a {from} job cannot be {attempted}")]
pub struct JobTransitionDenied {
    pub from: JobStatus,
    pub attempted: &'static str,
}

impl JobStatus {
    /// The stored and serialized name.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Draft => "draft",
            JobStatus::Active => "active",
            JobStatus::Paused => "paused",
            JobStatus::Closed => "closed",
            JobStatus::Expired => "expired",
        }
    }

    /// The status after `step`, or why it is not allowed.
    pub fn apply(self, step: JobMove) -> Result<JobStatus, JobTransitionDenied> {
        use JobStatus::*;
        let next = match (self, step) {
            (Draft | Paused, JobMove::Publish) => Some(Active),
            (Active, JobMove::Pause) => Some(Paused),
            (Active | Paused, JobMove::Close) => Some(Closed),
            _ => None,
        };
        next.ok_or(JobTransitionDenied {
            from: self,
            attempted: step.past_tense(),
        })
    }

    /// Whether the posting's fields may still be edited.
    pub fn editable(self) -> bool {
        matches!(
            self,
            JobStatus::Draft | JobStatus::Active | JobStatus::Paused
        )
    }

    /// Whether the job may be deleted (drafts only; published jobs have history).
    pub fn deletable(self) -> bool {
        self == JobStatus::Draft
    }
}

impl JobMove {
    fn past_tense(self) -> &'static str {
        match self {
            JobMove::Publish => "published",
            JobMove::Pause => "paused",
            JobMove::Close => "closed",
        }
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for JobStatus {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use JobStatus::*;
        [Draft, Active, Paused, Closed, Expired]
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// When a job published at `published_at` stops being listed.
pub fn expires_at(published_at: OffsetDateTime) -> OffsetDateTime {
    published_at + JOB_LIFETIME
}

/// Accepted experience levels.
pub const EXPERIENCE_LEVELS: [&str; 8] = [
    "fresher",
    "junior",
    "mid",
    "senior",
    "lead",
    "manager",
    "director",
    "executive",
];

/// Accepted employment types.
pub const EMPLOYMENT_TYPES: [&str; 5] = [
    "full_time",
    "part_time",
    "contract",
    "freelance",
    "internship",
];

/// A job posting as an employer writes it. Salaries are paise per year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobInput {
    pub title: String,
    pub description: String,
    pub requirements: Option<String>,
    pub responsibilities: Option<String>,
    pub benefits: Option<String>,
    pub skills: Vec<String>,
    pub experience_level: String,
    pub employment_type: String,
    pub salary_min: Option<i64>,
    pub salary_max: Option<i64>,
    #[serde(default)]
    pub salary_negotiable: bool,
    #[serde(default = "yes")]
    pub salary_visible: bool,
    pub city: String,
    pub state: Option<String>,
    pub country: String,
    #[serde(default)]
    pub remote: bool,
    #[serde(default)]
    pub hybrid: bool,
    #[serde(default = "one")]
    pub openings: i32,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub deadline: Option<OffsetDateTime>,
}

fn yes() -> bool {
    true
}

fn one() -> i32 {
    1
}

impl JobInput {
    /// Checks every field and returns the posting in normal form, or every problem.
    pub fn validate(mut self, now: OffsetDateTime) -> Result<JobInput, Vec<FieldError>> {
        let mut v = Validation::new();
        v.text("title", &self.title, 3, 200);
        v.text("description", &self.description, 20, 10_000);
        for (field, value) in [
            ("requirements", &self.requirements),
            ("responsibilities", &self.responsibilities),
            ("benefits", &self.benefits),
        ] {
            v.optional_text(field, value.as_deref(), 5_000);
        }
        self.skills = check_skills(&mut v, &self.skills);
        check_choice(
            &mut v,
            "experience_level",
            &self.experience_level,
            &EXPERIENCE_LEVELS,
        );
        check_choice(
            &mut v,
            "employment_type",
            &self.employment_type,
            &EMPLOYMENT_TYPES,
        );
        check_salary(&mut v, self.salary_min, self.salary_max);
        v.text("city", &self.city, 1, 100);
        v.optional_text("state", self.state.as_deref(), 100);
        v.text("country", &self.country, 1, 100);
        v.check(
            !(1..=1000).contains(&self.openings),
            "openings",
            "out_of_range",
            "Openings must be between 1 and 1000.",
        );
        v.check(
            self.deadline.is_some_and(|d| d <= now),
            "deadline",
            "not_in_future",
            "The application deadline must be in the future.",
        );
        v.finish()?;
        Ok(self.trimmed())
    }

    fn trimmed(self) -> JobInput {
        let opt = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        JobInput {
            title: self.title.trim().to_owned(),
            description: self.description.trim().to_owned(),
            requirements: opt(self.requirements),
            responsibilities: opt(self.responsibilities),
            benefits: opt(self.benefits),
            city: self.city.trim().to_owned(),
            state: opt(self.state),
            country: self.country.trim().to_owned(),
            ..self
        }
    }
}

fn check_skills(v: &mut Validation, raw: &[String]) -> Vec<String> {
    let skills = skills::normalize_skills(raw.iter().map(String::as_str));
    let too_long = raw
        .iter()
        .any(|s| s.trim().chars().count() > skills::MAX_SKILL_LEN);
    if too_long {
        v.add(
            "skills",
            "too_long",
            "A skill name is at most 60 characters.",
        );
    } else if skills.is_empty() {
        v.add("skills", "required", "List at least one skill.");
    } else if skills.len() > MAX_JOB_SKILLS {
        v.add("skills", "too_many", "List at most 30 skills.");
    }
    skills
}

fn check_choice(v: &mut Validation, field: &str, value: &str, allowed: &[&str]) {
    if !allowed.contains(&value) {
        v.add(
            field,
            "invalid_choice",
            format!("Choose one of: {}.", allowed.join(", ")),
        );
    }
}

/// The highest yearly salary accepted: ₹100 crore, in paise. Anything above is a typo.
pub const MAX_SALARY_PAISE: i64 = 100 * 10_000_000 * 100;

fn check_salary(v: &mut Validation, min: Option<i64>, max: Option<i64>) {
    for (field, value) in [("salary_min", min), ("salary_max", max)] {
        v.check(
            value.is_some_and(|m| m > MAX_SALARY_PAISE),
            field,
            "too_large",
            "That salary is beyond any real offer; check the amount (it is in paise).",
        );
    }
    v.check(
        min.is_some_and(|m| m < 0),
        "salary_min",
        "negative",
        "A salary cannot be negative.",
    );
    v.check(
        max.is_some_and(|m| m < 0),
        "salary_max",
        "negative",
        "A salary cannot be negative.",
    );
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        v.add(
            "salary_min",
            "greater_than_max",
            "The minimum salary cannot exceed the maximum.",
        );
    }
}

/// The lower-cased text a keyword search looks in: title, description, skills
/// and the company's name.
pub fn search_text(job: &JobInput, company_name: &str) -> String {
    [
        job.title.as_str(),
        job.description.as_str(),
        &job.skills.join(" "),
        company_name,
    ]
    .join("\n")
    .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-03 10:00 UTC);

    #[test]
    fn status_transitions_follow_the_life_cycle() {
        use JobMove::*;
        use JobStatus::*;
        let table = [
            (Draft, Publish, Some(Active)),
            (Draft, Pause, None),
            (Draft, Close, None),
            (Active, Publish, None),
            (Active, Pause, Some(Paused)),
            (Active, Close, Some(Closed)),
            (Paused, Publish, Some(Active)),
            (Paused, Pause, None),
            (Paused, Close, Some(Closed)),
            (Closed, Publish, None),
            (Closed, Pause, None),
            (Closed, Close, None),
            (Expired, Publish, None),
            (Expired, Pause, None),
            (Expired, Close, None),
        ];
        for (from, step, expected) in table {
            assert_eq!(from.apply(step).ok(), expected, "{from} {step:?}");
        }
    }

    #[test]
    fn only_drafts_are_deletable_and_ended_jobs_are_frozen() {
        use JobStatus::*;
        let deletable: Vec<_> = [Draft, Active, Paused, Closed, Expired]
            .into_iter()
            .filter(|s| s.deletable())
            .collect();
        assert_eq!(deletable, vec![Draft]);
        assert!(Paused.editable());
        assert!(!Closed.editable());
        assert!(!Expired.editable());
        assert_eq!("paused".parse::<JobStatus>(), Ok(Paused));
        assert!("archived".parse::<JobStatus>().is_err());
    }

    #[test]
    fn jobs_expire_ninety_days_after_publication() {
        assert_eq!(expires_at(NOW), datetime!(2027-03-03 10:00 UTC));
    }

    fn valid() -> JobInput {
        JobInput {
            title: "  Backend Engineer ".into(),
            description: "Build and run the services behind our marketplace.".into(),
            skills: vec!["Rust".into(), " rust".into(), "PostgreSQL".into()],
            experience_level: "mid".into(),
            employment_type: "full_time".into(),
            salary_min: Some(120_000_000),
            salary_max: Some(200_000_000),
            salary_visible: true,
            city: "Bengaluru".into(),
            country: "India".into(),
            openings: 2,
            deadline: Some(datetime!(2027-01-01 0:00 UTC)),
            ..JobInput::default()
        }
    }

    fn codes(input: JobInput) -> Vec<(String, &'static str)> {
        input
            .validate(NOW)
            .expect_err("invalid")
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_valid_job_comes_back_trimmed_with_normal_skills() {
        let job = valid().validate(NOW).expect("valid");
        assert_eq!(job.title, "Backend Engineer");
        assert_eq!(job.skills, vec!["rust", "postgresql"]);
    }

    #[test]
    fn each_invalid_field_is_reported_with_its_code() {
        let cases: Vec<(JobInput, &str, &str)> = vec![
            (
                JobInput {
                    title: "ab".into(),
                    ..valid()
                },
                "title",
                "too_short",
            ),
            (
                JobInput {
                    description: "short".into(),
                    ..valid()
                },
                "description",
                "too_short",
            ),
            (
                JobInput {
                    skills: vec![" ".into()],
                    ..valid()
                },
                "skills",
                "required",
            ),
            (
                JobInput {
                    skills: (0..31).map(|i| format!("s{i}")).collect(),
                    ..valid()
                },
                "skills",
                "too_many",
            ),
            (
                JobInput {
                    experience_level: "guru".into(),
                    ..valid()
                },
                "experience_level",
                "invalid_choice",
            ),
            (
                JobInput {
                    employment_type: "gig".into(),
                    ..valid()
                },
                "employment_type",
                "invalid_choice",
            ),
            (
                JobInput {
                    salary_min: Some(300),
                    salary_max: Some(200),
                    ..valid()
                },
                "salary_min",
                "greater_than_max",
            ),
            (
                JobInput {
                    salary_max: Some(-1),
                    salary_min: None,
                    ..valid()
                },
                "salary_max",
                "negative",
            ),
            (
                JobInput {
                    city: " ".into(),
                    ..valid()
                },
                "city",
                "required",
            ),
            (
                JobInput {
                    country: String::new(),
                    ..valid()
                },
                "country",
                "required",
            ),
            (
                JobInput {
                    openings: 0,
                    ..valid()
                },
                "openings",
                "out_of_range",
            ),
            (
                JobInput {
                    openings: 1001,
                    ..valid()
                },
                "openings",
                "out_of_range",
            ),
            (
                JobInput {
                    deadline: Some(NOW),
                    ..valid()
                },
                "deadline",
                "not_in_future",
            ),
        ];
        for (input, field, code) in cases {
            assert_eq!(
                codes(input),
                vec![(field.to_owned(), code)],
                "{field} {code}"
            );
        }
    }

    #[test]
    fn search_text_is_lower_cased_and_includes_the_company() {
        let job = valid().validate(NOW).expect("valid");
        let text = search_text(&job, "Acme Labs");
        assert!(text.contains("backend engineer"));
        assert!(text.contains("postgresql"));
        assert!(text.contains("acme labs"));
    }

    #[test]
    fn absurd_salaries_are_refused() {
        let mut v = Validation::new();
        check_salary(&mut v, Some(1), Some(i64::MAX));
        let errors = v.finish().expect_err("too large");
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code),
            ("salary_max", "too_large")
        );
    }
}
