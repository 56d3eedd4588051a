#!/usr/bin/env bash
# hallway side by side with what a person would use instead: the same generated conference in
# calcurse and khal (Debian packages; temp dirs, never the real home), the same questions,
# timed with hyperfine in one run, and the ratios the targets are written in (issue 15).
#
#   bash bench/compare.sh [TALKS...]      (default: 1000 10000)
#
# hallway warm: the schedule's compiled form is there (every run after the first).
# hallway cold: the compiled form is removed before each run (parse, answer, compile).
# hallway parse: HALLWAY_NO_CACHE=1, the schedule parsed every run (what every run did before).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
for tool in calcurse khal hyperfine python3; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y $tool)"; exit 1; }; done
cargo build --release --quiet --example synth
cargo build --release --quiet
bin="$PWD/target/release/hallway"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export TZ=UTC HALLWAY_DATA_DIR="$t/data" HALLWAY_CACHE_DIR="$t/cache"
runs=${RUNS:-20}
ratio() { # markdown file from hyperfine --export-json: each command's mean and its ratio to the first
  python3 - "$1" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["mean"]
print("| command | mean | ratio to " + r[0]["command"] + " |")
print("|---|---|---|")
for x in r:
    print(f"| {x['command']} | {x['mean']*1000:.2f} ms ± {x['stddev']*1000:.2f} | {x['mean']/base:.1f}x |")
EOF
}
for n in ${sizes[*]}; do
  target/release/examples/synth --by-days "$n" "$t/s$n" 2>/dev/null
  # The synthetic conference starts 2030-03-01 in Europe/Amsterdam; day 2 is 2030-03-02.
  mkdir -p "$t/cc$n" "$t/kh$n/cal" "$t/home"
  env HOME="$t/home" calcurse -q -D "$t/cc$n" -i "$t/s$n.ics" </dev/null >/dev/null
  printf '[calendars]\n[[c]]\npath = %s\ntype = calendar\n[sqlite]\npath = %s\n[locale]\ntimeformat = %%H:%%M\ndateformat = %%Y-%%m-%%d\nlongdateformat = %%Y-%%m-%%d\ndatetimeformat = %%Y-%%m-%%d %%H:%%M\nlongdatetimeformat = %%Y-%%m-%%d %%H:%%M\ndefault_timezone = Europe/Amsterdam\nlocal_timezone = Europe/Amsterdam\n' \
    "$t/kh$n/cal" "$t/kh$n/khal.db" >"$t/kh$n/config"
  env HOME="$t/home" XDG_DATA_HOME="$t/home" XDG_CACHE_HOME="$t/home" khal -c "$t/kh$n/config" import --batch -a c "$t/s$n.ics" </dev/null
  khal_env="env HOME=$t/home XDG_DATA_HOME=$t/home XDG_CACHE_HOME=$t/home khal -c $t/kh$n/config"
  "$bin" --schedule "$t/s$n.json" talks --day 2 >/dev/null # compile once
  # A file compiled within 2 s of being written is checked by content until a run after that
  # says it is old enough (git's racy-clean rule): that run, then warm runs measure the warm path.
  sleep 2.2; "$bin" --schedule "$t/s$n.json" talks --day 2 >/dev/null
  echo "## $n talks (by days: 20 rooms, 240 talks a day)"
  # One --prepare per command, in order: only the cold runs lose the compiled form.
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$t/day2-$n.json" \
    --prepare true --prepare "rm -rf $t/cache" --prepare true --prepare true --prepare true \
    -n "hallway warm" "$bin --schedule $t/s$n.json talks --day 2" \
    -n "hallway cold" "$bin --schedule $t/s$n.json talks --day 2" \
    -n "hallway parse" "env HALLWAY_NO_CACHE=1 $bin --schedule $t/s$n.json talks --day 2" \
    -n calcurse "env HOME=$t/home calcurse -D $t/cc$n -Q --from 03/02/2030 --days 1" \
    -n khal "$khal_env list 2030-03-02 1d" >/dev/null
  "$bin" --schedule "$t/s$n.json" talks --day 2 >/dev/null
  echo "### list the talks of day 2"; ratio "$t/day2-$n.json"
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$t/at-$n.json" \
    --prepare true --prepare "rm -rf $t/cache" --prepare true \
    -n "hallway warm" "$bin --schedule $t/s$n.json now --at 2030-03-02T10:30:00+01:00" \
    -n "hallway cold" "$bin --schedule $t/s$n.json now --at 2030-03-02T10:30:00+01:00" \
    -n khal "$khal_env at 2030-03-02 10:30" >/dev/null
  echo "### what is on at 10:30 (calcurse has no such query)"; ratio "$t/at-$n.json"
done
