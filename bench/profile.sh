#!/usr/bin/env bash
# Where a warm `talks --day 2` spends its time: 300 runs on a day of 1,440 talks (10k talks over
# 7 days, 72 rooms) under `perf record`, samples grouped by what they do (issue 27).
#
#   bash bench/profile.sh [HALLWAY]      (default: build and use target/release/hallway)
#
# Needs perf (linux-perf). The groups are by symbol and library, so they are approximate: a
# page fault taken while copying counts as the kernel's.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v perf >/dev/null || { echo "needs perf (apt-get install -y linux-perf)"; exit 1; }
cargo build --release --quiet --example synth
if [ $# -gt 0 ]; then bin=$(realpath "$1"); else cargo build --release --quiet; bin="$PWD/target/release/hallway"; fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export TZ=UTC HALLWAY_DATA_DIR="$t/data" HALLWAY_CACHE_DIR="$t/cache" HALLWAY_CONFIG="$t/none.toml"
target/release/examples/synth 10000 7 72 "$t/week" 2>/dev/null
"$bin" --schedule "$t/week.json" talks --day 2 >/dev/null
sleep 2.2 # old enough for its stat to be trusted: the runs below are warm
"$bin" --schedule "$t/week.json" talks --day 2 >/dev/null
cp "$bin" "$t/hallway"
perf record -q -o "$t/perf.data" -F 20000 -- sh -c "for i in \$(seq 300); do $t/hallway --schedule $t/week.json talks --day 2 >/dev/null; done" 2>/dev/null
perf report -i "$t/perf.data" --comm hallway --no-children --sort dso,sym -g none --percent-limit 0 2>/dev/null |
  python3 -c '
import re, sys
groups = [
    ("kernel: exec, page faults, reads, exit", lambda d, s: d.startswith("[kernel")),
    ("dynamic loader and C start-up (glibc, libgcc cpu checks)", lambda d, s: d.startswith("ld-linux") or d.startswith("libgcc") or "cpu_indicator" in s or "init_cacheinfo" in s),
    ("malloc, free, memmove", lambda d, s: d.startswith("libc") and re.search(r"malloc|free|mem(move|cpy|set)|realloc|_int_|tcache|consolidate", s)),
    ("argument parsing (clap)", lambda d, s: "clap" in s),
    ("reading the compiled form (rkyv, checksums, checks)", lambda d, s: re.search(r"rkyv|bytecheck|xxh|compiled::|clean", s)),
    ("time zones and dates (chrono)", lambda d, s: re.search(r"chrono|timefmt", s)),
    ("formatting and output (core::fmt, print, JSON)", lambda d, s: re.search(r"fmt|print::|columns::|serde|write_str|emit", s)),
    ("the rest of hallway and std", lambda d, s: True),
]
total = {name: 0.0 for name, _ in groups}
for line in sys.stdin:
    m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[[.k]\]\s+(.*)", line)
    if not m:
        continue
    pct, dso, sym = float(m.group(1)), m.group(2), m.group(3)
    for name, test in groups:
        if test(dso, sym):
            total[name] += pct
            break
all_ = sum(total.values()) or 1
print("| share of the samples in hallway (300 warm runs of talks --day 2, 1,440 lines) | % |")
print("|---|---|")
for name, _ in groups:
    print(f"| {name} | {100 * total[name] / all_:.1f} |")
'
