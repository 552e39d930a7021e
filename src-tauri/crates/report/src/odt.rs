//! The report as an OpenDocument text (.odt), written by hand: `content.xml`, `styles.xml`,
//! `meta.xml` and the manifest, zipped with the `mimetype` first and stored. Its paragraphs and
//! tables use named styles (« Heading 1 », « Heading 2 », « Table Contents »…) so that a user
//! restyles the whole document from LibreOffice's styles panel; the charts are PNG (rasterised
//! from the same SVG as the PDF's) with their alternative text.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::blocks::{self, Block};
use crate::chart;
use crate::{ReportData, ReportError, Result};

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3""#;

const CELL_STYLES: &str = r##"<style:style style:name="Cellule" style:family="table-cell"><style:table-cell-properties fo:padding-left="0.1cm" fo:padding-right="0.1cm" fo:padding-top="0.05cm" fo:padding-bottom="0.05cm" fo:border-bottom="0.5pt solid #bbbbbb" fo:border-top="none" fo:border-left="none" fo:border-right="none"/></style:style>
<style:style style:name="Entete" style:family="table-cell"><style:table-cell-properties fo:padding-left="0.1cm" fo:padding-right="0.1cm" fo:padding-top="0.05cm" fo:padding-bottom="0.05cm" fo:border-bottom="0.8pt solid #000000" fo:border-top="none" fo:border-left="none" fo:border-right="none"/></style:style>"##;

