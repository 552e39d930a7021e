#!/usr/bin/env bash
# The Windows build, made on Linux (docs/windows.md): `make package-windows` calls this.
#   target/windows/Maillage_<version>_x64-setup.exe     per-user installer (NSIS, no admin rights)
#   target/windows/Maillage_<version>_x64-portable.zip  the same files, nothing to install
# Ends by checking both (scripts/check-windows-package.sh): a package that fails it is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --windows

target=x86_64-pc-windows-gnu
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -1)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "Version introuvable dans tauri.conf.json : « $version »" >&2; exit 1; }

echo "==> Interface (ui/build, embarquée dans maillage.exe)"
(cd ui && npm run build)
echo "==> maillage.exe et maillage-cli.exe ($target, release)"
# Never with the test-hooks feature: the package is what users get.
cargo build --release -p maillage --features custom-protocol --target $target
cargo build --release -p maillage-cli --target $target

built=${CARGO_TARGET_DIR:-target}/$target/release
out=target/windows
stage=$out/stage/Maillage
rm -rf "$out/stage" "$out"/Maillage_*_x64-setup.exe "$out"/Maillage_*_x64-portable.zip
mkdir -p "$stage"
for f in maillage.exe maillage-cli.exe WebView2Loader.dll; do
  cp "$built/$f" "$stage/"
done
# Debug symbols are not shipped (33 MB → about half).
x86_64-w64-mingw32-strip "$stage/maillage.exe" "$stage/maillage-cli.exe"
# Notepad on older Windows 10 shows a file without CRLF on one line.
sed 's/$/\r/' src-tauri/windows/LISEZMOI.txt > "$stage/LISEZMOI.txt"

setup="$out/Maillage_${version}_x64-setup.exe"
zip="$out/Maillage_${version}_x64-portable.zip"
echo "==> Installateur (makensis)"
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DVERSION4="$version.0" -DSTAGE="$PWD/$stage" -DICON="$PWD/icons/icon.ico" \
  -DOUTFILE="$PWD/$setup" src-tauri/windows/installer.nsi
echo "==> Version portable (zip)"
(cd "$out/stage" && 7z a -tzip -mx=9 -bso0 -bsp0 "$PWD/../$(basename "$zip")" Maillage)

scripts/check-windows-package.sh "$setup" "$zip" || { rm -f "$setup" "$zip"; exit 1; }
ls -l "$setup" "$zip"
