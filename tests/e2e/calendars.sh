#!/usr/bin/env bash
# The .ics export imports into real calendar programs: calcurse and khal (Debian packages; .ci/run
# installs them), each in a throwaway directory, never the real home. Each program's listing of
# titles and start times must equal hallway's own agenda.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
t="$work"
export HALLWAY_DATA_DIR="$t/data" TZ=America/Los_Angeles
for tool in calcurse khal; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed (apt-get install -y calcurse khal)"; exit 1; }
done

"$bin" star ebpf-vs-sidecars extreme-http linux-memory-model >/dev/null
"$bin" later io-uring >/dev/null
"$bin" note extreme-http "sit near the front, bring questions; the demo needs a laptop" >/dev/null
"$bin" export --format ics --include on-demand -o "$t/agenda.ics" 2>/dev/null

# hallway's own view: "YYYY-MM-DD HH:MM title", on-demand ones marked as in the export.
expected=$("$bin" agenda --json | python3 -c '
import json, sys
for t in json.load(sys.stdin):
    title = ("◷ " if t["mark"] == "on-demand" else "") + t["title"]
    print(t["start"][:10], t["start"][11:16], title)' | sort)

calcurse_list() {
  mkdir -p "$t/cc/home" "$t/cc/data"
  local env=(HOME="$t/cc/home" XDG_CONFIG_HOME="$t/cc/home" XDG_DATA_HOME="$t/cc/home")
  report=$(env "${env[@]}" setsid -w calcurse -D "$t/cc/data" -i "$t/agenda.ics" </dev/null 2>&1)
  grep -q "4 apps" <<<"$report" || { echo "FAIL: calcurse import: $report"; exit 1; }
  env "${env[@]}" setsid -w calcurse -D "$t/cc/data" -Q --from 10/19/2022 --days 2 \
    --format-apt '%(start:%Y-%m-%d %H:%M) %m\n' </dev/null | grep -E '^[0-9]{4}-' | sort
}

khal_list() {
  mkdir -p "$t/kh/home" "$t/kh/cal"
  cat >"$t/kh/config" <<CFG
[calendars]
[[agenda]]
path = $t/kh/cal
type = calendar
[sqlite]
path = $t/kh/khal.db
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
CFG
  local env=(HOME="$t/kh/home" XDG_CONFIG_HOME="$t/kh/home" XDG_DATA_HOME="$t/kh/home" XDG_CACHE_HOME="$t/kh/home")
  # Twice: stable UIDs make the second import an update, not duplicates.
  for _ in 1 2; do env "${env[@]}" setsid -w khal -c "$t/kh/config" import --batch -a agenda "$t/agenda.ics" </dev/null; done
  env "${env[@]}" setsid -w khal --no-color -c "$t/kh/config" list -df '' \
    --format '{start-date} {start-time} {title}' 2022-10-19 2d </dev/null | sort
}

fails=0
for tool in calcurse khal; do
  got=$(${tool}_list)
  echo "--- $tool lists:"; echo "$got"
  if [ "$got" != "$expected" ]; then
    echo "FAIL: $tool differs from hallway's agenda:"; diff <(echo "$expected") <(echo "$got") || true
    fails=$((fails + 1))
  fi
done
echo "--- hallway agenda (conference time, $TZ):"; echo "$expected"
[ "$fails" -eq 0 ] || exit 1

# The talk's own page is the event's URL: khal shows it, for a real Congress export.
camp="$PWD/tests/fixtures/real/frab-camp2019.json"
export HALLWAY_DATA_DIR="$t/camp"
"$bin" --schedule "$camp" star c9edea6f-1da1-4772-a0a9-6dd4e33f11bb >/dev/null
"$bin" --schedule "$camp" export --format ics -o "$t/agenda.ics" 2>/dev/null
rm -rf "$t/kh"
page=$("$bin" --schedule "$camp" agenda --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["url"])')
kh_env=(HOME="$t/kh/home" XDG_CONFIG_HOME="$t/kh/home" XDG_DATA_HOME="$t/kh/home" XDG_CACHE_HOME="$t/kh/home")
khal_list >/dev/null
got=$(env "${kh_env[@]}" setsid -w khal --no-color -c "$t/kh/config" list -df '' --format '{title} {url}' 2019-08-21 1d </dev/null)
echo "--- khal lists, with the event's URL:"; echo "$got"
[ "$got" = "card10 Badge $page" ] || { echo "FAIL: khal shows '$got', expected the talk's page $page"; exit 1; }
echo "calendars e2e: calcurse and khal list exactly hallway's agenda; khal keeps the talk's page"
