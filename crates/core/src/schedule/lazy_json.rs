//! JSON read one level at a time, as slices of the file ([`RawValue`]).
//!
//! A `serde_json::Value` tree costs 30 to 100 bytes for every value in the file, kept or not:
//! an ignored field of a million `{"a":0}` took a frab file of 12 MB to 730 MB. Here a
//! reader opens only the levels it reads: an object is a list of (key, slice) pairs, a value
//! it never asks for is never built, and strings without escapes are borrowed from the file.
//! What stays in memory is what the reader keeps, so memory follows the schedule, not the file.
//! A slice also says where it is in the file, so problems point at the value itself.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// A value of the file, not yet read.
pub type Raw<'a> = &'a RawValue;

/// The whole file as one value, checked for syntax.
pub fn root(text: &str) -> Result<Raw<'_>, Invalid> {
    let root = serde_json::from_str(text).map_err(Invalid::Syntax)?;
    // serde_json checks that a `\u` escape has four hex digits, but pairs surrogates only when
    // it decodes the string, and a value never read is never decoded: half a pair would pass
    // here and fail later as "a string that is not a string". It is a syntax error, said where
    // it is.
    match lone_surrogate(text) {
        Some(at) => Err(Invalid::Surrogate(at)),
        None => Ok(root),
    }
}

/// Why a file is not JSON.
#[derive(Debug)]
pub enum Invalid {
    Syntax(serde_json::Error),
    /// A `\u` escape of half a surrogate pair, at this byte.
    Surrogate(usize),
}

impl Invalid {
    /// As a problem, at its line and column in characters (serde_json counts bytes).
    pub fn problem(&self, text: &str) -> super::Problem {
        let (at, msg) = match self {
            Invalid::Syntax(e) => {
                let msg = e.to_string();
                let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(m, _)| m).to_string();
                let line_start = if e.line() <= 1 {
                    0
                } else {
                    text.match_indices('\n').nth(e.line() - 2).map_or(text.len(), |(i, _)| i + 1)
                };
                ((line_start + e.column().saturating_sub(1)).min(text.len()), msg)
            }
            Invalid::Surrogate(at) => (*at, "a \\u escape names half a character (a lone surrogate)".to_string()),
        };
        super::Problem::at_offset(text.as_bytes(), at, None, format!("invalid JSON: {msg}"))
    }
}

/// Where a `\u` escape of a lone surrogate is, if any. The text is valid JSON, so a backslash
/// is an escape inside a string.
pub(super) fn lone_surrogate(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let hex = |i: usize| text.get(i..i + 4).and_then(|h| u16::from_str_radix(h, 16).ok());
    let mut i = 0;
    // Bounds are checked at every step: the fast reader asks before it knows the text is JSON.
    while let Some(rel) = b.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'\\')) {
        let at = i + rel;
        i = at + 2;
        if b.get(at + 1) != Some(&b'u') {
            continue;
        }
        match hex(at + 2) {
            Some(0xD800..=0xDBFF) => {
                let low = b.get(at + 6..).is_some_and(|r| r.starts_with(b"\\u")).then(|| hex(at + 8)).flatten();
                if !matches!(low, Some(0xDC00..=0xDFFF)) {
                    return Some(at);
                }
                i = at + 12;
            }
            Some(0xDC00..=0xDFFF) => return Some(at),
            _ => i = at + 6,
        }
    }
    None
}

/// Where the value starts in `text` (the file it was read from), in bytes.
pub fn offset(text: &str, v: Raw<'_>) -> usize {
    (v.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len())
}

