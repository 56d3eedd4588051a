#!/usr/bin/env bash
# hallway from 100 to 100k talks, warm (compiled form there) and cold (parse and compile), with
# the ratios issue 15 sets as targets, all measured in one run on this machine.
#
#   bash bench/scale.sh [TALKS...]      (default: 100 1000 10000 100000)
#
# The conferences grow by days of 20 rooms and 240 talks (examples/synth --by-days): day 2,
# 10:30 on day 2 and the starred talks of day 2 are the same at every size from 1k, so each
# question has the same answer and only the size around it changes. (100 talks is one day:
# it is asked about day 1.)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-100 1000 10000 100000}")
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install -y hyperfine)"; exit 1; }
cargo build --release --quiet --example synth
cargo build --release --quiet
bin="$PWD/target/release/hallway"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export TZ=UTC HALLWAY_DATA_DIR="$t/data" HALLWAY_CACHE_DIR="$t/cache" HALLWAY_CONFIG="$t/none.toml"
runs=${RUNS:-20}
at="2030-03-02T10:30:00+01:00"
# The planner in a real 80x24 pty (bench/first_frame.py): start to first frame, and start to
# ready (a `q` sent at the first output is answered once the whole schedule is in hand).
frame() { python3 bench/first_frame.py --runs "$runs" "$@" -- "$bin" --schedule "$s" --at "$at"; }
hyperfine -N --warmup 3 --runs 50 --export-json "$t/base.json" -n true "true" -n "hallway --version" "$bin --version" >/dev/null
for n in ${sizes[*]}; do
  target/release/examples/synth --by-days "$n" "$t/s$n" 2>/dev/null
  day=$([ "$n" -lt 480 ] && echo 1 || echo 2)
  s="$t/s$n.json"
  # Three starred talks on the day asked about (positions 250, 300, 400 from 1k talks).
  "$bin" --schedule "$s" star $([ "$day" = 2 ] && echo t250 t300 t400 || echo t10 t20 t30) >/dev/null
  # A file compiled within 2 s of being written is checked by content until a run after that
  # says it is old enough (git's racy-clean rule): that run, then warm runs measure the warm path.
  sleep 2.2; "$bin" --schedule "$s" talks --day "$day" >/dev/null
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$t/warm-$n.json" \
    -n "talks --day $day" "$bin --schedule $s talks --day $day" \
    -n "now" "$bin --schedule $s now --at $at" \
    -n "next" "$bin --schedule $s next --at $at" >/dev/null
  echo "$n $(frame) $(frame --ready)" >>"$t/frames"
  kb=$( { /usr/bin/time -f %M "$bin" --schedule "$s" talks --day "$day" >/dev/null; } 2>&1 | tail -1)
  echo "$n $kb" >>"$t/memory"
  hyperfine -N --warmup 1 --runs "$((runs / 2))" --export-json "$t/cold-$n.json" \
    --prepare "rm -rf $t/cache" --prepare true --prepare "rm -rf $t/cache" \
    -n "talks --day $day" "$bin --schedule $s talks --day $day" \
    -n "parse every run (no compiled form)" "env HALLWAY_NO_CACHE=1 $bin --schedule $s talks --day $day" \
    -n "now" "$bin --schedule $s now --at $at" >/dev/null
  rm -rf "$t/cache"
  echo "$n $(frame --runs 1 --no-warmup)" >>"$t/cold-frames"
  "$bin" --schedule "$s" talks --day "$day" >/dev/null
done
python3 - "$t" ${sizes[*]} <<'EOF'
import json, sys, os
t, sizes = sys.argv[1], [int(x) for x in sys.argv[2:]]
load = lambda name: {r["command"]: r["mean"] * 1000 for r in json.load(open(os.path.join(t, name)))["results"]}
base = load("base.json")
warm = {n: load(f"warm-{n}.json") for n in sizes}
cold = {n: load(f"cold-{n}.json") for n in sizes}
frames = {int(l.split()[0]): [float(x) for x in l.split()[1:]] for l in open(os.path.join(t, "frames"))}
cold_frames = {int(l.split()[0]): [float(x) for x in l.split()[1:]] for l in open(os.path.join(t, "cold-frames"))}
memory = {int(l.split()[0]): int(l.split()[1]) / 1024 for l in open(os.path.join(t, "memory"))}
def row(label, table, key):
    cells = []
    for n in sizes:
        k = [c for c in table[n] if c.startswith(key)]
        cells.append(f"{table[n][k[0]]:.1f} ms" if k else "-")
    print(f"| {label} | " + " | ".join(cells) + " |")
def cells(label, values):
    print(f"| {label} | " + " | ".join(values) + " |")
print(f"`true` {base['true']:.2f} ms, `hallway --version` {base['hallway --version']:.2f} ms\n")
print("| | " + " | ".join(f"{n:,}" for n in sizes) + " |")
print("|---|" + "---|" * len(sizes))
row("talks --day 2, warm", warm, "talks")
row("talks --day 2, cold (parse + compile)", cold, "talks")
row("talks --day 2, parsed every run", cold, "parse")
row("now, warm", warm, "now")
row("now, cold", cold, "now")
row("next, warm", warm, "next")
cells("planner, start to first frame, warm (80x24 pty, median)", [f"{frames[n][0]:.1f} ms" for n in sizes])
cells("planner, start to ready for keys, warm", [f"{frames[n][3]:.1f} ms" for n in sizes])
cells("planner, start to first frame, cold (one run)", [f"{cold_frames[n][0]:.1f} ms" for n in sizes])
cells("peak memory, talks --day (warm)", [f"{memory[n]:.1f} MB" for n in sizes])
cells("peak memory, planner ready (warm)", [f"{frames[n][5]:.1f} MB" for n in sizes])
if 1000 in sizes and 100000 in sizes:
    g = lambda table, n, key: next(v for k, v in table[n].items() if k.startswith(key))
    print("\nTargets (ratios in this run):")
    for key in ("talks", "now", "next"):
        r = g(warm, 100000, key) / g(warm, 1000, key)
        print(f"- {key} warm, 100k / 1k: {r:.2f}x (target <= 1.5x)")
    print(f"- next warm at 100k / hallway --version: {g(warm, 100000, 'next') / base['hallway --version']:.2f}x (target <= 1.3x)")
    print(f"- hallway --version / true: {base['hallway --version'] / base['true']:.2f}x (target <= 1.5x)")
    print(f"- first frame 100k / 1k: {frames[100000][0] / frames[1000][0]:.2f}x (target <= 3x); ready for keys: {frames[100000][3] / frames[1000][3]:.2f}x")
    print(f"- cold open at 100k (parse + compile) / parsed every run: {g(cold, 100000, 'talks') / g(cold, 100000, 'parse'):.2f}x (target <= 1x)")
EOF
