//! Interviewers: the profile an admin reviews, its approval states, and the
//! checks on what an interviewer writes about themselves.

use std::fmt;
use std::str::FromStr;

use crate::role::UnknownName;
use crate::skills::{normalize_skill, normalize_skills};
use crate::validation::{FieldError, Validation};

/// Where an interviewer's application to the marketplace stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApprovalStatus {
    /// Waiting for an admin.
    Pending,
    /// May see and claim requests.
    Approved,
    /// Turned down with a reason; editing the profile asks again.
    Rejected,
}

impl ApprovalStatus {
    /// The stored and serialized name.
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalStatus::Pending => "pending",
            ApprovalStatus::Approved => "approved",
            ApprovalStatus::Rejected => "rejected",
        }
    }

    /// A human label for pages.
    pub fn label(self) -> &'static str {
        match self {
            ApprovalStatus::Pending => "Waiting for review",
            ApprovalStatus::Approved => "Approved",
            ApprovalStatus::Rejected => "Not approved",
        }
    }
}

impl fmt::Display for ApprovalStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApprovalStatus {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "pending" => Ok(ApprovalStatus::Pending),
            "approved" => Ok(ApprovalStatus::Approved),
            "rejected" => Ok(ApprovalStatus::Rejected),
            other => Err(UnknownName(other.to_owned())),
        }
    }
}

/// The most skills one interviewer may list.
pub const MAX_SKILLS: usize = 20;

/// A profile as submitted, before it is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileDraft {
    pub skills: Vec<String>,
    pub years_experience: i64,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub bio: Option<String>,
    pub timezone: String,
}

/// A checked profile: skills normalised and deduplicated, texts trimmed, blanks as `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub skills: Vec<String>,
    pub years_experience: i32,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub bio: Option<String>,
    pub timezone: String,
}

impl ProfileDraft {
    /// Checks every field at once.
    pub fn validate(self) -> Result<Profile, Vec<FieldError>> {
        let mut v = Validation::new();
        for (i, raw) in self.skills.iter().enumerate() {
            v.check(
                !raw.trim().is_empty() && normalize_skill(raw).is_none(),
                &format!("skills[{i}]"),
                "too_long",
                "A skill name has at most 60 characters.",
            );
        }
        let skills = normalize_skills(self.skills.iter().map(String::as_str));
        v.check(
            skills.is_empty(),
            "skills",
            "required",
            "List at least one skill you can interview for.",
        );
        v.check(
            skills.len() > MAX_SKILLS,
            "skills",
            "too_many",
            "List at most 20 skills.",
        );
        v.check(
            !(0..=60).contains(&self.years_experience),
            "years_experience",
            "out_of_range",
            "Years of experience must be between 0 and 60.",
        );
        let title = blank_to_none(self.current_title);
        let company = blank_to_none(self.current_company);
        let bio = blank_to_none(self.bio);
        v.optional_text("current_title", title.as_deref(), 120);
        v.optional_text("current_company", company.as_deref(), 120);
        v.optional_text("bio", bio.as_deref(), 2_000);
        let timezone = self.timezone.trim().to_owned();
        v.check(
            !plausible_timezone(&timezone),
            "timezone",
            "invalid_timezone",
            "Use an IANA time zone name such as Asia/Kolkata, or UTC.",
        );
        v.finish()?;
        Ok(Profile {
            skills,
            years_experience: i32::try_from(self.years_experience).unwrap_or_default(),
            current_title: title,
            current_company: company,
            bio,
            timezone,
        })
    }
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// A loose check of an IANA zone name (`Area/Location`) or `UTC`.
pub fn plausible_timezone(name: &str) -> bool {
    if name == "UTC" {
        return true;
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+');
    name.len() <= 64
        && name.contains('/')
        && !name.starts_with('/')
        && !name.ends_with('/')
        && name.chars().all(allowed)
}

/// Checks an admin's reason for rejecting an interviewer: 3 to 500 characters.
pub fn validate_rejection_reason(reason: &str) -> Result<String, Vec<FieldError>> {
    let mut v = Validation::new();
    v.text("reason", reason, 3, 500);
    v.finish()?;
    Ok(reason.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ProfileDraft {
        ProfileDraft {
            skills: vec!["Rust ".into(), "rust".into(), " System  Design".into()],
            years_experience: 8,
            current_title: Some(" Staff Engineer ".into()),
            current_company: Some("  ".into()),
            bio: None,
            timezone: "Asia/Kolkata".into(),
        }
    }

    #[test]
    fn a_profile_is_normalised() {
        let profile = draft().validate().expect("valid");
        assert_eq!(profile.skills, ["rust", "system design"]);
        assert_eq!(profile.current_title.as_deref(), Some("Staff Engineer"));
        assert_eq!(profile.current_company, None);
    }

    #[test]
    fn a_bad_profile_reports_every_field() {
        let bad = ProfileDraft {
            skills: vec![" ".into()],
            years_experience: 61,
            bio: Some("b".repeat(2_001)),
            timezone: "Kolkata".into(),
            ..draft()
        };
        let errors = bad.validate().expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["skills", "years_experience", "bio", "timezone"]);
        let many = ProfileDraft {
            skills: (0..21).map(|i| format!("skill {i}")).collect(),
            ..draft()
        };
        assert_eq!(many.validate().expect_err("too many")[0].code, "too_many");
    }

    #[test]
    fn timezones_are_checked_loosely() {
        assert!(plausible_timezone("UTC"));
        assert!(plausible_timezone("America/Argentina/Buenos_Aires"));
        assert!(plausible_timezone("Etc/GMT+5"));
        assert!(!plausible_timezone("utc"));
        assert!(!plausible_timezone("/Kolkata"));
        assert!(!plausible_timezone("Asia/Kolkata; DROP"));
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        assert!(validate_rejection_reason("  ").is_err());
        assert!(validate_rejection_reason("no").is_err());
        assert_eq!(
            validate_rejection_reason(" Too little experience. ").expect("ok"),
            "Too little experience."
        );
        assert!(validate_rejection_reason(&"r".repeat(501)).is_err());
    }
}
