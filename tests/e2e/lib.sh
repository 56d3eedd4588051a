# What the end-to-end scripts share: the build, a scratch folder, isolation, and waiting for a
# screen. Source it first, after `set -euo pipefail`. A script may set `session` before, define
# `cleanup_extra` (run at exit) and its own `screen`.

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cargo build --quiet
bin="$PWD/target/debug/hallway"
work=$(mktemp -d)
session="${session:-hallway-e2e-$$}"

# Nothing of the user's is read or written: agendas, config, caches and crash reports live in
# $work, and no desktop notification is raised. Exported for the commands a script runs itself;
# `$isolated` goes into the commands tmux starts (a tmux server started before this script
# keeps its own environment).
export HALLWAY_DATA_DIR="$work/data" HALLWAY_CONFIG="$work/config.toml" HALLWAY_CACHE_DIR="$work/cache" \
  HALLWAY_STATE_DIR="$work/state" HALLWAY_NO_NOTIFY=1
isolated="HALLWAY_DATA_DIR='$work/data' HALLWAY_CONFIG='$work/config.toml' HALLWAY_CACHE_DIR='$work/cache'"
isolated="$isolated HALLWAY_STATE_DIR='$work/state' HALLWAY_NO_NOTIFY=1"

on_exit() {
  tmux kill-session -t "$session" 2>/dev/null || true
  if declare -F cleanup_extra >/dev/null; then cleanup_extra; fi
  rm -rf "$work"
}
trap on_exit EXIT

# The pane as shown now.
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
