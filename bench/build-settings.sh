#!/usr/bin/env bash
# What each release build setting does to process start and binary size: builds hallway once
# per setting (each in its own target dir under $BUILDS, default /tmp/hallway-builds) and
# times `hallway --version` and a warm `hallway next` against `true`, in one hyperfine run.
#
#   bash bench/build-settings.sh
#
# Settings are given as cargo's CARGO_PROFILE_RELEASE_* variables and RUSTFLAGS; the build
# uses --target so RUSTFLAGS reach hallway and its libraries, not build scripts or proc macros.
set -euo pipefail
cd "$(dirname "$0")/.."
builds=${BUILDS:-/tmp/hallway-builds}
triple=$(rustc -vV | sed -n 's/^host: //p')
mkdir -p "$builds"
declare -A settings=(
  [as-released]=""
  [unwind-thin-pie]="CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16"
  [abort]="CARGO_PROFILE_RELEASE_PANIC=abort CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16"
  [lto-fat-cgu1]="CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1"
  [static-relocation]="CARGO_PROFILE_RELEASE_PANIC=unwind CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 RUSTFLAGS=-Crelocation-model=static"
  [all-four]="CARGO_PROFILE_RELEASE_PANIC=abort CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 RUSTFLAGS=-Crelocation-model=static"
)
read -r -a order <<<"${ORDER:-unwind-thin-pie abort lto-fat-cgu1 static-relocation all-four as-released}"
# Built from the last commit, not the working tree: edits made meanwhile do not mix in.
src="$builds/source"
rm -rf "$src" && mkdir -p "$src" && git archive HEAD | tar -x -C "$src"
for name in "${order[@]}"; do
  echo "building $name: ${settings[$name]:-Cargo.toml as it is}" >&2
  # shellcheck disable=SC2086
  (cd "$src" && env ${settings[$name]} CARGO_TARGET_DIR="$builds/$name" cargo build --release --quiet --target "$triple" --bin hallway)
done
cargo build --release --quiet --example synth
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export TZ=UTC HALLWAY_DATA_DIR="$t/data" HALLWAY_CACHE_DIR="$t/cache" HALLWAY_CONFIG="$t/none.toml"
target/release/examples/synth --by-days 1000 "$t/s" 2>/dev/null
args=(-n true true)
for name in "${order[@]}"; do
  bin="$builds/$name/$triple/release/hallway"
  "$bin" --schedule "$t/s.json" star t250 t300 >/dev/null
  "$bin" --schedule "$t/s.json" next >/dev/null
  args+=(-n "$name --version" "$bin --version" -n "$name next" "$bin --schedule $t/s.json next --at 2030-03-02T10:30:00+01:00")
done
hyperfine -N --warmup 5 --runs "${RUNS:-100}" --export-json "$t/r.json" "${args[@]}" >/dev/null
python3 - "$t/r.json" "$builds" "$triple" "${order[@]}" <<'EOF'
import json, os, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
builds, triple, order = sys.argv[2], sys.argv[3], sys.argv[4:]
true = r["true"]["mean"]
print(f"`true`: {true*1000:.2f} ms\n")
print("| setting | binary | `--version` | ratio to `true` | `next` (1k talks, warm) | ratio to `--version` |")
print("|---|---|---|---|---|---|")
for name in order:
    size = os.path.getsize(os.path.join(builds, name, triple, "release", "hallway")) / 1e6
    v, n = r[f"{name} --version"], r[f"{name} next"]
    print(f"| {name} | {size:.1f} MB | {v['mean']*1000:.2f} ± {v['stddev']*1000:.2f} ms | {v['mean']/true:.2f}x "
          f"| {n['mean']*1000:.2f} ± {n['stddev']*1000:.2f} ms | {n['mean']/v['mean']:.2f}x |")
EOF
