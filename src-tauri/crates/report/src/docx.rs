//! The report as a Word document (.docx) with docx-rs: Word's built-in style names (Title,
//! Subtitle, Heading1, Heading2, Caption) so that the agency's own template restyles it, tables
//! of a set width with cell margins, explicit line spacing (LibreOffice's defaults come out
//! cramped), and page numbers in the footer. The charts are PNG, rasterised from the PDF's SVG.

use docx_rs::*;

use crate::blocks::{body, cover, Block};
use crate::chart;
use crate::{ReportData, ReportError, Result};

/// The text column, in twentieths of a point (A4 21 cm less 2 × 2.2 cm margins).
const TEXT_DXA: usize = 9412;
const FONT: &str = crate::fonts::FAMILY;

fn style(id: &str, name: &str, size: usize, bold: bool, before: u32, after: u32) -> Style {
    let s = Style::new(id, StyleType::Paragraph).name(name).size(size).line_spacing(LineSpacing::new().before(before).after(after).line(264).line_rule(LineSpacingType::Auto)).q_format(true);
    if bold { s.bold() } else { s }
}

fn text(t: &str, style_id: &str) -> Paragraph {
    Paragraph::new().style(style_id).add_run(Run::new().add_text(t))
}

fn cell(t: &str, head: bool, right: bool, width: usize) -> TableCell {
    let mut run = Run::new().add_text(t).size(19);
    if head {
        run = run.bold();
    }
    let p = Paragraph::new().style("TableContents").add_run(run).align(if right { AlignmentType::Right } else { AlignmentType::Left });
    let border = if head { TableCellBorder::new(TableCellBorderPosition::Bottom).size(8).color("000000") } else { TableCellBorder::new(TableCellBorderPosition::Bottom).size(4).color("BBBBBB") };
    TableCell::new().add_paragraph(p).width(width, WidthType::Dxa).set_border(border)
}

/// The report as DOCX bytes.
pub fn render(d: &ReportData) -> Result<Vec<u8>> {
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1247).right(1247).footer(567))
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT))
        .default_size(21)
        .default_line_spacing(LineSpacing::new().after(120).line(264).line_rule(LineSpacingType::Auto))
        .add_style(style("Title", "Title", 52, true, 2400, 240))
        .add_style(style("Subtitle", "Subtitle", 32, false, 0, 240))
        .add_style(style("Heading1", "heading 1", 30, true, 360, 120).outline_lvl(0).next("Normal"))
        .add_style(style("Heading2", "heading 2", 24, true, 240, 100).outline_lvl(1).next("Normal"))
        .add_style(style("Caption", "caption", 18, false, 60, 200).italic())
        .add_style(style("TableContents", "Table Contents", 19, false, 20, 20))
        .footer(Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new())))
        .created_at(&format!("{}T00:00:00Z", d.produced_on_iso));
    for b in cover(d).into_iter().chain(body(d)) {
        doc = match b {
            Block::Title { text: t } => doc.add_paragraph(text(&t, "Title")),
            Block::Subtitle { text: t } => doc.add_paragraph(text(&t, "Subtitle")),
            Block::Heading { level: n, text: t } => doc.add_paragraph(text(&t, &format!("Heading{n}"))),
            Block::Para { text: t } => doc.add_paragraph(text(&t, "Normal")),
            Block::Table { heads, rows, left, widths } => {
                let total: u32 = widths.iter().sum();
                let w: Vec<usize> = widths.iter().map(|x| TEXT_DXA * *x as usize / total as usize).collect();
                let row = |cells: &[String], head: bool| TableRow::new(cells.iter().enumerate().map(|(i, c)| cell(c, head, i >= left, w[i])).collect()).cant_split();
                let mut all = vec![row(&heads, true)];
                all.extend(rows.iter().map(|r| row(r, false)));
                doc.add_table(
                    Table::new(all)
                        .set_grid(w.clone())
                        .width(TEXT_DXA, WidthType::Dxa)
                        .layout(TableLayoutType::Fixed)
                        .margins(TableCellMargins::new().margin(40, 80, 40, 80))
                        .clear_all_border(),
                )
                .add_paragraph(Paragraph::new())
            }
            Block::Chart { chart: c } => {
                let png = chart::png(c, 3.0)?;
                // EMU: 12700 per point; the chart's SVG units are points.
                let (w, h) = ((chart::WIDTH * 12700.0) as u32, (chart::height(c) * 12700.0) as u32);
                doc.add_paragraph(Paragraph::new().add_run(Run::new().add_image(Pic::new(&png).size(w, h)))).add_paragraph(text(&c.title, "Caption"))
            }
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| ReportError(e.to_string()))?;
    Ok(out.into_inner())
}
