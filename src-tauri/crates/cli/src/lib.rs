//! `maillage-cli`'s own words (French, like the app's): what it prints, its help screens' headings
//! and its errors. A library so that the binary and the tests share them; the command line itself
//! is `main.rs`.

pub mod words;
