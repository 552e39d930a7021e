#!/usr/bin/env bash
# Installs everything Maillage needs on a fresh Debian/Ubuntu machine, and nothing twice:
# each step checks first, so running it on a ready machine takes a second.
#   scripts/setup.sh          build + run dependencies
#   scripts/setup.sh --test   also the test dependencies (Xvfb, WebKitWebDriver, Chromium, tauri-driver,
#                             and the Windows CLI's check: mingw-w64, Wine, Rust's Windows target)
#   scripts/setup.sh --windows  what the Windows build needs (scripts/package-windows.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0 want_windows=0
for arg in "$@"; do
  case "$arg" in
    --test) want_tests=1 ;;
    --windows) want_windows=1 ;;
    *) echo "setup.sh : option inconnue « $arg » (--test, --windows)" >&2; exit 2 ;;
  esac
done

# Debian packages Tauri 2 needs on Linux (https://v2.tauri.app/start/prerequisites/).
# libclang-dev: the bindings of SQLite's session extension (the laptop copy's merge) are generated
# at build time; perl: OpenSSL, built from source for SQLCipher, configures itself with it.
# sccache: the compiler cache of the build scripts (scripts/compiler-cache.sh).
apt_pkgs=(build-essential pkg-config file curl wget libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
          libayatana-appindicator3-dev librsvg2-dev fonts-dejavu-core libclang-dev perl sccache)
# Test-only: a display server, the WebKit WebDriver for end-to-end tests, Chromium for UI tests.
# tzdata: the core's tests read dates in Europe/Paris, the agency's time zone. poppler-utils:
# the badges, labels and letters printed to PDF by Chromium are read back (pdfinfo, pdftotext).
# python3-icalendar, python3-vobject: the .ics files are read back by the parsers mail clients use.
# libreoffice-calc-nogui: the exported workbooks are opened, recalculated and printed by LibreOffice
# (tests/libreoffice.rs); fonts-crosextra-carlito: Calibri's metrics, so that pages break as in Excel.
# libreoffice-writer-nogui: the activity report's ODT and DOCX are converted by LibreOffice Writer
# (crates/cli/tests/report.rs).
[ $want_tests = 1 ] && apt_pkgs+=(xvfb webkit2gtk-driver chromium tzdata poppler-utils python3-icalendar python3-vobject
                                  libreoffice-calc-nogui libreoffice-writer-nogui fonts-crosextra-carlito)
# Windows from Linux (docs/windows.md): the mingw-w64 cross-compiler and linker, Wine to run the
# Windows CLI in the tests; makensis (installer) and 7z (zip, and the check of both) to package.
[ $want_tests = 1 ] || [ $want_windows = 1 ] && apt_pkgs+=(mingw-w64 wine64)
[ $want_windows = 1 ] && apt_pkgs+=(nsis p7zip-full)

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Paquets Debian à installer : ${missing[*]}"
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "Rust (cargo) est introuvable : installez-le avec rustup." >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js et npm sont introuvables : installez Node.js 20 ou plus." >&2; exit 1; }

# Rust's standard library for Windows (the toolchain itself is rustup's).
if { [ $want_tests = 1 ] || [ $want_windows = 1 ]; } && ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "==> rustup target add x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi

# npm packages, reinstalled only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "==> npm install dans $dir"
    # Not `npm ci`: npm 11 writes lock files without other platforms' optional packages and its
    # own `npm ci` then rejects them. `install --no-save` installs the locked versions and
    # leaves the lock file untouched.
    (cd "$dir" && npm install --no-save --no-audit --no-fund)
  fi
}
npm_install ui
[ $want_tests = 1 ] && npm_install tests/e2e

# tauri-driver wraps WebKitWebDriver for the end-to-end tests.
if [ $want_tests = 1 ] && ! command -v tauri-driver >/dev/null; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --version "^2" --locked
fi
exit 0