/// What kind of value it is, for messages ("expected a string, found an array").
pub fn kind(v: Raw<'_>) -> &'static str {
    match v.get().as_bytes().first() {
        Some(b'"') => "a string",
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

pub fn is_object(v: Raw<'_>) -> bool {
    v.get().starts_with('{')
}

pub fn is_null(v: Raw<'_>) -> bool {
    v.get() == "null"
}

/// The text of a string value (borrowed when the file writes it without escapes).
pub fn str(v: Raw<'_>) -> Option<Cow<'_, str>> {
    if !v.get().starts_with('"') {
        return None;
    }
    serde_json::from_str::<Text>(v.get()).ok().map(|t| t.0)
}

pub fn string(v: Raw<'_>) -> Option<String> {
    str(v).map(Cow::into_owned)
}

/// An id as formats write them: a string, or a number as written.
pub fn id(v: Raw<'_>) -> Option<String> {
    match kind(v) {
        "a string" => string(v),
        "a number" => Some(v.get().to_string()),
        _ => None,
    }
}

pub fn bool(v: Raw<'_>) -> Option<bool> {
    match v.get() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

pub fn i64(v: Raw<'_>) -> Option<i64> {
    if kind(v) != "a number" {
        return None;
    }
    serde_json::from_str(v.get()).ok()
}

/// The elements of an array, unread.
pub fn list(v: Raw<'_>) -> Option<Vec<Raw<'_>>> {
    if !v.get().starts_with('[') {
        return None;
    }
    serde_json::from_str(v.get()).ok()
}

/// Each element of an array in turn, unread, without keeping a list of them (an array of a
/// million empty objects is a million problems, not a list of a million slices). False when
/// the value is not an array.
pub fn each<'a>(v: Raw<'a>, f: impl FnMut(Raw<'a>)) -> bool {
    struct Each<F>(F);
    impl<'de, F: FnMut(Raw<'de>)> Visitor<'de> for Each<F> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<S: SeqAccess<'de>>(mut self, mut s: S) -> Result<(), S::Error> {
            while let Some(x) = s.next_element::<Raw<'de>>()? {
                (self.0)(x);
            }
            Ok(())
        }
    }
    if !v.get().starts_with('[') {
        return false;
    }
    serde_json::Deserializer::from_str(v.get()).deserialize_seq(Each(f)).is_ok()
}

/// An object's members in the file's order, values unread.
pub struct Object<'a>(Vec<(Cow<'a, str>, Raw<'a>)>);

impl<'a> Object<'a> {
    pub fn of(v: Raw<'a>) -> Option<Self> {
        Self::read(v, None)
    }

    /// Only the members named `keys` (a reader's own): the others, however many, are never
    /// listed.
    pub fn only(v: Raw<'a>, keys: &'static [&'static str]) -> Option<Self> {
        Self::read(v, Some(keys))
    }

    fn read(v: Raw<'a>, keys: Option<&'static [&'static str]>) -> Option<Self> {
        if !is_object(v) {
            return None;
        }
        let mut de = serde_json::Deserializer::from_str(v.get());
        de::DeserializeSeed::deserialize(Members(keys), &mut de).ok()
    }

    pub fn empty() -> Self {
        Object(Vec::new())
    }

    /// A member by name; of a name given twice, the last (as serde_json's own reading takes).
    /// A linear search: objects of a schedule have tens of members.
    pub fn get(&self, key: &str) -> Option<Raw<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// A member that is there and not null.
    pub fn given(&self, key: &str) -> Option<Raw<'a>> {
        self.get(key).filter(|v| !is_null(v))
    }

    pub fn str(&self, key: &str) -> Option<String> {
        self.get(key).and_then(string)
    }

    pub fn list(&self, key: &str) -> Option<Vec<Raw<'a>>> {
        self.get(key).and_then(list)
    }

    pub fn object(&self, key: &str) -> Option<Object<'a>> {
        self.get(key).and_then(Object::of)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, Raw<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), *v))
    }

    /// The members in the file's order, a name given twice once, with its last value (as
    /// [`get`](Self::get) reads it).
    pub fn unique(&self) -> impl Iterator<Item = (&str, Raw<'a>)> {
        let last: std::collections::HashMap<&str, usize> =
            self.0.iter().enumerate().map(|(i, (k, _))| (k.as_ref(), i)).collect();
        let first: std::collections::HashMap<&str, usize> =
            self.0.iter().enumerate().rev().map(|(i, (k, _))| (k.as_ref(), i)).collect();
        self.0.iter().enumerate().filter(move |(i, (k, _))| first[k.as_ref()] == *i).map(move |(_, (k, _))| {
            let k = k.as_ref();
            (k, self.0[last[k]].1)
        })
    }
}

/// An object's members: all of them, or those whose names are among a reader's keys.
struct Members(Option<&'static [&'static str]>);

impl<'de> de::DeserializeSeed<'de> for Members {
    type Value = Object<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Members {
    type Value = Object<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
        let mut members = Vec::new();
        while let Some(Text(k)) = m.next_key::<Text<'de>>()? {
            let v = m.next_value::<Raw<'de>>()?;
            let Some(keys) = self.0 else {
                members.push((k, v));
                continue;
            };
            // Of a reader's few members, a name given again replaces its value (the last wins,
            // as `get` reads): a million repeats of one member are one member.
            if let Some(slot) = members.iter_mut().find(|(name, _): &&mut (Cow<'de, str>, Raw<'de>)| *name == k) {
                slot.1 = v;
            } else if keys.contains(&k.as_ref()) {
                members.push((k, v));
            }
        }
        Ok(Object(members))
    }
}

