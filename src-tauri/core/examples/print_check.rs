//! How workbooks print in LibreOffice, checked as `tests/libreoffice.rs` checks them (the same code,
//! `tests/common/libreoffice.rs`): `cargo run -p maillage-core --example print_check -- OUT BOOK.xlsx…`
//! prints each workbook to PDF in OUT, then reports the pages and smallest text of each sheet and
//! every fault (a page not A4, text under 7 pt, text over text). Exit 1 on a fault.
//! `scripts/print-preview.sh` runs it.

#[path = "../tests/common/libreoffice.rs"]
mod libreoffice;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let out = args.next().expect("DOSSIER CLASSEUR.xlsx…");
    let books: Vec<PathBuf> = args.collect();
    let office = libreoffice::Office::find(&out.join("profile")).unwrap_or_else(|| std::process::exit(2));
    let mut faults = 0;
    for pdf in office.convert(&books, "pdf", &out) {
        let printed = libreoffice::check_print(&pdf);
        println!("{} : {} page(s)", pdf.display(), printed.pages);
        for (sheet, pages, smallest) in &printed.sheets {
            println!("  {sheet} : {pages} page(s), plus petit texte {smallest:.1} pt");
        }
        for f in &printed.faults {
            println!("  DÉFAUT {f}");
        }
        faults += printed.faults.len();
    }
    if faults > 0 {
        std::process::exit(1);
    }
}