/// The text column's width, in cm (A4 less 2 × 2.2 cm).
const TEXT_CM: f64 = 16.6;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn styles() -> String {
    let para = |name: &str, display: &str, parent: &str, props: &str, text: &str| {
        format!(r#"<style:style style:name="{name}" style:display-name="{display}" style:family="paragraph" style:parent-style-name="{parent}"><style:paragraph-properties {props}/><style:text-properties {text}/></style:style>"#)
    };
    let heading = |n: u8, size: &str| {
        format!(
            r#"<style:style style:name="Heading_20_{n}" style:display-name="Heading {n}" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="{n}"><style:paragraph-properties fo:margin-top="{}cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>"#,
            if n == 1 { "0.6" } else { "0.4" }
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}>
<office:font-face-decls><style:font-face style:name="Libertinus Serif" svg:font-family="'Libertinus Serif'" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="115%"/><style:text-properties style:font-name="Libertinus Serif" fo:font-size="10.5pt" fo:language="fr" fo:country="FR" fo:hyphenate="false"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
{}
{}
{}
{}
{}
{}
{}
{}
{}
{}
<style:style style:name="Tableau" style:family="table"><style:table-properties style:width="{TEXT_CM}cm" table:align="left" fo:margin-top="0.15cm" fo:margin-bottom="0.3cm"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"><style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page></office:master-styles>
</office:document-styles>"#,
        para("Heading", "Heading", "Standard", r#"fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always""#, r#"fo:font-weight="bold""#),
        heading(1, "15pt"),
        heading(2, "12pt"),
        para("Title", "Title", "Heading", r#"fo:margin-top="4cm" fo:margin-bottom="0.4cm""#, r#"fo:font-size="26pt" fo:font-weight="bold""#),
        para("Subtitle", "Subtitle", "Heading", r#"fo:margin-bottom="0.3cm""#, r#"fo:font-size="16pt" fo:font-weight="normal""#),
        para("Text_20_body", "Text body", "Standard", r#"fo:margin-top="0cm" fo:margin-bottom="0.2cm""#, ""),
        para("Table_20_Contents", "Table Contents", "Standard", r#"fo:margin-top="0cm" fo:margin-bottom="0cm""#, r#"fo:font-size="9.5pt""#),
        para("Table_20_Heading", "Table Heading", "Table_20_Contents", "", r#"fo:font-weight="bold""#),
        para("Caption", "Caption", "Standard", r#"fo:margin-top="0.1cm" fo:margin-bottom="0.3cm""#, r#"fo:font-size="9pt" fo:font-style="italic""#),
        para("Footer", "Footer", "Standard", r#"fo:text-align="center""#, r#"fo:font-size="9pt""#),
    )
}

fn meta(d: &ReportData) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NS}><office:meta><meta:generator>Maillage</meta:generator><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>fr-FR</dc:language><meta:creation-date>{}T00:00:00</meta:creation-date><dc:date>{}T00:00:00</dc:date></office:meta></office:document-meta>"#,
        esc(&d.title),
        esc(&d.agency),
        esc(&d.produced_on_iso),
        esc(&d.produced_on_iso)
    )
}

fn content(d: &ReportData, pictures: &mut Vec<(String, Vec<u8>)>) -> Result<String> {
    let mut auto = String::new();
    let mut body = String::new();
    let mut tables = 0;
    for b in blocks::cover(d).into_iter().chain(blocks::body(d)) {
        match b {
            Block::Title { text: t } => body += &format!(r#"<text:p text:style-name="Title">{}</text:p>"#, esc(&t)),
            Block::Subtitle { text: t } => body += &format!(r#"<text:p text:style-name="Subtitle">{}</text:p>"#, esc(&t)),
            Block::Heading { level: n, text: t } => body += &format!(r#"<text:h text:style-name="Heading_20_{n}" text:outline-level="{n}">{}</text:h>"#, esc(&t)),
            Block::Para { text: t } => body += &format!(r#"<text:p text:style-name="Text_20_body">{}</text:p>"#, esc(&t)),
            Block::Table { heads, rows, left, widths } => {
                tables += 1;
                let total: u32 = widths.iter().sum();
                for (i, w) in widths.iter().enumerate() {
                    auto += &format!(
                        r#"<style:style style:name="T{tables}.{i}" style:family="table-column"><style:table-column-properties style:column-width="{:.2}cm"/></style:style>"#,
                        TEXT_CM * *w as f64 / total as f64
                    );
                }
                body += &format!(r#"<table:table table:name="Tableau{tables}" table:style-name="Tableau">"#);
                for i in 0..widths.len() {
                    body += &format!(r#"<table:table-column table:style-name="T{tables}.{i}"/>"#);
                }
                let row = |cells: &[String], head: bool| {
                    let mut r = String::from("<table:table-row>");
                    for (i, c) in cells.iter().enumerate() {
                        let (cell, para) = if head { ("Entete", "Table_20_Heading") } else { ("Cellule", "Table_20_Contents") };
                        let style = if i >= left { format!("{para}_20_Num") } else { para.to_owned() };
                        r += &format!(r#"<table:table-cell table:style-name="{cell}" office:value-type="string"><text:p text:style-name="{style}">{}</text:p></table:table-cell>"#, esc(c));
                    }
                    r + "</table:table-row>"
                };
                body += &format!("<table:table-header-rows>{}</table:table-header-rows>", row(&heads, true));
                for r in &rows {
                    body += &row(r, false);
                }
                body += "</table:table>";
            }
            Block::Chart { chart: c } => {
                let name = format!("Pictures/{}.png", c.id);
                pictures.push((name.clone(), chart::png(c, 3.0)?));
                let (w, h) = (TEXT_CM, TEXT_CM * chart::height(c) / chart::WIDTH);
                body += &format!(
                    r#"<text:p text:style-name="Text_20_body"><draw:frame draw:name="{id}" text:anchor-type="as-char" svg:width="{w:.2}cm" svg:height="{h:.2}cm"><draw:image xlink:href="{name}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/><svg:title>{alt}</svg:title><svg:desc>{alt}</svg:desc></draw:frame></text:p><text:p text:style-name="Caption">{title}</text:p>"#,
                    id = esc(&c.id),
                    alt = esc(&c.alt),
                    title = esc(&c.title)
                );
            }
        }
    }
    // Cells' borders and padding: automatic styles (LibreOffice Writer applies table-cell styles
    // from here, not from styles.xml).
    auto += CELL_STYLES;
    // Numbers' cells: right-aligned variants of the table styles (automatic, derived from the named ones).
    auto += r#"<style:style style:name="Table_20_Contents_20_Num" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:paragraph-properties fo:text-align="end"/></style:style><style:style style:name="Table_20_Heading_20_Num" style:family="paragraph" style:parent-style-name="Table_20_Heading"><style:paragraph-properties fo:text-align="end"/></style:style>"#;
    Ok(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}><office:automatic-styles>{auto}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    ))
}

fn manifest(pictures: &[(String, Vec<u8>)]) -> String {
    let mut m = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>"#,
    );
    for (name, _) in pictures {
        m += &format!(r#"<manifest:file-entry manifest:full-path="{name}" manifest:media-type="image/png"/>"#);
    }
    m + "</manifest:manifest>"
}

/// The report as ODT bytes.
pub fn render(d: &ReportData) -> Result<Vec<u8>> {
    let mut pictures = Vec::new();
    let content = content(d, &mut pictures)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let zerr = |e: zip::result::ZipError| ReportError(e.to_string());
    let ioerr = |e: std::io::Error| ReportError(e.to_string());
    // A fixed time in the zip's entries: the same data gives the same bytes.
    let time = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).map_err(|e| ReportError(e.to_string()))?;
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).last_modified_time(time);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(time);
    zip.start_file("mimetype", stored).map_err(zerr)?;
    zip.write_all(b"application/vnd.oasis.opendocument.text").map_err(ioerr)?;
    for (name, text) in [("content.xml", content), ("styles.xml", styles()), ("meta.xml", meta(d)), ("META-INF/manifest.xml", manifest(&pictures))] {
        zip.start_file(name, deflated).map_err(zerr)?;
        zip.write_all(text.as_bytes()).map_err(ioerr)?;
    }
    for (name, png) in &pictures {
        zip.start_file(name, stored).map_err(zerr)?;
        zip.write_all(png).map_err(ioerr)?;
    }
    Ok(zip.finish().map_err(zerr)?.into_inner())
}
