//! Sign-up rules besides the password: names, phone numbers, roles, and the
//! work e-mail that employers must use.

use crate::role::Role;
use crate::validation::Validation;

/// Longest first or last name, in characters.
pub const MAX_NAME: usize = 50;

/// Mailbox providers anyone can sign up with; an employer must use a work domain.
const PUBLIC_MAILBOX_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.in",
    "yahoo.in",
    "ymail.com",
    "rocketmail.com",
    "hotmail.com",
    "hotmail.co.in",
    "outlook.com",
    "outlook.in",
    "live.com",
    "live.in",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "protonmail.com",
    "proton.me",
    "pm.me",
    "zoho.com",
    "zohomail.in",
    "gmx.com",
    "gmx.net",
    "mail.com",
    "yandex.com",
    "yandex.ru",
    "rediffmail.com",
    "rediff.com",
    "tutanota.com",
    "fastmail.com",
    "hey.com",
    "inbox.com",
    "mail.ru",
    "qq.com",
    "163.com",
];

/// Whether `email` (already normalised) is at a public mailbox provider.
pub fn is_public_mailbox(email: &str) -> bool {
    email
        .rsplit_once('@')
        .is_some_and(|(_, domain)| PUBLIC_MAILBOX_DOMAINS.contains(&domain))
}

/// Checks that `role` may sign up with `email`, recording problems on `field`.
pub fn check_email_for_role(v: &mut Validation, field: &str, email: &str, role: Role) {
    v.check(
        role == Role::Employer && is_public_mailbox(email),
        field,
        "public_email_domain",
        "Employers sign up with a work e-mail address, not a public mailbox.",
    );
}

/// Checks a first or last name: 1 to 50 characters after trimming.
pub fn check_name(v: &mut Validation, field: &str, name: &str) {
    v.text(field, name, 1, MAX_NAME);
}

/// Normalises a phone number to `+` (when given) and its digits, or `None`
/// when it is not plausibly one: 7 to 15 digits, spaces, dashes, dots and
/// brackets allowed between them.
pub fn normalize_phone(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (plus, rest) = match raw.strip_prefix('+') {
        Some(rest) => ("+", rest),
        None => ("", raw),
    };
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')');
    if !rest.chars().all(allowed) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    (7..=15)
        .contains(&digits.len())
        .then(|| format!("{plus}{digits}"))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn employers_need_a_work_domain() {
        let mut v = Validation::new();
        check_email_for_role(&mut v, "email", "hr@gmail.com", Role::Employer);
        let errors = v.finish().expect_err("public domain refused");
        assert_eq!(errors[0].code, "public_email_domain");
        for (email, role) in [
            ("hr@acme.in", Role::Employer),
            ("asha@gmail.com", Role::JobSeeker),
            ("ravi@proton.me", Role::Interviewer),
        ] {
            let mut v = Validation::new();
            check_email_for_role(&mut v, "email", email, role);
            assert!(v.is_ok(), "{email} as {role}");
        }
        assert!(is_public_mailbox("x@rediffmail.com"));
        assert!(!is_public_mailbox("x@mail.acme.com"));
    }

    #[test]
    fn phones_are_normalised_loosely() {
        assert_eq!(
            normalize_phone(" +91 98765-43210 "),
            Some("+919876543210".into())
        );
        assert_eq!(
            normalize_phone("(022) 2345 6789"),
            Some("02223456789".into())
        );
        assert_eq!(normalize_phone("12345"), None);
        assert_eq!(normalize_phone("+1234567890123456"), None);
        assert_eq!(normalize_phone("98765abc43"), None);
        assert_eq!(normalize_phone("++919876543210"), None);
    }

    proptest! {
        #[test]
        fn normalised_phones_have_7_to_15_digits(raw in "\\+?[0-9 -]{0,25}") {
            if let Some(phone) = normalize_phone(&raw) {
                let digits = phone.trim_start_matches('+').len();
                prop_assert!((7..=15).contains(&digits));
                prop_assert!(phone.trim_start_matches('+').chars().all(|c| c.is_ascii_digit()));
            }
        }
    }
}
