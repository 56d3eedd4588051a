# What the end-to-end scripts share. Each sets `session` (its tmux session) before waiting.

# The pane as shown now; a script may define its own `screen` before sourcing this.
if ! declare -F screen >/dev/null; then
  screen() { tmux capture-pane -p -t "$session"; }
fi

# Wait up to 15 s for `text` on screen; else say `what` failed, show the screen and stop.
wait_for() { # text, what
  for _ in $(seq 1 150); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "FAIL: $2: '$1' never appeared. Screen:"; screen; exit 1
}
