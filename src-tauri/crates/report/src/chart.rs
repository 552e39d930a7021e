//! The report's charts, drawn once as SVG by [`svg`]: Typst places the SVG in the PDF, and
//! [`png`] rasterises the same SVG (resvg) for the DOCX and the ODT. Horizontal bars, because
//! bodies' and categories' names are long; each bar carries its value, written by
//! [`crate::format`] as the tables write it.

use serde::Serialize;

use crate::format;

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// File name stem ("mois"), unique in a report.
    pub id: String,
    pub title: String,
    /// The alternative text (PDF/UA requires one for every figure).
    pub alt: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// Values are fractions shown as « 55,1 % ».
    pub percent: bool,
}

/// The chart's width in SVG user units (points): the text column of an A4 page.
pub const WIDTH: f64 = 460.0;
const LABEL_W: f64 = 175.0;
const BAR_H: f64 = 10.0;
const GAP: f64 = 6.0;
const TOP: f64 = 8.0;
const FONT: &str = "Libertinus Serif";
const COLOURS: [&str; 3] = ["#1f5f8b", "#e0a030", "#6a9a3a"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_owned() } else { format!("{}…", s.chars().take(n - 1).collect::<String>()) }
}

/// The chart's height for its number of bars.
pub fn height(c: &Chart) -> f64 {
    let legend = if c.series.len() > 1 { 18.0 } else { 0.0 };
    TOP + legend + c.categories.len() as f64 * (c.series.len() as f64 * BAR_H + GAP) + 4.0
}

/// The chart as an SVG document.
pub fn svg(c: &Chart) -> String {
    let h = height(c);
    let max = c.series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0_f64, f64::max).max(if c.percent { 0.01 } else { 1.0 });
    let plot = WIDTH - LABEL_W - 50.0;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{h}\" viewBox=\"0 0 {WIDTH} {h}\" font-family=\"{FONT}\" font-size=\"8\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    );
    let mut y = TOP;
    if c.series.len() > 1 {
        let mut x = LABEL_W;
        for (i, s) in c.series.iter().enumerate() {
            out += &format!("<rect x=\"{x}\" y=\"{y}\" width=\"10\" height=\"8\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>\n", COLOURS[i % 3], x + 14.0, y + 7.0, esc(&s.name));
            x += 20.0 + s.name.chars().count() as f64 * 4.5;
        }
        y += 18.0;
    }
    for (ci, cat) in c.categories.iter().enumerate() {
        let group_h = c.series.len() as f64 * BAR_H;
        out += &format!("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", LABEL_W - 6.0, y + group_h / 2.0 + 3.0, esc(&cut(cat, 40)));
        for (si, s) in c.series.iter().enumerate() {
            let v = s.values.get(ci).copied().unwrap_or(0.0);
            let w = (v / max * plot).max(0.0);
            let by = y + si as f64 * BAR_H;
            let shown = if c.percent { format::rate(Some(v)) } else { format::count(v) };
            out += &format!(
                "<rect x=\"{LABEL_W}\" y=\"{by}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{}\">{}</text>\n",
                BAR_H - 1.0,
                COLOURS[si % 3],
                LABEL_W + w + 3.0,
                by + BAR_H - 2.5,
                esc(&shown)
            );
        }
        y += group_h + GAP;
    }
    out += &format!("<line x1=\"{LABEL_W}\" y1=\"{TOP}\" x2=\"{LABEL_W}\" y2=\"{:.1}\" stroke=\"#555555\" stroke-width=\"0.5\"/>\n</svg>\n", y - GAP + 2.0);
    out
}

/// The chart rasterised at `scale` pixels per SVG unit (PNG), with the report's own font.
pub fn png(c: &Chart, scale: f32) -> crate::Result<Vec<u8>> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    {
        let db = opt.fontdb_mut();
        for f in crate::fonts::FONTS {
            db.load_font_data(f.to_vec());
        }
    }
    let tree = usvg::Tree::from_str(&svg(c), &opt).map_err(|e| crate::ReportError(e.to_string()))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| crate::ReportError("taille".into()))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| crate::ReportError("image".into()))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| crate::ReportError(e.to_string()))
}
