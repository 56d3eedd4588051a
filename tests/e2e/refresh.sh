#!/usr/bin/env bash
# A schedule opened from a URL, served by a local web server, changes while the planner runs in
# tmux at 80x24: a starred talk of the next hour moves to another room and time, a talk saved
# for later gets its video. The running planner notices both without a key pressed, the agenda
# shows the move, the On-demand view marks the video new, and keys answer meanwhile. Then the
# same schedule opened from a file is rewritten while the planner runs, and taken too.
# `HALLWAY_E2E_CAPTURE=FILE` keeps the screens seen.
set -euo pipefail
session="hallway-refresh-$$"
. "$(dirname "$0")/lib.sh"
server_pid=""
cleanup_extra() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi; }
mkdir -p "$work/www" "$work/data" "$work/cache"

talks() { # the second version's changes when $1 is 2
  local soon='"track": "A", "start": "2024-05-02T11:00"' video=''
  if [ "$1" = 2 ]; then soon='"track": "B", "start": "2024-05-02T11:30"'; video=', "video": "https://video.example/later.mp4"'; fi
  cat <<JSON
{"conference": {"id": "live-e2e", "name": "Live Conf", "timezone": "Europe/Brussels", "tracks": ["A", "B"]},
 "talks": [
  {"id": "keep", "title": "Keeps its slot", "speakers": ["Ann"], "track": "A", "start": "2024-05-02T10:00", "duration": 45},
  {"id": "soon", "title": "Starred and soon", "speakers": ["Bo"], $soon, "duration": 30},
  {"id": "later", "title": "Saved for later", "speakers": ["Cy"], "track": "B", "start": "2024-05-02T10:00", "duration": 30$video},
  {"id": "other", "title": "Someone else's", "speakers": ["Di"], "track": "B", "start": "2024-05-02T12:00", "duration": 30}
 ]}
JSON
}
talks 1 >"$work/www/live.json"

# Python's file server answers If-Modified-Since with 304 and a changed file with 200.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >"$work/server.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port/live.json"
python3 - "$url" <<'PY'
import sys, time, urllib.request
for _ in range(50):
    try:
        urllib.request.urlopen(sys.argv[1]).read(); break
    except OSError:
        time.sleep(0.1)
PY

env=(HALLWAY_DATA_DIR="$work/data" HALLWAY_CACHE_DIR="$work/cache" HALLWAY_NO_NOTIFY=1 TZ=Europe/Brussels)
env "${env[@]}" "$bin" --schedule "$url" star keep soon >/dev/null
env "${env[@]}" "$bin" --schedule "$url" later later >/dev/null

keep() { # title: the screen as seen, for the record
  if [ -n "${HALLWAY_E2E_CAPTURE:-}" ]; then
    { echo "--- $1"; tmux capture-pane -p -t "$session"; } >>"$HALLWAY_E2E_CAPTURE"
  fi
}

tmux new-session -d -s "$session" -x 80 -y 24 \
  "env $isolated ${env[*]} HALLWAY_REFRESH_SECONDS=1 '$bin' --schedule '$url' --at '2024-05-02 10:15'; echo EXITED=\$?; sleep 30"
wait_for "Keeps its slot" "first frame"
keep "opened from $url"
sleep 2.5
if tmux capture-pane -p -t "$session" | grep -qF "schedule updated"; then
  echo "FAIL: an unchanged schedule was said to be updated"; tmux capture-pane -p -t "$session"; exit 1
fi
# Keys answer while the refresher asks the server.
tmux send-keys -t "$session" 3
wait_for " your agenda │" "the agenda view (its own header)"

# The organisers publish a new version (dated later: Last-Modified has whole seconds).
talks 2 >"$work/www/live.json.new"
touch -d "@$(($(date +%s) + 5))" "$work/www/live.json.new"
mv "$work/www/live.json.new" "$work/www/live.json"
wait_for "schedule updated" "the running planner notices the new version"
wait_for "moved from Thu 11:00-11:30 to Thu 11:30-12:00" "the move, in the agenda's changes"
keep "the new version arrives, no key pressed (Agenda view)"
tmux send-keys -t "$session" Escape
sleep 0.3
if tmux capture-pane -p -t "$session" | grep -qF "schedule updated"; then
  echo "FAIL: Esc did not dismiss the news"; tmux capture-pane -p -t "$session"; exit 1
fi
wait_for "moved from Thu 11:00-11:30 to Thu 11:30-12:00" "the move stays in the agenda's changes after Esc"
tmux send-keys -t "$session" 4
wait_for "🎬 new" "the On-demand view marks the new video"
wait_for "https://video.example/later.mp4" "the video link"
keep "4: On-demand"
tmux send-keys -t "$session" 1
wait_for "Thu 2 May" "back in the schedule"
keep "1: Schedule"
tmux send-keys -t "$session" R
wait_for "the schedule shown is the newest" "R asks now and answers"

# The server goes away: the copy shown stays, and it is said once.
kill "$server_pid"; server_pid=""
wait_for "could not check for a newer schedule" "offline is said"
keep "the server is gone"
tmux send-keys -t "$session" q
wait_for "EXITED=0" "clean exit"
python3 - "$work/server.log" <<'PY'
import sys
log = open(sys.argv[1]).read()
assert log.count('" 304 ') >= 1, "the unchanged schedule was re-validated, not sent again:\n" + log
PY

# The same from a file fetched by hand (a cron `curl -o`): rewritten while the planner runs.
tmux kill-session -t "$session"
file="$work/live-file.json"
talks 1 >"$file"
env "${env[@]}" "$bin" --schedule "$file" star keep soon >/dev/null
tmux new-session -d -s "$session" -x 80 -y 24 \
  "env $isolated ${env[*]} '$bin' --schedule '$file' --at '2024-05-02 10:15'; echo EXITED=\$?; sleep 30"
wait_for "Keeps its slot" "first frame, from a file"
tmux send-keys -t "$session" 3
wait_for " your agenda │" "the agenda view, from a file"
talks 2 >"$file.new"
mv "$file.new" "$file"
wait_for "schedule updated" "the running planner notices the rewritten file"
wait_for "moved from Thu 11:00-11:30 to Thu 11:30-12:00" "the move, from the file"
keep "the file rewritten, no key pressed (Agenda view)"
tmux send-keys -t "$session" q
wait_for "EXITED=0" "clean exit, from a file"
echo "refresh e2e: 2 passed, 0 failed"
