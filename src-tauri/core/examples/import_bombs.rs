//! Writes the zip bombs of the import's hostile tests, the worst files the import's limits let
//! through and a big true list into a folder, for `scripts/probe-import-memory.sh`:
//! `cargo run -p maillage-core --example import_bombs -- FOLDER`.

#[path = "../tests/common/bombs.rs"]
mod bombs;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_owned()));
    std::fs::create_dir_all(&dir).expect("dossier");
    const GB: u64 = 1 << 30;
    const MB: u64 = 1 << 20;
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("bombe-chaine-3Go.xlsx", bombs::huge_shared_string(3 * GB, None)),
        ("bombe-chaine-menteuse-3Go.xlsx", bombs::huge_shared_string(3 * GB, Some(1000))),
        ("bombe-lignes-3Go.xlsx", bombs::many_rows(3 * GB, None)),
        ("bombe-profonde-1Go.xlsx", bombs::deep_xml(GB)),
        ("bombe-loin.xlsx", bombs::far_cells(200)),
        ("bombe-partout.xlsx", bombs::shared_string_everywhere(MB as usize, 1000)),
        ("bombe-repetee.ods", bombs::ods_repeats(1_000_000, 1000)),
        // Just under the limits: the most a file can make the import hold.
        ("limite-chaine-99Mo.xlsx", bombs::huge_shared_string(99 * MB, None)),
        ("limite-lignes-99Mo.xlsx", bombs::many_rows(99 * MB, None)),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("écriture");
        println!("{}", dir.join(name).display());
    }
    let big = dir.join("liste-20000x30.xlsx");
    big_list(&big);
    println!("{}", big.display());
}

/// A true list at the limits' scale: 20,000 organisations × 30 columns of 40 characters.
fn big_list(path: &std::path::Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write(0, 0, "Nom").unwrap();
    for c in 1..30u16 {
        sheet.write(0, c, format!("Colonne {c}")).unwrap();
    }
    for r in 1..=20_000u32 {
        sheet.write(r, 0, format!("Organisme numéro {r:05} de la liste de test")).unwrap();
        for c in 1..30u16 {
            sheet.write(r, c, format!("Valeur {r:05}-{c:02} assez longue pour 40 c.")).unwrap();
        }
    }
    book.save(path).unwrap();
}
