//! Field-level validation results shared by every input check.
//!
//! A check collects every problem with an input before answering, so a form can
//! show all of them at once. Each problem has a stable machine code and a
//! readable message.

use serde::Serialize;

/// One problem with one input field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The input field, in the request's own naming (`email`, `salary.min`).
    pub field: String,
    /// A stable machine code (`too_short`, `required`).
    pub code: &'static str,
    /// A readable explanation.
    pub message: String,
}

/// A collector of field errors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validation {
    errors: Vec<FieldError>,
}

impl Validation {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem.
    pub fn add(&mut self, field: &str, code: &'static str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        });
    }

    /// Records a problem when `failed` holds.
    pub fn check(&mut self, failed: bool, field: &str, code: &'static str, message: &str) {
        if failed {
            self.add(field, code, message);
        }
    }

    /// Checks a required text's trimmed length in characters, and that it holds no
    /// invisible control or text-direction characters.
    pub fn text(&mut self, field: &str, value: &str, min: usize, max: usize) {
        let len = value.trim().chars().count();
        if has_hidden_characters(value) {
            self.add(
                field,
                "invalid_characters",
                "Remove control or text-direction characters.",
            );
        } else if min > 0 && len == 0 {
            self.add(field, "required", "This field is required.");
        } else if len < min {
            self.add(
                field,
                "too_short",
                format!("Must be at least {min} characters."),
            );
        } else if len > max {
            self.add(
                field,
                "too_long",
                format!("Must be at most {max} characters."),
            );
        }
    }

    /// Checks an optional text's length in characters.
    pub fn optional_text(&mut self, field: &str, value: Option<&str>, max: usize) {
        if let Some(value) = value
            && value.chars().count() > max
        {
            self.add(
                field,
                "too_long",
                format!("Must be at most {max} characters."),
            );
        }
    }

    /// Whether nothing was recorded.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(())` when nothing was recorded, otherwise every recorded problem.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// Whether `value` holds characters a person cannot see but that change what is
/// shown: control characters other than line breaks and tabs, and the Unicode
/// text-direction overrides used to disguise text.
pub fn has_hidden_characters(value: &str) -> bool {
    value.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    })
}

/// Lower-cases and trims an e-mail address; `None` when it is not plausibly one.
pub fn normalize_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let plausible = !local.is_empty()
        && local.len() <= 64
        && email.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@');
    plausible.then_some(email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_problem() {
        let mut v = Validation::new();
        v.text("title", "  ", 1, 10);
        v.text("summary", "abcdefghijkl", 1, 10);
        v.optional_text("notes", Some("ok"), 10);
        let errors = v.finish().expect_err("two problems");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].code, "required");
        assert_eq!(errors[1].code, "too_long");
    }

    #[test]
    fn hidden_characters_are_refused() {
        let mut v = Validation::new();
        v.text("first_name", "Asha\u{7}", 1, 50);
        v.text("title", "evil\u{202E}gpj.exe", 1, 50);
        v.optional_text("notes", Some("line one\nline two\tok"), 100);
        v.text("city", "Bengaluru", 1, 50);
        let errors = v.finish().expect_err("two problems");
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.code == "invalid_characters"));
    }

    #[test]
    fn normalizes_emails() {
        assert_eq!(
            normalize_email("  Asha@Example.COM "),
            Some("asha@example.com".into())
        );
        assert_eq!(normalize_email("no-at-sign"), None);
        assert_eq!(normalize_email("a@b"), None);
        assert_eq!(normalize_email("a b@c.com"), None);
        assert_eq!(normalize_email("@c.com"), None);
    }
}
