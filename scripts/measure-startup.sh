#!/usr/bin/env bash
# Start-up of the release app on the demo database against an empty Tauri 2 window built from the
# same lock file: launch → figures on screen, and memory once they are shown (docs/measurements.md,
# « Démarrage »). Prints figures; asserts nothing. Usage: scripts/measure-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
scripts/setup.sh --test
(cd ui && npm run build)
(cd tests/e2e && npm install --no-audit --no-fund --silent)

# The app as it ships (release, the UI inside the binary; no test hooks), and the CLI for the demo.
cargo build --release -p maillage --features custom-protocol
cargo build --release -p maillage-cli

# The empty window: the workspace's lock file copied in first, so that Tauri, wry and the web
# engine bindings are the very versions Maillage uses (cargo drops the entries it does not need).
cp Cargo.lock tests/startup/empty-window/Cargo.lock
CARGO_TARGET_DIR="$PWD/target/startup-empty" cargo build --release --manifest-path tests/startup/empty-window/Cargo.toml

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/maillage-cli --db "$work/demo.sqlite" demo >/dev/null

xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/measure-startup.mjs \
  "$PWD/target/release/maillage" "$PWD/target/startup-empty/release/empty-window" "$work/demo.sqlite" "$runs"
