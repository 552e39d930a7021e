# Sourced by the scripts that build (test.sh, run.sh, test-windows.sh): the compiler cache.
# sccache (Debian's package, installed by setup.sh) keeps every compiled dependency, keyed by its
# sources, flags and compiler, in ~/.cache/sccache: a fresh clone — CI's, or a second worktree —
# then compiles only Maillage's own crates instead of the ~700 dependencies (Typst, Tauri,
# SQLCipher…), which took most of `make test`'s time (docs/measurements.md, « make test »).
# Our crates are compiled incrementally and never cached; cargo's own target/ stays as it is.
# MAILLAGE_NO_COMPILER_CACHE=1 builds without it (to measure a cold build).
if [ -z "${MAILLAGE_NO_COMPILER_CACHE:-}" ] && [ -z "${RUSTC_WRAPPER:-}" ] && command -v sccache >/dev/null; then
  export RUSTC_WRAPPER=sccache
  export SCCACHE_CACHE_SIZE="${SCCACHE_CACHE_SIZE:-15G}"
fi
