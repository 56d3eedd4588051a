#!/usr/bin/env bash
# Fuzz every schedule reader for a fixed budget: `fuzz/run.sh [seconds per target]` (default 20;
# CI runs it short, run it long locally). Seeds: the real fixtures in tests/fixtures/real and
# the bundled schedules, copied into a scratch corpus (never committed). Needs nightly and
# cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-20}"
fixtures=../tests/fixtures/real
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seed() { # target, files...
  local target=$1; shift
  mkdir -p "$work/$target"
  cp "$@" "$work/$target/"
}
seed native_json ../data/*.json
seed frab_json "$fixtures/frab-camp2019.json" "$fixtures/pretalx-democon-2020.json"
seed sessionize_json "$fixtures/sessionize-orlando-codecamp-2020.json"
seed pentabarf_xml "$fixtures/pentabarf-fosdem-2021.xml" seeds/congress.xml ../tests/fixtures/shapes/congress-night.xml ../tests/fixtures/shapes/india-utc-days.xml
seed ical ../tests/fixtures/shapes/linux-day.ics
# compiled: the first byte picks the mode (see crates/core/src/schedule/compiled/fuzz.rs); 1 damages the
# bundled schedule's compiled form behind valid checksums.
mkdir -p "$work/compiled"
printf '\001\020\000\001\200\000\377' >"$work/compiled/patch"
printf '\000HALLWAYC\001\000\000\000' >"$work/compiled/raw"
printf '\002\000\000\000\000' >"$work/compiled/archive"

cargo +nightly fuzz build -O >/dev/null 2>&1 || cargo +nightly fuzz build -O
status=0
for target in native_json frab_json pentabarf_xml sessionize_json ical compiled; do
  log="$work/$target.log"
  if cargo +nightly fuzz run -O "$target" "$work/$target" -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -max_len=4000000 -timeout=10 >"$log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1)
    echo "fuzz $target: ${runs:-?} executions in ${secs}s, no crash"
  else
    echo "FAIL fuzz $target: crash or error (artifacts in fuzz/artifacts/$target):"
    tail -40 "$log"
    status=1
  fi
done
exit $status
