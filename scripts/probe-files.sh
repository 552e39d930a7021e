#!/usr/bin/env bash
# The adversarial probe, longer than `make test` runs it: every `hostile_*` test of the core
# (damaged files at random offsets, killed backups, zip bombs, hostile archives, an erased person's
# merge, two processes at once, same-name drafts…) with more rounds.
#   scripts/probe-files.sh [ROUNDS]   (default 200; `make test` runs a handful of rounds)
# Each round ends in the right result or a clear French refusal; a failure names the case.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
case "$rounds" in ''|*[!0-9]*) echo "probe-files.sh : nombre de tours invalide « $rounds »" >&2; exit 2 ;; esac
scripts/setup.sh --test
export MAILLAGE_PROBE_ROUNDS="$rounds"
# The `hostile_*` tests of the core's and the CLI's test binaries (the CLI's build the binary they
# drive); one test thread: the probes start processes of their own and kill them, on a 2-core
# machine.
cargo test -p maillage-core -p maillage-cli hostile_ -- --test-threads=1
