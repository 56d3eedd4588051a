//! "Did you mean …?" for an id that names no talk: the closest ids, and talks whose id or
//! title holds what was typed (`ebpf` finds `ebpf-vs-sidecars` and "… with eBPF").

use crate::schedule::Schedule;

/// Up to `n` talk indices, closest first.
pub fn closest_talks(s: &Schedule, typed: &str, n: usize) -> Vec<usize> {
    let typed = typed.to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, usize)> = s
        .talks()
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let id = t.id.to_lowercase();
            let similar = strsim::jaro_winkler(&typed, &id);
            // What was typed inside the id or the title counts as much as a near spelling.
            let inside = if id.contains(&typed) {
                0.95
            } else if t.title.to_lowercase().contains(&typed) {
                0.9
            } else {
                0.0
            };
            let score = similar.max(inside);
            (score >= 0.8).then_some((score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(n).map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_or_a_typo_finds_the_talk() {
        let s = crate::schedule::bundled();
        let ids = |typed: &str| -> Vec<String> {
            closest_talks(&s, typed, 3).iter().map(|&i| s.talks()[i].id.clone()).collect()
        };
        assert_eq!(ids("ebfp-vs-sidecars")[0], "ebpf-vs-sidecars");
        assert!(ids("ebpf").contains(&"ebpf-vs-sidecars".to_string()), "{:?}", ids("ebpf"));
        assert!(ids("zzzzzz").is_empty());
    }
}
