#!/usr/bin/env bash
# Promise 4 (issue 7): the terminal is always given back. In tmux: SIGTERM, SIGHUP and a panic
# each end hallway with cooked mode, the main screen and a visible cursor restored (and, for the
# panic, a short message naming the report); Ctrl-Z suspends to the shell and `fg` resumes.
set -euo pipefail
session="hallway-sig-$$"
. "$(dirname "$0")/lib.sh"
t="$work"
pass=0
restored() { # what: main screen, cursor shown, cooked mode (stty prints icanon, not -icanon)
  local alt cursor
  alt=$(tmux display -p -t "$session" '#{alternate_on}')
  cursor=$(tmux display -p -t "$session" '#{cursor_flag}')
  [ "$alt" = 0 ] || { echo "FAIL: $1: still on the alternate screen"; screen; exit 1; }
  [ "$cursor" = 1 ] || { echo "FAIL: $1: cursor hidden"; screen; exit 1; }
  wait_for "MODE= icanon" "$1: cooked mode"
  pass=$((pass + 1))
}
start() { # data dir, extra env
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 100 -y 30 \
    "env $isolated HALLWAY_DATA_DIR='$t/$1' HALLWAY_STATE_DIR='$t/state' TZ=UTC $2 '$bin' --at '2022-10-19 09:20'; \
     echo EXITED=\$?; echo MODE=\$(stty -a | grep -o ' -*icanon' | head -1); sleep 60"
  wait_for "eBPF vs Sidecars" "first frame"
}
app_pid() { pgrep -f "^$bin --at" | head -1; }

for sig in TERM HUP; do
  start "data-$sig" ""
  tmux send-keys -t "$session" s
  wait_for '★ starred' "star before SIG$sig"
  kill -s "$sig" "$(app_pid)"
  wait_for "EXITED=0" "clean exit on SIG$sig"
  restored "SIG$sig"
  grep -q '"ebpf-vs-sidecars"' "$t/data-$sig/agendas/p99conf-2022.json" || { echo "FAIL: SIG$sig lost the star"; exit 1; }
done

start "data" "HALLWAY_PANIC_ON_KEY=1"
tmux send-keys -t "$session" j
wait_for "hallway crashed: HALLWAY_PANIC_ON_KEY is set" "short panic message"
wait_for "A report was written to $t/state" "where the report went"
restored "panic"
ls "$t"/state/crash-*.txt >/dev/null || { echo "FAIL: no crash report file"; exit 1; }
if screen | grep -q "stack backtrace"; then echo "FAIL: a wall of backtrace on screen"; screen; exit 1; fi

# Ctrl-Z needs a shell with job control.
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 100 -y 30 "env -i PATH=\$PATH HOME=$t TERM=screen bash --norc --noprofile -i"
sleep 0.5
tmux send-keys -t "$session" "env $isolated TZ=UTC '$bin' --at '2022-10-19 09:20'" Enter
wait_for "eBPF vs Sidecars" "first frame under a shell"
tmux send-keys -t "$session" C-z
wait_for "Stopped" "Ctrl-Z suspends"
[ "$(tmux display -p -t "$session" '#{alternate_on}')" = 0 ] || { echo "FAIL: suspended on the alternate screen"; exit 1; }
tmux send-keys -t "$session" "stty -a | grep -o ' -*icanon' | head -1" Enter
wait_for " icanon" "cooked mode while suspended"
tmux send-keys -t "$session" "fg" Enter
wait_for "v list" "fg resumes the planner (the schedule's own footer)"
tmux send-keys -t "$session" q
sleep 0.5
[ "$(tmux display -p -t "$session" '#{alternate_on}')" = 0 ] || { echo "FAIL: alternate screen after q"; exit 1; }
pass=$((pass + 1))
echo "signals e2e: $pass passed (SIGTERM, SIGHUP, panic, Ctrl-Z), 0 failed"
