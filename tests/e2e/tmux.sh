#!/usr/bin/env bash
# End to end through a real terminal: start hallway in tmux, star two clashing talks, resolve
# the clash from the Now view, tick the other one watched in the On-demand view, write a note,
# quit, and check the agenda file on disk and that the terminal was given back.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
data="$HALLWAY_DATA_DIR"
mkdir -p "$data"

# The shell stays after hallway exits so we can look at the restored screen.
tmux new-session -d -s "$session" -x 100 -y 30 \
  "env $isolated TZ=UTC '$bin' --at '2022-10-19 09:20'; echo EXITED=\$?; sleep 30"
wait_for "eBPF vs Sidecars" "first frame"
tmux send-keys -t "$session" s
wait_for '★ starred "eBPF vs Sidecars"' "status after starring"
test -f "$data/agendas/p99conf-2022.json" || { echo "FAIL: agenda not saved at once"; exit 1; }
tmux send-keys -t "$session" l s
wait_for '⚠ clashes with "eBPF vs Sidecars"' "clash flagged at once"
tmux send-keys -t "$session" 2
wait_for "⚠ Two of your starred talks are on at once" "now view warns"
wait_for "50% · 15 min left" "now view progress"
tmux send-keys -t "$session" Home r
wait_for "moved \"Always-on Thread Activity Sampling with eBPF\"" "resolve"
tmux send-keys -t "$session" 4
wait_for "[ ] Wed 19 Oct 09:15-09:40" "on-demand view"
tmux send-keys -t "$session" w
wait_for "[x] Wed 19 Oct 09:15-09:40" "ticked watched"
tmux send-keys -t "$session" n
wait_for "Note on" "note editor"
tmux send-keys -t "$session" "catch the Q&A" Enter
wait_for "note: catch the Q&A" "note shown"
# Another hallway (a second window, a script) stars a talk: this one shows it within seconds.
HALLWAY_DATA_DIR="$data" TZ=UTC "$bin" star misery-metrics >/dev/null
wait_for "↻ your agenda changed in another window" "the running planner notices the other save"
tmux send-keys -t "$session" 3
wait_for "09:40-10:05  ★ Misery Metrics & Consequences" "the other window's star is in the agenda"
wait_for "09:05-09:35  ★ eBPF vs Sidecars" "agenda view"
wait_for "▶ 09:05-09:35  ★ eBPF vs Sidecars" "the agenda opens at its own place, not another view's"
tmux send-keys -t "$session" q
wait_for "EXITED=0" "clean exit"
if tmux capture-pane -p -t "$session" | grep -qF "Main Stage"; then
  echo "FAIL: the app's screen is still shown after quitting"; tmux capture-pane -p -t "$session"; exit 1
fi
python3 - "$data/agendas/p99conf-2022.json" <<'PY'
import json, sys
marks = json.load(open(sys.argv[1]))["marks"]
assert sorted(marks) == ["ebpf-vs-sidecars", "misery-metrics", "thread-sampling-ebpf"], marks
assert marks["ebpf-vs-sidecars"]["mark"] == "attend", marks
other = marks["thread-sampling-ebpf"]
assert other["mark"] == "on-demand" and other["watched"] is True, other
assert other["note"] == "catch the Q&A", other
PY

# A resize before any key is pressed is drawn at once; switching views keeps the schedule's
# place, and t is the one jump to now.
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 100 -y 30 \
  "env $isolated TZ=UTC '$bin' --at '2022-10-19 09:20'; echo EXITED=\$?; sleep 30"
wait_for "eBPF vs Sidecars" "first frame"
tmux resize-window -t "$session" -x 60 -y 20
for _ in $(seq 1 50); do
  last=$(tmux capture-pane -p -t "$session" | sed -n 20p)
  case "$last" in *"q quit"*) break ;; esac
  sleep 0.1
done
case "$last" in *"q quit"*) ;; *) echo "FAIL: no redraw after a resize before the first key:"; tmux capture-pane -p -t "$session"; exit 1 ;; esac
tmux resize-window -t "$session" -x 100 -y 30
wait_for "v list" "redrawn at the old size (the schedule's own footer)"
tmux send-keys -t "$session" G
sleep 0.3
before=$(tmux capture-pane -p -t "$session" | grep -F "▶" | head -1)
tmux send-keys -t "$session" 2 j 1
wait_for "v list" "back in the schedule (its own footer)"
sleep 0.3
after=$(tmux capture-pane -p -t "$session" | grep -F "▶" | head -1)
[ "$before" = "$after" ] || { echo "FAIL: the schedule lost its place: '$before' then '$after'"; exit 1; }
tmux send-keys -t "$session" t
wait_for "▶ 09:05-09:35" "t goes to what is live"
tmux send-keys -t "$session" q
wait_for "EXITED=0" "clean exit"

# A key typed the moment the planner appears is not held back (crossterm's first poll reads it
# into its own buffer; the loop once slept on the terminal with the key waiting there). From a
# compiled schedule and from the bundled one, ten starts each, `q` sent at the first output.
synth="$data/synth.json"
cargo run --quiet --example synth -- --by-days 1000 "$data/synth" 2>/dev/null
for schedule in "$synth" p99conf; do
  HALLWAY_DATA_DIR="$data" HALLWAY_CACHE_DIR="$data/cache" "$bin" --schedule "$schedule" talks --day 1 >/dev/null
  if ! HALLWAY_DATA_DIR="$data" HALLWAY_CACHE_DIR="$data/cache" TZ=UTC \
    timeout 60 python3 bench/first_frame.py --runs 10 --ready -- "$bin" --schedule "$schedule" >/dev/null; then
    echo "FAIL: a key typed as the planner appeared was not answered ($schedule)"; exit 1
  fi
done
echo "tmux e2e: 3 passed, 0 failed"
