#!/usr/bin/env bash
# The cost of producing an answer and of the first open (issue 27), as the ratios its targets
# are written in, all measured in one run on this machine:
#
#   bash bench/answers.sh [HALLWAY]      (default: build and use target/release/hallway)
#
# - a day of 1,440 talks (10k talks over 7 days, 72 rooms) listed: calcurse / hallway, and
#   hallway --json / hallway text (calcurse imports the same talks as .ics);
# - the first open of a new 100k-talk file (parse, answer, compile) / parsing it every run;
# - `next` (warm, 1k talks) / `hallway --version`, and `--version` / `true`;
# - the planner ready for keys (80x24 pty), 100k / 1k: `q` (answered from the part drawn
#   first) and `]` then `q` (waits for every talk), with the peak memory of the latter;
# - a 100k-talk file written "just now" (its stat cannot be trusted, git's racy-clean case):
#   what a run costs beyond a warm one, beside `cat FILE` (one read at memory speed).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in calcurse hyperfine python3; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y $tool)"; exit 1; }; done
cargo build --release --quiet --example synth
if [ $# -gt 0 ]; then bin=$(realpath "$1"); else cargo build --release --quiet; bin="$PWD/target/release/hallway"; fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export TZ=UTC HALLWAY_DATA_DIR="$t/data" HALLWAY_CACHE_DIR="$t/cache" HALLWAY_CONFIG="$t/none.toml"
runs=${RUNS:-30}
load=$(cut -d' ' -f1-3 /proc/loadavg)
at="2030-03-02T10:30:00+01:00"
synth=target/release/examples/synth
$synth 10000 7 72 "$t/week" 2>/dev/null
$synth --by-days 1000 "$t/k1" 2>/dev/null
$synth --by-days 100000 "$t/k100" 2>/dev/null
mkdir -p "$t/cc" "$t/home"
env HOME="$t/home" calcurse -q -D "$t/cc" -i "$t/week.ics" </dev/null >/dev/null
for s in week k1 k100; do "$bin" --schedule "$t/$s.json" talks --day 2 >/dev/null; done
# Compiled within 2 s of being written: the run after that says the file is old enough.
sleep 2.2
for s in week k1 k100; do "$bin" --schedule "$t/$s.json" talks --day 2 >/dev/null; done
"$bin" --schedule "$t/k1.json" star t250 t300 t400 >/dev/null
"$bin" --schedule "$t/k100.json" star t250 t300 t400 >/dev/null
lines=$("$bin" --schedule "$t/week.json" talks --day 2 | grep -c '^  [0-9]')
hyperfine -N --warmup 3 --runs "$runs" --export-json "$t/day.json" \
  -n text "$bin --schedule $t/week.json talks --day 2" \
  -n json "$bin --schedule $t/week.json talks --day 2 --json" \
  -n calcurse "env HOME=$t/home calcurse -D $t/cc -Q --from 03/02/2030 --days 1" >/dev/null
# A millisecond each: many runs, or the noise of one slow start is the answer.
hyperfine -N --warmup 20 --runs "$((runs * 10))" --export-json "$t/start.json" \
  -n true "true" -n version "$bin --version" \
  -n next "$bin --schedule $t/k1.json next --at $at" >/dev/null
hyperfine -N --warmup 1 --runs "$((runs / 3))" --export-json "$t/first.json" \
  --prepare "rm -rf $t/cache/compiled" --prepare true \
  -n first "$bin --schedule $t/k100.json talks --day 2" \
  -n parse "env HALLWAY_NO_CACHE=1 $bin --schedule $t/k100.json talks --day 2" >/dev/null
"$bin" --schedule "$t/k100.json" talks --day 2 >/dev/null
# `q` is answered from the part drawn first; `]` may reach another day and waits for the whole,
# so `]q` times start to every talk in hand, and its peak memory is the planner's with all of them.
frame() { python3 bench/first_frame.py --runs "$runs" --ready --keys "$2" -- "$bin" --schedule "$1" --at "$at"; }
ready1=$(frame "$t/k1.json" q)
ready100=$(frame "$t/k100.json" q)
whole1=$(frame "$t/k1.json" ']q')
whole100=$(frame "$t/k100.json" ']q')
# A modification time ahead of the clock keeps the file "just written" for every run.
cp "$t/k100.json" "$t/racy.json"
touch -d '+1 hour' "$t/racy.json"
"$bin" --schedule "$t/racy.json" talks --day 2 >/dev/null
hyperfine -N --warmup 3 --runs "$runs" --export-json "$t/racy-runs.json" \
  -n warm "$bin --schedule $t/k100.json talks --day 2" \
  -n racy "$bin --schedule $t/racy.json talks --day 2" \
  -n cat "cat $t/racy.json" >/dev/null
python3 - "$t" "$lines" "$ready1" "$ready100" "$whole1" "$whole100" "$load" "$(du -h "$t/k100.json" | cut -f1)" <<'EOF'
import json, os, sys
t, lines, ready1, ready100, whole1, whole100, load, size = sys.argv[1:]
def means(name):
    return {r["command"]: r["mean"] * 1000 for r in json.load(open(os.path.join(t, name)))["results"]}
day, start, first, racy = means("day.json"), means("start.json"), means("first.json"), means("racy-runs.json")
r1, r100 = [float(x) for x in ready1.split()], [float(x) for x in ready100.split()]
w1, w100 = [float(x) for x in whole1.split()], [float(x) for x in whole100.split()]
rows = [
    (f"day 2 of 10k talks over 7 days ({lines} lines), calcurse / hallway text",
     f"{day['calcurse'] / day['text']:.1f}x (hallway {day['text']:.1f} ms, calcurse {day['calcurse']:.1f} ms)", ">= 10x"),
    ("the same day as --json / as text",
     f"{day['json'] / day['text']:.2f}x ({day['json']:.1f} vs {day['text']:.1f} ms)", "<= 1.3x"),
    (f"first open of a new 100k file ({size}) / parsing it every run",
     f"{first['first'] / first['parse']:.2f}x ({first['first']:.0f} vs {first['parse']:.0f} ms)", "<= 1.0x"),
    ("next (warm, 1k) / --version",
     f"{start['next'] / start['version']:.2f}x ({start['next']:.2f} vs {start['version']:.2f} ms; --version / true {start['version'] / start['true']:.2f}x)", "<= 1.15x"),
    ("planner ready for keys, 100k / 1k (80x24 pty, median): `q`, answered from the part drawn first",
     f"{r100[0] / r1[0]:.2f}x ({r100[0]:.0f} vs {r1[0]:.0f} ms)", "<= 3x"),
    ("the same with every talk in hand (`]` then `q`), and its peak memory at 100k",
     f"{w100[0] / w1[0]:.2f}x ({w100[0]:.0f} vs {w1[0]:.0f} ms), {w100[2]:.0f} MB (1k: {w1[2]:.0f} MB)", "<= 3x, <= 40 MB"),
    ("a 100k file written just now: a run beyond a warm one (cat of the file)",
     f"{racy['racy'] - racy['warm']:.1f} ms ({racy['racy']:.1f} vs {racy['warm']:.1f} ms; cat {racy['cat']:.1f} ms)", "<= 10 ms"),
]
print(f"load average before the run: {load}\n")
print("| measured side by side, one run | now | target |")
print("|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
EOF
