//! The report's one font family, Libertinus Serif (SIL Open Font License 1.1, fonts/OFL-1.1.txt),
//! committed in the crate (the four files the report uses, 1.2 MB, rather than typst-assets'
//! seventeen): no system font, the same glyphs on every machine, and what French needs (« », œ,
//! the narrow no-break space). docs/rapport.md says why this one.

pub const FAMILY: &str = "Libertinus Serif";

pub const FONTS: &[&[u8]] = &[
    include_bytes!("../fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../fonts/LibertinusSerif-BoldItalic.otf"),
];
