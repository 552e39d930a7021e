#!/usr/bin/env bash
# Peak memory and time of `maillage-cli import` on zip bombs, on the worst files the import's
# limits let through and on a true 20,000 × 30 list (docs/import.md « Limites »; figures in
# docs/measurements.md). Usage: scripts/probe-import-memory.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-debug}"
flag=(); [ "$profile" = release ] && flag=(--release)
cargo build -q -p maillage-cli "${flag[@]}"
dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT
cargo run -q -p maillage-core "${flag[@]}" --example import_bombs -- "$dir" >/dev/null
cli="target/$profile/maillage-cli"
"$cli" --db "$dir/base.sqlite" init >/dev/null
printf '%-34s %8s %10s %7s  %s\n' fichier Ko "pic (Mo)" "s" "résultat"
for f in "$dir"/*.xlsx "$dir"/*.ods; do
  out="$( { /usr/bin/time -f '%M %e' "$cli" --db "$dir/base.sqlite" import organisations "$f" --dry-run >/dev/null 2>"$dir/err"; } 2>&1 || true)"
  read -r kb secs < <(tail -n1 "$dir/err")
  printf '%-34s %8s %10s %7s  %s\n' "$(basename "$f")" "$(( $(stat -c %s "$f") / 1024 ))" "$(( kb / 1024 ))" "$secs" "$(head -c 110 "$dir/err" | head -n1)"
done
