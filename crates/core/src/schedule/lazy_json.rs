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

/// The whole file as one value, checked for syntax (a syntax error is serde's, with its line).
pub fn root(text: &str) -> Result<Raw<'_>, serde_json::Error> {
    serde_json::from_str(text)
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
        if !is_object(v) {
            return None;
        }
        serde_json::from_str(v.get()).ok()
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

impl<'de> Deserialize<'de> for Object<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Object<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(Text(k)) = m.next_key::<Text<'de>>()? {
                    members.push((k, m.next_value::<Raw<'de>>()?));
                }
                Ok(Object(members))
            }
            // Unused by serde_json (arrays go through `list`), but a visitor must say it.
            fn visit_seq<S: SeqAccess<'de>>(self, _: S) -> Result<Self::Value, S::Error> {
                Err(de::Error::custom("expected an object"))
            }
        }
        d.deserialize_map(V)
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
    fn strings_without_escapes_are_borrowed_from_the_file() {
        let o = Object::of(root(r#"{"plain": "abc", "escaped": "a\u0062c"}"#).unwrap()).unwrap();
        assert!(matches!(str(o.get("plain").unwrap()), Some(Cow::Borrowed("abc"))));
        assert!(matches!(str(o.get("escaped").unwrap()), Some(Cow::Owned(s)) if s == "abc"));
    }
}
