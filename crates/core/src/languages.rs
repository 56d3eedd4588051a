//! Languages talks are given in: their names for people, their stop words for suggestions.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The languages whose names and stop words hallway knows, by ISO 639-1 code. The stop-words
/// crate panics on a code it does not have, so only these are ever asked for.
const KNOWN: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("pt", "Portuguese"),
    ("pl", "Polish"),
    ("cs", "Czech"),
    ("sv", "Swedish"),
    ("da", "Danish"),
    ("fi", "Finnish"),
    ("no", "Norwegian"),
    ("ru", "Russian"),
    ("tr", "Turkish"),
    ("hu", "Hungarian"),
];

/// "German (de)" for `de`, "German, English (de, en)" for `de, en`; an unknown code as it is.
pub fn name(codes: &str) -> String {
    let names: Vec<&str> =
        codes.split(", ").map(|c| KNOWN.iter().find(|(k, _)| *k == c).map_or(c, |(_, n)| *n)).collect();
    let named = names.join(", ");
    if named == codes { named } else { format!("{named} ({codes})") }
}

/// The words that say nothing about a talk in the language `code` (`de`), read once.
pub fn stop_words(code: &str) -> Option<&'static HashSet<String>> {
    static SETS: OnceLock<Vec<OnceLock<HashSet<String>>>> = OnceLock::new();
    let at = KNOWN.iter().position(|(k, _)| *k == code)?;
    let sets = SETS.get_or_init(|| KNOWN.iter().map(|_| OnceLock::new()).collect());
    Some(sets[at].get_or_init(|| stop_words::get(KNOWN[at].0).into_iter().collect()))
}

/// A language as files write it (`de`, `EN`, `de, en`, `German`): lowercase codes joined by
/// ", ", or None for nothing.
pub fn normalize(s: &str) -> Option<String> {
    let codes: Vec<String> = crate::sanitize::line(s)
        .split([',', '/', ';', ' '])
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .map(|c| match c.as_str() {
            "english" => "en".into(),
            "german" | "deutsch" => "de".into(),
            "french" | "français" | "francais" => "fr".into(),
            "spanish" | "español" | "espanol" => "es".into(),
            _ => c,
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let codes: Vec<String> = codes.into_iter().filter(|c| seen.insert(c.clone())).take(4).collect();
    (!codes.is_empty()).then(|| codes.join(", ").chars().take(40).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_stop_words() {
        assert_eq!(name("de"), "German (de)");
        assert_eq!(name("de, en"), "German, English (de, en)");
        assert_eq!(name("tlh"), "tlh");
        let de = stop_words("de").unwrap();
        for w in ["können", "dagegen", "werden", "wenn"] {
            assert!(de.contains(w), "{w}");
        }
        assert!(stop_words("tlh").is_none(), "an unknown code is no panic");
        for (code, _) in KNOWN {
            assert!(!stop_words(code).unwrap().is_empty(), "{code}");
        }
    }
}
