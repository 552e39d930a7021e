#!/usr/bin/env bash
# The Windows build of maillage-cli, checked under Wine against the Linux one
# (src-tauri/crates/cli/tests/windows.rs). `make test` calls this; docs/windows.md explains the shim.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
. scripts/compiler-cache.sh

target=x86_64-pc-windows-gnu
cargo build -p maillage-cli --target $target

# A folder of its own for the .exe and the test-only shim: Debian's Wine 8 lacks
# bcryptprimitives.dll (ProcessPrng), which Rust's standard library imports and Windows 10/11 have.
# The shim never goes beside a shipped .exe (scripts/package-windows.sh checks it).
dir=target/windows-test
mkdir -p "$dir"
cp target/$target/debug/maillage-cli.exe "$dir/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$dir/bcryptprimitives.dll" tests/windows/bcryptprimitives.c -ladvapi32

# A fresh Wine prefix (a Windows user profile) each run: the test checks where a first `init`
# puts the database. No Mono or Gecko (their installers would ask, and nothing here needs them).
export WINEPREFIX="$PWD/$dir/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
export WINE=/usr/lib/wine/wine64
rm -rf "$WINEPREFIX"
"$WINE" wineboot --init >/dev/null 2>&1
trap '/usr/lib/wine/wineserver -k 2>/dev/null || true' EXIT

MAILLAGE_WINDOWS_CLI="$PWD/$dir/maillage-cli.exe" \
  cargo test -p maillage-cli --test main windows:: -- --ignored --nocapture
