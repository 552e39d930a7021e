//! A messy but realistic French contact list, as a secretariat keeps one: a merged title line and
//! a blank line above the headers (line 3), trailing spaces, the same name with and without
//! accents, a duplicate in capitals, an invalid e-mail, dates typed as text, as a day number and
//! as a date, a phone number that lost its zero, a formula, a huge cell, an empty sheet. The same
//! data as a Windows-1252 CSV with `;`, as French Excel saves it.
//!
//! Written by `cargo run -p maillage-core --example messy_spreadsheet -- FOLDER` (the end-to-end
//! tests and anyone can look at it) and by the tests.
#![allow(dead_code)]

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Formula, Workbook};

/// One cell of the list: what the xlsx holds (typed), and what the CSV holds (text).
pub enum Value {
    Text(&'static str),
    /// A number cell (a phone number or a date that lost its format).
    Number(f64),
    /// A real date cell.
    Date(u16, u8, u8),
    /// A formula with its computed value.
    Formula(&'static str, &'static str),
    /// A very long text: `n` characters.
    Long(usize),
    Empty,
}

use Value::*;

pub const TITLE: &str = "Annuaire des partenaires — CCAS de Brive (mise à jour 2025)";
pub const HEADERS: [&str; 9] = ["Civilité", "NOM ", "Prénom", "Structure", "Fonction", "Mél.", "Tél.", "Date d'entrée", "Remarques"];
/// The first data line (the headers are on line 3).
pub const FIRST_LINE: u32 = 4;

/// The rows, from line 4; `None` is a blank line.
pub fn rows(long_cell: usize) -> Vec<Option<Vec<Value>>> {
    vec![
        // 4: already in the base (same e-mail).
        Some(vec![Text("Mme"), Text("MARTIN"), Text("Sophie"), Text("CAF de la Corrèze"), Text("Conseillère"), Text("sophie.martin@caf.fr"), Text("05 55 12 34 56"), Text("12/03/2024"), Empty]),
        // 5: trailing spaces; a phone number stored as a number; a date that lost its format.
        Some(vec![Text("M."), Text("Dupré"), Text("Jean  "), Text("Restos du cœur "), Text("Bénévole responsable"), Text("jean.dupre@restos.fr"), Number(555998877.0), Number(45363.0), Empty]),
        // 6: the same family name without its accent, another person; a real date.
        Some(vec![Text("Mme"), Text("DUPRE"), Text("Élodie"), Text("Secours populaire"), Empty, Text("elodie@sp19.fr"), Empty, Date(2023, 9, 1), Empty]),
        // 7: line 5 again, in capitals and without accents.
        Some(vec![Text("M"), Text("dupre"), Text("JEAN"), Text("RESTOS DU COEUR"), Empty, Text("JEAN.DUPRE@RESTOS.FR"), Empty, Empty, Empty]),
        // 8: an invalid e-mail.
        Some(vec![Text("Mme"), Text("Bernard"), Text("Claire"), Text("CCAS de Brive"), Text("Directrice"), Text("claire.bernard@ccas-brive"), Empty, Empty, Empty]),
        // 9: a name computed by a formula.
        Some(vec![Text("M."), Formula("=UPPER(\"Leroy\")", "LEROY"), Text("Paul"), Text("Mairie de Brive"), Text("Adjoint aux solidarités"), Empty, Empty, Empty, Empty]),
        // 10: a huge cell.
        Some(vec![Text("Mme"), Text("Petit"), Text("Anne"), Text("Secours populaire"), Empty, Empty, Empty, Empty, Long(long_cell)]),
        // 11: blank.
        None,
        // 12: the organisation of line 6 with its legal form.
        Some(vec![Text("Mme"), Text("Moreau"), Text("Lucie"), Text("Association Secours Populaire"), Text("Animatrice"), Text("lucie.moreau@sp19.fr"), Empty, Text("2024-01-15"), Empty]),
        // 13: a date nobody can read.
        Some(vec![Text("M."), Text("Garcia"), Text("Luis"), Text("Restos du cœur"), Empty, Empty, Empty, Text("mars 2024"), Empty]),
    ]
}

/// The workbook: the list on « Contacts 2025 », an empty sheet before it.
pub fn xlsx(path: &Path) {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Vide").unwrap();
    let ws = book.add_worksheet();
    ws.set_name("Contacts 2025").unwrap();
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 8, TITLE, &title).unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // Excel keeps at most 32,767 characters in a cell.
    for (i, row) in rows(32_767).into_iter().enumerate() {
        let r = FIRST_LINE - 1 + i as u32;
        for (c, v) in row.into_iter().flatten().enumerate() {
            let c = c as u16;
            match v {
                Text(s) => ws.write_string(r, c, s).map(|_| ()),
                Number(n) => ws.write_number(r, c, n).map(|_| ()),
                Date(y, m, d) => ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date).map(|_| ()),
                Formula(f, result) => ws.write_formula(r, c, Formula::new(f).set_result(result)).map(|_| ()),
                Long(n) => ws.write_string(r, c, "x".repeat(n)).map(|_| ()),
                Empty => Ok(()),
            }
            .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// The CSV: Windows-1252, `;`, CRLF, the title and blank line above the headers; a 10 MB cell.
pub fn csv(path: &Path) {
    std::fs::write(path, csv_bytes(10 * 1024 * 1024)).unwrap();
}

/// The CSV's bytes with a long cell of `long_cell` characters.
pub fn csv_bytes(long_cell: usize) -> Vec<u8> {
    let mut text = String::new();
    text.push_str(&format!("{TITLE};;;;;;;;\r\n\r\n"));
    text.push_str(&HEADERS.join(";"));
    text.push_str("\r\n");
    for row in rows(long_cell) {
        let Some(row) = row else {
            text.push_str("\r\n");
            continue;
        };
        let cells: Vec<String> = row
            .into_iter()
            .map(|v| match v {
                Text(s) => s.to_owned(),
                Number(n) => format!("{n}"),
                Date(y, m, d) => format!("{d:02}/{m:02}/{y}"),
                Formula(_, result) => result.to_owned(),
                Long(n) => "x".repeat(n),
                Empty => String::new(),
            })
            .collect();
        text.push_str(&cells.join(";"));
        text.push_str("\r\n");
    }
    // « — » is in Windows-1252 (0x97), like every accent here.
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}
