//! The tests that read the clock in the agency's time zone (Europe/Paris), in a binary of their
//! own: the zone is set in the process's environment, once, by [`paris`], which every test here
//! calls before it reads the clock — so no thread reads the environment while it changes, and the
//! tests of `tests/main.rs` keep the machine's zone.

mod common;

mod figures_oracle;
mod local_day;
mod ui_fixtures;

/// Sets `TZ=Europe/Paris` for the whole process, once.
pub fn paris() {
    static ZONE: std::sync::Once = std::sync::Once::new();
    ZONE.call_once(|| std::env::set_var("TZ", "Europe/Paris"));
}
