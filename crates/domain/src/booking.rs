//! The rules of a mock-interview request as a seeker submits it: which skills,
//! how long, and what notes. Checked before anything is written or charged.

use crate::skills::{normalize_skill, normalize_skills};
use crate::validation::{FieldError, Validation};

/// The interview lengths a seeker can pick, in minutes.
pub const DURATIONS: [i32; 4] = [30, 45, 60, 90];
/// The most skills one request may name.
pub const MAX_SKILLS: usize = 5;
/// The longest notes accepted, in characters.
pub const MAX_NOTES: usize = 1_000;

/// A request that passed every check, with its skills normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingRequest {
    /// Normalised, de-duplicated skill names, 1 to [`MAX_SKILLS`].
    pub skills: Vec<String>,
    pub duration_minutes: i32,
    /// Trimmed notes; `None` when blank.
    pub notes: Option<String>,
}

/// Checks a request as typed by the seeker and normalises it.
pub fn validate_booking(
    skills: &[String],
    duration_minutes: i32,
    notes: Option<&str>,
) -> Result<BookingRequest, Vec<FieldError>> {
    let mut v = Validation::new();
    let too_long = skills
        .iter()
        .any(|s| !s.trim().is_empty() && normalize_skill(s).is_none());
    v.check(
        too_long,
        "skills",
        "too_long",
        "Each skill must be at most 60 characters.",
    );
    let normalized = normalize_skills(skills.iter().map(String::as_str));
    if normalized.is_empty() {
        v.add("skills", "required", "Pick at least one skill.");
    } else if normalized.len() > MAX_SKILLS {
        v.add(
            "skills",
            "too_many",
            format!("Pick at most {MAX_SKILLS} skills."),
        );
    }
    v.check(
        !DURATIONS.contains(&duration_minutes),
        "duration_minutes",
        "invalid_choice",
        "Pick 30, 45, 60 or 90 minutes.",
    );
    let notes = notes.map(str::trim).filter(|n| !n.is_empty());
    v.optional_text("notes", notes, MAX_NOTES);
    v.finish()?;
    Ok(BookingRequest {
        skills: normalized,
        duration_minutes,
        notes: notes.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skills(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_good_request_is_normalised() {
        let request = validate_booking(&skills(&[" Rust ", "rust", "SQL"]), 60, Some("  hi "))
            .expect("valid");
        assert_eq!(request.skills, vec!["rust", "sql"]);
        assert_eq!(request.notes.as_deref(), Some("hi"));
        let blank = validate_booking(&skills(&["go"]), 30, Some("   ")).expect("valid");
        assert_eq!(blank.notes, None);
    }

    #[test]
    fn every_problem_is_reported() {
        let errors =
            validate_booking(&skills(&[" "]), 50, Some(&"x".repeat(1_001))).expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("skills", "required"),
                ("duration_minutes", "invalid_choice"),
                ("notes", "too_long")
            ]
        );
    }

    #[test]
    fn skill_count_and_length_are_limited() {
        let six = skills(&["a", "b", "c", "d", "e", "f"]);
        assert_eq!(
            validate_booking(&six, 45, None).expect_err("six")[0].code,
            "too_many"
        );
        let five_with_duplicates = skills(&["a", "b", "c", "d", "e", "A"]);
        assert!(validate_booking(&five_with_duplicates, 90, None).is_ok());
        let long = skills(&[&"x".repeat(61)]);
        assert_eq!(
            validate_booking(&long, 45, None).expect_err("long")[0].code,
            "too_long"
        );
        for minutes in DURATIONS {
            assert!(validate_booking(&skills(&["go"]), minutes, None).is_ok());
        }
    }
}
