//! The latest year with meetings in a database (scripts/print-preview.sh prints its bilan):
//! `cargo run -p maillage-core --example print_year -- FILE.sqlite`.

fn main() {
    let path = std::env::args().nth(1).expect("FICHIER.sqlite");
    let conn = rusqlite::Connection::open(path).expect("base");
    let year: String = conn
        .query_row("SELECT substr(max(date), 1, 4) FROM meeting WHERE deleted_at IS NULL AND status = 'tenue'", [], |r| r.get(0))
        .expect("aucune réunion tenue");
    println!("{year}");
}
