#!/usr/bin/env bash
# Runs every test of Maillage, from the core up to the real app under Xvfb.
# `make test` and `.ci/run` call this. Installs what is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never INSTA_UPDATE=no
# The LibreOffice check of the exported workbooks fails, not skips, without LibreOffice.
export MAILLAGE_REQUIRE_LIBREOFFICE=1

step() { printf '\n==> %s\n' "$*"; }

step "Dépendances"
scripts/setup.sh --test
. scripts/compiler-cache.sh
# The cache's server is not left running after the tests (it would stop by itself after 10 minutes).
[ -n "${RUSTC_WRAPPER:-}" ] && trap 'sccache --stop-server >/dev/null 2>&1 || true' EXIT

step "Cœur : tests Rust (base SQLite réelle, CLI, schéma, liaisons TypeScript)"
# Every crate of the core and the CLI (the workspace's default members: not the Tauri shell,
# tested below once the UI is built).
cargo test

step "Windows : maillage-cli.exe sous Wine, mêmes chiffres que sous Linux"
scripts/test-windows.sh

step "Interface : construction (ui/build est embarqué dans l'application)"
(cd ui && npm run build)

step "Application : construction et tests de la coquille Tauri"
cargo build --workspace --features maillage/custom-protocol,maillage/test-hooks
cargo test -p maillage --features custom-protocol

step "Interface : vérification des types, tests unitaires, tests dans Chromium"
(cd ui && npm run check && npm test && npm run test:browser)

step "Bout en bout : l'application réelle sous Xvfb (tauri-driver + WebKitWebDriver)"
# The messy contact list the import test brings in (tests/common/messy.rs).
cargo run -q -p maillage-core --example messy_spreadsheet -- target/e2e/fixtures >/dev/null
xvfb-run -a -s "-screen 0 1280x800x24" npm --prefix tests/e2e test
echo "Captures d'écran : target/e2e/ et target/ui-screenshots/"
