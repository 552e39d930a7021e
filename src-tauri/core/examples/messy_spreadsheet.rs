//! Writes the messy French contact list of the import tests into a folder:
//! `cargo run -p maillage-core --example messy_spreadsheet -- FOLDER` → `contacts.xlsx`, `contacts.csv`.

#[path = "../tests/common/messy.rs"]
mod messy;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_owned()));
    std::fs::create_dir_all(&dir).expect("dossier");
    messy::xlsx(&dir.join("contacts.xlsx"));
    messy::csv(&dir.join("contacts.csv"));
    println!("{}", dir.join("contacts.xlsx").display());
    println!("{}", dir.join("contacts.csv").display());
}