/// A string, borrowed from the file when it can be.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_reads_its_members_in_order_and_the_last_of_a_repeated_name_wins() {
        let text = r#"{"a": 1, "b": "x\ny", "a": "two", "c": {"d": [1, {"e": null}]}}"#;
        let o = Object::of(root(text).unwrap()).unwrap();
        assert_eq!(o.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b", "a", "c"]);
        assert_eq!(o.str("a").as_deref(), Some("two"));
        assert_eq!(o.str("b").as_deref(), Some("x\ny"));
        let d = o.object("c").unwrap().list("d").unwrap();
        assert_eq!(i64(d[0]), Some(1));
        assert!(is_null(Object::of(d[1]).unwrap().get("e").unwrap()));
        assert!(Object::of(d[1]).unwrap().given("e").is_none());
        assert_eq!(&text[offset(text, d[1])..offset(text, d[1]) + 1], "{");
    }

    #[test]
    fn a_value_of_another_kind_is_named_not_read() {
        let o = Object::of(root(r#"{"s": [1], "n": 12.5, "t": true, "z": null, "i": 7}"#).unwrap()).unwrap();
        assert_eq!(o.str("s"), None);
        assert_eq!(kind(o.get("s").unwrap()), "an array");
        assert_eq!(kind(o.get("n").unwrap()), "a number");
        assert_eq!(id(o.get("n").unwrap()).as_deref(), Some("12.5"));
        assert_eq!(bool(o.get("t").unwrap()), Some(true));
        assert_eq!(kind(o.get("z").unwrap()), "null");
        assert_eq!(id(o.get("i").unwrap()).as_deref(), Some("7"));
        assert!(Object::of(o.get("s").unwrap()).is_none());
        assert!(list(o.get("n").unwrap()).is_none());
        assert!(!each(o.get("n").unwrap(), |_| {}));
        let mut seen = Vec::new();
        assert!(each(o.get("s").unwrap(), |x| seen.push(i64(x))));
        assert_eq!(seen, [Some(1)]);
    }

    #[test]
    fn half_a_surrogate_pair_is_a_syntax_error_where_it_is() {
        assert!(root(r#"{"a": "\ud83e\udd80 crab", "b": "\\ud800"}"#).is_ok(), "a pair, and an escaped backslash");
        let text = "{\"a\": 1,\n \"é\": \"x\\ud800y\"}";
        let e = root(text).unwrap_err();
        assert_eq!(
            e.problem(text).to_string(),
            "2:9: invalid JSON: a \\u escape names half a character (a lone surrogate)"
        );
        let text = "{\"é\": \"éé\" \"b\": 1}";
        assert!(root(text).unwrap_err().problem(text).to_string().starts_with("1:12: invalid JSON: expected `,`"));
    }

    #[test]
    fn any_text_is_scanned_for_surrogates_without_a_panic() {
        for text in ["\\", "a\\", "\\u", "\\ud800", "\\ud800\\", "\\ud800\\u", "\\ud800\\udc0", "\\uzzzz"] {
            let _ = lone_surrogate(text);
        }
        assert_eq!(lone_surrogate("x\\ud800"), Some(1));
        assert_eq!(lone_surrogate("\\ud800\\udc00"), None);
    }

    #[test]
    fn only_a_readers_own_members_are_listed() {
        let o = Object::only(root(r#"{"a": 1, "x": 2, "a": 3, "y": [4]}"#).unwrap(), &["a", "y"]).unwrap();
        assert_eq!(o.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "y"], "a repeat replaces its value");
        assert_eq!(o.get("a").and_then(i64), Some(3));
        assert_eq!(o.unique().map(|(k, v)| (k, v.get())).collect::<Vec<_>>(), [("a", "3"), ("y", "[4]")]);
        assert!(Object::only(root("[1]").unwrap(), &["a"]).is_none());
    }

    #[test]
    fn strings_without_escapes_are_borrowed_from_the_file() {
        let o = Object::of(root(r#"{"plain": "abc", "escaped": "a\u0062c"}"#).unwrap()).unwrap();
        assert!(matches!(str(o.get("plain").unwrap()), Some(Cow::Borrowed("abc"))));
        assert!(matches!(str(o.get("escaped").unwrap()), Some(Cow::Owned(s)) if s == "abc"));
    }
}
