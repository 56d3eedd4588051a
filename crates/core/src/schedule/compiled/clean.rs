//! The check every string read from a compiled file passes: text is cleaned before it is
//! compiled, so an entry holding a control character was not written by hallway (a planted
//! file), and is compiled again from the source.

/// No control character (C0 but a newline where `lines` allows it, DEL, C1) and none of the
/// bidi controls `sanitize` drops (U+061C, U+200E-200F, U+202A-202E, U+2066-2069) in `s`: what
/// `sanitize` leaves. Every string of every talk read passes here, so it is one pass over the
/// bytes (a lead byte is never a continuation byte, so a match on it is exact), after a
/// check of 64-byte blocks of printable ASCII, which the compiler does many bytes at a time.
pub fn clean(s: &str, lines: bool) -> bool {
    let b = s.as_bytes();
    let printable = |block: &[u8]| block.iter().fold(true, |ok, &c| ok & (c.wrapping_sub(0x20) < 0x5F));
    if b.chunks(64).all(printable) {
        return true;
    }
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    for (i, &c) in b.iter().enumerate() {
        let bad = match c {
            b'\n' => !lines,
            0x00..=0x1F | 0x7F => true,
            0xC2 => (0x80..=0x9F).contains(&at(i + 1)),
            0xD8 => at(i + 1) == 0x9C,
            0xE2 => matches!((at(i + 1), at(i + 2)), (0x80, 0x8E | 0x8F | 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)),
            _ => false,
        };
        if bad {
            return false;
        }
    }
    true
}
