//! The password policy: length, character classes, common passwords and the
//! e-mail's local part.
//!
//! The check collects every problem at once so a form can show them together.
//! The list of common passwords is compared lower-cased, both as typed and with
//! trailing digits and symbols removed, so `Password@2025` counts as `password`.

use crate::validation::{FieldError, Validation};

/// The shortest accepted password, in characters.
pub const MIN_LENGTH: usize = 8;
/// The longest accepted password, in characters (hashing cost stays bounded).
pub const MAX_LENGTH: usize = 128;
/// The shortest e-mail local part that a password may not contain.
const MIN_LOCAL_PART: usize = 3;

/// Frequently used passwords, one per line, lower-case.
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// Checks `password` for the account with e-mail `email`, reporting problems on `field`.
pub fn check(field: &str, password: &str, email: &str) -> Result<(), Vec<FieldError>> {
    let mut v = Validation::new();
    let length = password.chars().count();
    v.check(
        length < MIN_LENGTH,
        field,
        "too_short",
        "Use at least 8 characters.",
    );
    v.check(
        length > MAX_LENGTH,
        field,
        "too_long",
        "Use at most 128 characters.",
    );
    v.check(
        !password.chars().any(char::is_uppercase),
        field,
        "missing_upper",
        "Add an upper-case letter.",
    );
    v.check(
        !password.chars().any(char::is_lowercase),
        field,
        "missing_lower",
        "Add a lower-case letter.",
    );
    v.check(
        !password.chars().any(|c| c.is_ascii_digit()),
        field,
        "missing_digit",
        "Add a digit.",
    );
    v.check(
        !password.chars().any(is_special),
        field,
        "missing_special",
        "Add a special character such as ! @ # or $.",
    );
    v.check(
        is_common(password),
        field,
        "common_password",
        "This password is too common; choose another.",
    );
    v.check(
        contains_local_part(password, email),
        field,
        "contains_email",
        "Do not use your e-mail address in the password.",
    );
    v.finish()
}

/// A character that is neither a letter, a digit nor whitespace.
fn is_special(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Whether `password` is on the common list, as typed or without a trailing run
/// of digits and symbols.
pub fn is_common(password: &str) -> bool {
    let lowered = password.to_lowercase();
    let stem = lowered.trim_end_matches(|c: char| c.is_ascii_digit() || is_special(c));
    let listed = |candidate: &str| COMMON_PASSWORDS.lines().any(|line| line == candidate);
    listed(&lowered) || (stem.chars().count() >= 4 && listed(stem))
}

/// Whether `password` contains the local part of `email` (case-insensitive),
/// when that local part is long enough to matter.
fn contains_local_part(password: &str, email: &str) -> bool {
    let Some((local, _)) = email.split_once('@') else {
        return false;
    };
    let local = local.trim().to_lowercase();
    local.chars().count() >= MIN_LOCAL_PART && password.to_lowercase().contains(&local)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn codes(password: &str, email: &str) -> Vec<&'static str> {
        match check("password", password, email) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.code).collect(),
        }
    }

    #[test]
    fn a_strong_password_passes() {
        assert_eq!(
            codes("Tiger$Lake42x", "asha@example.com"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn each_missing_class_is_reported() {
        assert_eq!(codes("Ab1!", "asha@example.com"), vec!["too_short"]);
        assert_eq!(codes("tiger$lake42", "a@x.in"), vec!["missing_upper"]);
        assert_eq!(codes("TIGER$LAKE42", "a@x.in"), vec!["missing_lower"]);
        assert_eq!(codes("Tiger$Lakexx", "a@x.in"), vec!["missing_digit"]);
        assert_eq!(codes("TigerLake42x", "a@x.in"), vec!["missing_special"]);
        assert_eq!(
            codes("short", "a@x.in"),
            vec![
                "too_short",
                "missing_upper",
                "missing_digit",
                "missing_special"
            ]
        );
    }

    #[test]
    fn overly_long_passwords_are_refused() {
        let long = format!("Aa1!{}", "x".repeat(125));
        assert_eq!(codes(&long, "a@x.in"), vec!["too_long"]);
        let fits = format!("Aa1!{}", "x".repeat(124));
        assert_eq!(codes(&fits, "a@x.in"), Vec::<&str>::new());
    }

    #[test]
    fn common_passwords_are_refused_whatever_the_case_or_suffix() {
        assert_eq!(codes("P@ssw0rd", "a@x.in"), vec!["common_password"]);
        assert_eq!(codes("Welcome@123", "a@x.in"), vec!["common_password"]);
        assert_eq!(codes("Password@2031", "a@x.in"), vec!["common_password"]);
        assert!(is_common("QWERTY123"));
        assert!(!is_common("Tiger$Lake42x"));
        assert!(COMMON_PASSWORDS.lines().count() >= 300);
    }

    #[test]
    fn the_email_local_part_is_refused_but_short_ones_are_ignored() {
        assert_eq!(
            codes("xx-ASHA.rao-99!Q", "asha.rao@example.com"),
            vec!["contains_email"]
        );
        assert_eq!(codes("Tiger$Lake42x", "al@example.com"), Vec::<&str>::new());
        assert_eq!(
            codes("Tiger$Lake42al", "al@example.com"),
            Vec::<&str>::new()
        );
    }

    proptest! {
        #[test]
        fn any_password_missing_a_digit_is_refused(pw in "[A-Za-z!@#]{0,40}") {
            let result = codes(&pw, "someone@example.com");
            prop_assert!(result.contains(&"missing_digit"));
        }

        #[test]
        fn a_password_passes_only_with_every_class(pw in "[A-Za-z0-9!@#$ ]{8,60}") {
            let passed = check("password", &pw, "zz@example.com").is_ok();
            let complete = pw.chars().any(|c| c.is_ascii_uppercase())
                && pw.chars().any(|c| c.is_ascii_lowercase())
                && pw.chars().any(|c| c.is_ascii_digit())
                && pw.chars().any(|c| "!@#$".contains(c));
            prop_assert!(!passed || complete);
        }
    }
}
