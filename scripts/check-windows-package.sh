#!/usr/bin/env bash
# Checks the Windows packages that scripts/package-windows.sh made, on Linux:
#   - both hold the app, the CLI, WebView2Loader.dll and LISEZMOI.txt, and never the Wine shim;
#   - the installer, run silently under Wine in a new user profile, installs per user (files under
#     %LOCALAPPDATA%\Programs, Start-menu entry and uninstall entry in HKCU, nothing in HKLM), and
#     its uninstaller removes the program but leaves the user's data folder.
# scripts/check-windows-package.sh SETUP.exe PORTABLE.zip
set -euo pipefail
cd "$(dirname "$0")/.."
setup=$1 zip=$2
fail() { echo "ÉCHEC : $*" >&2; exit 1; }
expected="LISEZMOI.txt WebView2Loader.dll maillage-cli.exe maillage.exe"

echo "==> Contenu de la version portable"
listed=$(7z l -slt "$zip" | sed -n 's/^Path = //p' | grep -v "^$zip$" | sort | tr '\n' ' ')
[ "$listed" = "Maillage Maillage/LISEZMOI.txt Maillage/WebView2Loader.dll Maillage/maillage-cli.exe Maillage/maillage.exe " ] \
  || fail "le zip contient : $listed"
7z e -so "$zip" Maillage/LISEZMOI.txt | grep -q $'%LOCALAPPDATA%\\\\fr.maillage.app\r$' || fail "LISEZMOI.txt sans CRLF ou sans le dossier des données"

echo "==> Contenu de l'installateur"
files=$(7z l -slt "$setup" | sed -n 's/^Path = //p' | grep -v -e "^$setup$" -e '^\$PLUGINSDIR' | sort | tr '\n' ' ')
# (7z shows the uninstaller that the installer writes, beside the four files.)
[ "$files" = "LISEZMOI.txt WebView2Loader.dll desinstaller.exe maillage-cli.exe maillage.exe " ] || fail "l'installateur contient : $files"

echo "==> Installation silencieuse sous Wine, dans un profil neuf"
export WINEPREFIX
WINEPREFIX=$(mktemp -d /tmp/maillage-setup-XXXXXX)
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree=;mshtml="
wine=/usr/lib/wine/wine64 wineserver=/usr/lib/wine/wineserver
trap '$wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"' EXIT
$wine wineboot --init >/dev/null 2>&1
$wine "$setup" /S
$wineserver -w
user_dir=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -1)
app="$user_dir/AppData/Local/Programs/Maillage"
for f in $expected desinstaller.exe; do [ -f "$app/$f" ] || fail "$f n'est pas dans $app"; done
[ ! -e "$app/bcryptprimitives.dll" ] || fail "la cale de test est installée"
[ -f "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Maillage.lnk" ] || fail "pas d'entrée dans le menu Démarrer"
grep -q 'Uninstall\\\\fr.maillage.app\]' "$WINEPREFIX/user.reg" || fail "pas d'entrée de désinstallation dans HKCU"
# user.reg doubles each backslash: C:\\users\\<user>\\AppData\\Local\\Programs\\Maillage.
grep -q '^"InstallLocation"="C:\\\\users\\\\[^"]*\\\\AppData\\\\Local\\\\Programs\\\\Maillage"$' "$WINEPREFIX/user.reg" \
  || fail "InstallLocation absent de HKCU ou hors de AppData\\Local\\Programs"
! grep -qi 'maillage' "$WINEPREFIX/system.reg" || fail "l'installateur a écrit dans HKLM"
[ ! -e "$WINEPREFIX/drive_c/Program Files/Maillage" ] || fail "installé dans Program Files"

echo "==> Désinstallation silencieuse : le programme part, les données restent"
data="$user_dir/AppData/Local/fr.maillage.app"
mkdir -p "$data" && echo "base" > "$data/maillage.sqlite"
$wine "$app/desinstaller.exe" /S
$wineserver -w
[ ! -e "$app/maillage.exe" ] || fail "maillage.exe reste après la désinstallation"
[ ! -e "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Maillage.lnk" ] || fail "l'entrée du menu Démarrer reste"
! grep -q 'Uninstall\\\\fr.maillage.app\]' "$WINEPREFIX/user.reg" || fail "l'entrée de désinstallation reste"
[ "$(cat "$data/maillage.sqlite")" = "base" ] || fail "la désinstallation a touché aux données"
echo "Paquets Windows vérifiés : $setup, $zip"
