#!/usr/bin/env bash
# Builds the installable Debian package with Tauri's official bundler:
# target/release/bundle/deb/Maillage_<version>_amd64.deb. `make package` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd ui && npm run build)
# The Tauri CLI runs from the project root (it finds src-tauri/tauri.conf.json from here).
ui/node_modules/.bin/tauri build --bundles deb
ls -1 target/release/bundle/deb/*.deb
