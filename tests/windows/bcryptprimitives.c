/*
 * TEST ONLY — never shipped. Debian's Wine 8 lacks bcryptprimitives.dll, from which Rust's standard
 * library imports ProcessPrng on Windows (Windows 10 and 11 have it). scripts/test-windows.sh
 * builds this shim with mingw and puts it beside maillage-cli.exe in a test folder so that the CLI
 * runs under Wine; scripts/package-windows.sh checks that no package carries it.
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

/* The same contract as Windows' ProcessPrng: fill the buffer with random bytes, always TRUE. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
