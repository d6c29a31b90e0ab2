//! Skill names as typed by people, normalised so "Rust", " rust " and "RUST" match.

/// The longest skill name accepted.
pub const MAX_SKILL_LEN: usize = 60;

/// Trims, collapses inner whitespace and lower-cases a skill name; `None` when
/// nothing is left or it is too long.
pub fn normalize_skill(raw: &str) -> Option<String> {
    let collapsed = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let len = collapsed.chars().count();
    (len > 0 && len <= MAX_SKILL_LEN).then_some(collapsed)
}

/// Normalises a list, dropping blanks and duplicates while keeping the first order.
pub fn normalize_skills<'a>(raw: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for skill in raw.into_iter().filter_map(normalize_skill) {
        if !out.contains(&skill) {
            out.push(skill);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_match_case_and_space_insensitively() {
        assert_eq!(
            normalize_skill("  System   Design "),
            Some("system design".into())
        );
        assert_eq!(normalize_skill("RUST"), normalize_skill("rust"));
        assert_eq!(normalize_skill("   "), None);
        assert_eq!(normalize_skill(&"x".repeat(61)), None);
        assert_eq!(
            normalize_skills(["Go", "go ", "", "SQL"]),
            vec!["go", "sql"]
        );
    }
}
