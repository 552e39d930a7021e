; Maillage's Windows installer, built on Linux by Debian's makensis (scripts/package-windows.sh).
; Tauri's own NSIS bundler downloads a helper DLL at bundle time, which an offline build machine
; cannot do: docs/windows.md says why this script exists instead.
;
; Per user, without administrator rights: the program goes to %LOCALAPPDATA%\Programs\Maillage,
; the Start-menu entry and the uninstaller's registration to the user's own profile (HKCU).
; The data (%LOCALAPPDATA%\fr.maillage.app) belongs to the user: the uninstaller leaves it and
; says where it is.
;
; makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.0 -DSTAGE=<folder with the files> -DICON=<icon.ico>
;          -DOUTFILE=<setup.exe> installer.nsi

; A 64-bit installer (Debian's nsis ships the amd64 stubs): Maillage is 64-bit only, and Wine's
; 64-bit-only build (Debian's wine64, used to check the installer) runs no 32-bit program.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define PRODUCT "Maillage"
!define PUBLISHER "Maillage"
; The app's identifier (tauri.conf.json): the name of its data folder.
!define IDENTIFIER "fr.maillage.app"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${IDENTIFIER}"
; The Evergreen WebView2 runtime's client id (Microsoft's documented detection key).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_URL "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "Software\${PRODUCT}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=1036 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de ${PRODUCT}"
VIAddVersionKey /LANG=1036 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "AGPL-3.0-or-later"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "Cet assistant va installer ${PRODUCT} ${VERSION} pour vous seul(e), sans droits d'administrateur.$\r$\n$\r$\nVos données seront enregistrées dans votre dossier local :$\r$\n$LOCALAPPDATA\${IDENTIFIER}$\r$\n$\r$\nCliquez sur Suivant pour continuer."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\maillage.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer ${PRODUCT}"
; The "show readme" box of the finish page, used for the optional desktop shortcut.
!define MUI_FINISHPAGE_SHOWREADME ""
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!define MUI_FINISHPAGE_SHOWREADME_TEXT "Créer un raccourci sur le Bureau"
!define MUI_FINISHPAGE_SHOWREADME_FUNCTION CreateDesktopShortcut
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${PRODUCT} a été désinstallé"
!define MUI_FINISHPAGE_TEXT "Vos données n'ont pas été supprimées : la base de Maillage et ses sauvegardes restent dans$\r$\n$LOCALAPPDATA\${IDENTIFIER}$\r$\n$\r$\nElles contiennent des données personnelles. Si vous ne voulez plus les garder, supprimez ce dossier vous-même (après en avoir fait une archive si besoin)."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "French"

; Is the Evergreen WebView2 runtime there? Per machine (where a 32-bit and a 64-bit setup
; register it; this installer is 64-bit, so it reads the 64-bit view) or per user.
Function HasWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Function .onInit
  SetShellVarContext current
  Call HasWebView2
  ${If} $0 == ""
    ; Silent installs (deployment by the IT department) go on: the app says the same at start.
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "${PRODUCT} a besoin du composant « Microsoft Edge WebView2 Runtime », qui n'est pas installé sur cet ordinateur. Windows 10 et 11 l'installent normalement avec les mises à jour.$\r$\n$\r$\nDemandez à votre service informatique de l'installer, ou téléchargez-le depuis :$\r$\n${WEBVIEW2_URL}$\r$\n(version « Evergreen »), puis lancez ${PRODUCT}.$\r$\n$\r$\nContinuer l'installation de ${PRODUCT} maintenant ?" /SD IDYES IDYES +2
    Abort
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Function CreateDesktopShortcut
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\maillage.exe" "" "$INSTDIR\maillage.exe" 0
FunctionEnd

Section "Maillage" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A running Maillage holds its .exe open: say so instead of NSIS's technical error.
  ${If} ${FileExists} "$INSTDIR\maillage.exe"
    ClearErrors
    FileOpen $1 "$INSTDIR\maillage.exe" a
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONSTOP "${PRODUCT} est ouvert. Fermez-le, puis relancez l'installation." /SD IDOK
      Abort
    ${EndIf}
    FileClose $1
  ${EndIf}
  File "${STAGE}\maillage.exe"
  File "${STAGE}\maillage-cli.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\LISEZMOI.txt"
  WriteUninstaller "$INSTDIR\desinstaller.exe"

  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\maillage.exe" "" "$INSTDIR\maillage.exe" 0

  WriteRegStr HKCU "Software\${PRODUCT}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\maillage.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" "$\"$INSTDIR\desinstaller.exe$\""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" "$\"$INSTDIR\desinstaller.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; Only what the installer put there: never the data folder (%LOCALAPPDATA%\fr.maillage.app).
  Delete "$INSTDIR\maillage.exe"
  Delete "$INSTDIR\maillage-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\LISEZMOI.txt"
  Delete "$INSTDIR\desinstaller.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${PRODUCT}"
SectionEnd
