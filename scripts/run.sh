#!/usr/bin/env bash
# Builds Maillage and opens it on the demonstration database (demo/maillage-demo.sqlite, created
# on first run; delete it to start again). `make run` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/compiler-cache.sh
(cd ui && npm run build)
cargo build --workspace --features maillage/custom-protocol
db="${MAILLAGE_DB:-demo/maillage-demo.sqlite}"
if [ ! -f "$db" ]; then
  mkdir -p "$(dirname "$db")"
  target/debug/maillage-cli --db "$db" demo
fi
echo "==> Maillage sur $db"
exec target/debug/maillage --db "$db"
