//! What a person names on the command line (a room, a track, a kind, a tag, a language),
//! checked against the schedule: a name it does not have is a usage error that lists those
//! it has.

use super::Failure;

/// A room by its name (any case); an unknown one is a usage error that lists the rooms.
pub fn room(s: &crate::schedule::Schedule, name: &str, what: &str) -> Result<usize, Failure> {
    s.room_index(name).ok_or_else(|| {
        let some = crate::schedule::error::first_of(&s.conference.rooms, false);
        Failure::Usage(format!(
            "no {what} '{}' in {}; rooms are: {some}",
            crate::sanitize::line(name),
            s.conference.name
        ))
    })
}

/// A kind or tag no talk has is a mistake (a typo, another conference's word): exit 2 with the
/// values there are, not an empty list.
/// `known` is the schedule's values of that kind, from the [`Choices`](crate::filter::Choices)
/// the caller already has.
pub fn known<S: AsRef<str>>(
    s: &crate::schedule::Schedule,
    what: &str,
    given: &[S],
    known: &[(String, usize)],
) -> Result<(), Failure> {
    let Some(bad) = given.iter().map(AsRef::as_ref).find(|g| !known.iter().any(|(k, _)| k.eq_ignore_ascii_case(g)))
    else {
        return Ok(());
    };
    let mut names: Vec<&str> = known.iter().map(|(k, _)| k.as_str()).take(40).collect();
    if known.len() > names.len() {
        names.push("…");
    }
    let values = if names.is_empty() { "none".to_string() } else { names.join(", ") };
    Err(Failure::Usage(format!(
        "no talk in {} has the {what} '{}'; {what}s are: {values}",
        s.conference.name,
        crate::sanitize::line(bad)
    )))
}
