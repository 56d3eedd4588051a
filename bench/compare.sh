#!/usr/bin/env bash
# hallway side by side with what a person would use instead: the same generated conference in
# calcurse and khal (Debian packages; temp dirs, never the real home), the same two questions,
# timed with hyperfine one after another.
#
#   bash bench/compare.sh [TALKS...]      (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000}")
for tool in calcurse khal hyperfine; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y $tool)"; exit 1; }; done
cargo build --release --quiet --example synth
cargo build --release --quiet
bin="$PWD/target/release/hallway"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export TZ=UTC HALLWAY_DATA_DIR="$t/data"
for n in ${sizes[*]}; do
  tracks=$([ "$n" -le 1000 ] && echo 20 || echo 60)
  target/release/examples/synth "$n" 7 "$tracks" "$t/s$n" 2>/dev/null
  # The synthetic conference starts 2030-03-01 in Europe/Amsterdam; day 2 is 2030-03-02.
  mkdir -p "$t/cc$n" "$t/kh$n/cal" "$t/home"
  env HOME="$t/home" calcurse -q -D "$t/cc$n" -i "$t/s$n.ics" </dev/null >/dev/null
  printf '[calendars]\n[[c]]\npath = %s\ntype = calendar\n[sqlite]\npath = %s\n[locale]\ntimeformat = %%H:%%M\ndateformat = %%Y-%%m-%%d\nlongdateformat = %%Y-%%m-%%d\ndatetimeformat = %%Y-%%m-%%d %%H:%%M\nlongdatetimeformat = %%Y-%%m-%%d %%H:%%M\ndefault_timezone = Europe/Amsterdam\nlocal_timezone = Europe/Amsterdam\n' \
    "$t/kh$n/cal" "$t/kh$n/khal.db" >"$t/kh$n/config"
  env HOME="$t/home" XDG_DATA_HOME="$t/home" XDG_CACHE_HOME="$t/home" khal -c "$t/kh$n/config" import --batch -a c "$t/s$n.ics" </dev/null
  echo "## $n talks, $tracks tracks"
  hyperfine -N --warmup 2 --runs 10 --export-markdown "$t/day2-$n.md" \
    -n hallway "$bin --schedule $t/s$n.json talks --day 2" \
    -n calcurse "env HOME=$t/home calcurse -D $t/cc$n -Q --from 03/02/2030 --days 1" \
    -n khal "env HOME=$t/home XDG_DATA_HOME=$t/home XDG_CACHE_HOME=$t/home khal -c $t/kh$n/config list 2030-03-02 1d" >/dev/null
  echo "### list the talks of day 2"; cat "$t/day2-$n.md"
  hyperfine -N --warmup 2 --runs 10 --export-markdown "$t/at-$n.md" \
    -n hallway "$bin --schedule $t/s$n.json now --at 2030-03-02T10:30:00+01:00" \
    -n khal "env HOME=$t/home XDG_DATA_HOME=$t/home XDG_CACHE_HOME=$t/home khal -c $t/kh$n/config at 2030-03-02 10:30" >/dev/null
  echo "### what is on at 10:30 (calcurse has no such query)"; cat "$t/at-$n.md"
done
