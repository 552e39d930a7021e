//! Lists from spreadsheets and CSV files (docs/import.md), and lists out: a messy real-world list
//! comes in with an exact report, bad files get a French message and write nothing, a list
//! exported and imported back changes nothing.

use crate::common;

use common::{fresh, make_org, make_person, messy, rows, TestDb};
use maillage_core::export::lists;
use maillage_core::import::{self, columns};
use maillage_core::model::*;
use maillage_core::queries::{affiliations, body_members, bodies, organisations, persons};

fn request(kind: ImportKind, mapping: ImportMapping) -> ImportRequest {
    ImportRequest { kind, mapping, on_duplicate: DuplicateChoice::Skip, choices: Vec::new(), body_id: None, strict: false }
}

/// The office's base before the import: the Restos du Cœur and Sophie Martin are already there.
fn seeded() -> TestDb {
    let t = fresh();
    make_org(&t, "Restos du Cœur", Some("Brive"));
    make_person(&t, "Sophie", "Martin", Some("sophie.martin@caf.fr"));
    t
}

/// The messy list, as a workbook and as a CSV, in `t`'s folder.
fn messy_files(t: &TestDb) -> [std::path::PathBuf; 2] {
    let xlsx = t.dir.path().join("contacts.xlsx");
    let csv = t.dir.path().join("contacts.csv");
    messy::xlsx(&xlsx);
    messy::csv(&csv);
    [xlsx, csv]
}

/// People as (name, e-mail, phone, civility, posts « Organisation (fonction) depuis »), by name.
fn people(t: &TestDb) -> Vec<(String, Option<String>, Option<String>, Option<Civility>, Vec<String>)> {
    let mut out: Vec<_> = persons::list(t, &PersonFilter::default())
        .unwrap()
        .into_iter()
        .map(|s| {
            let p = persons::get(t, &s.id).unwrap();
            let posts = affiliations::of_person(t, &p.id)
                .unwrap()
                .into_iter()
                .map(|a| format!("{} ({}) {}", a.organisation_name, a.function.unwrap_or_default(), a.start_date.unwrap_or_default()))
                .collect();
            (p.display_name, p.email, p.phone, p.civility, posts)
        })
        .collect();
    out.sort();
    out
}

fn organisation_names(t: &TestDb) -> Vec<String> {
    let mut names: Vec<String> = organisations::list(t, &OrganisationFilter::default()).unwrap().into_iter().map(|o| o.name).collect();
    names.sort();
    names
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

#[test]
fn the_messy_list_comes_in_with_an_exact_report_from_xlsx_and_from_windows_1252_csv() {
    for which in 0..2 {
        let t = seeded();
        let path = messy_files(&t)[which].clone();
        let source = import::read(&path).unwrap();
        // The empty sheet is left aside; the CSV's one sheet is named after the file.
        let names: Vec<&str> = source.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, [if which == 0 { "Contacts 2025" } else { "contacts" }]);

        let m = columns::guess(&t, ImportKind::People, &source, None, None).unwrap();
        assert_eq!(m.header_line, 3, "the headers are found under the title");
        assert!(!m.remembered);
        let fields: Vec<(String, Option<ImportField>)> = m.columns.iter().map(|c| (format!("{} {}", c.letter, c.header), c.field)).collect();
        use ImportField as F;
        assert_eq!(
            fields,
            [
                ("A Civilité".to_owned(), Some(F::Civility)),
                ("B NOM".to_owned(), Some(F::LastName)),
                ("C Prénom".to_owned(), Some(F::FirstName)),
                ("D Structure".to_owned(), Some(F::Organisation)),
                ("E Fonction".to_owned(), Some(F::Function)),
                ("F Mél.".to_owned(), Some(F::Email)),
                ("G Tél.".to_owned(), Some(F::Phone)),
                ("H Date d'entrée".to_owned(), Some(F::StartDate)),
                ("I Remarques".to_owned(), Some(F::Notes)),
            ]
        );

        let req = request(ImportKind::People, m.clone());
        let preview = import::preview(&t, &source, &req).unwrap();
        assert!(!preview.written);
        assert_eq!(rows(&t, "person"), 1, "a preview writes nothing");
        assert_eq!(rows(&t, "organisation"), 1);
        assert_eq!(rows(&t, "import_mapping"), 0);

        let done = import::apply(&t.db, &source, &req).unwrap();
        assert!(done.written);
        assert_eq!((done.rows, done.created, done.updated, done.skipped, done.rejected), (9, 4, 0, 2, 3));
        assert_eq!(
            (preview.rows, preview.created, preview.updated, preview.skipped, preview.rejected, &preview.new_organisations),
            (done.rows, done.created, done.updated, done.skipped, done.rejected, &done.new_organisations),
            "the preview announced what the import did"
        );
        let sheet = &done.sheet;
        let rejected: Vec<(&str, u32, &str)> = done.rejections.iter().map(|r| (r.sheet.as_str(), r.line, r.column.as_str())).collect();
        assert_eq!(rejected, [(sheet.as_str(), 8, "Mél."), (sheet.as_str(), 10, "Remarques"), (sheet.as_str(), 13, "Date d'entrée")]);
        assert_eq!(
            done.rejections[0].reason,
            "L'adresse e-mail « claire.bernard@ccas-brive » n'est pas valide : elle doit avoir la forme nom@domaine.fr, sans espace."
        );
        let long = if which == 0 { 32_767 } else { 10 * 1024 * 1024 };
        assert_eq!(done.rejections[1].reason, format!("Le champ « Remarques » est trop long ({long} caractères) : 500 au maximum."));
        assert_eq!(done.rejections[2].reason, "la date « mars 2024 » n'est pas reconnue : écrivez-la JJ/MM/AAAA (ex. : 12/03/2025).");

        let dups: Vec<(u32, &str, &str, Option<&str>, &str, DuplicateChoice)> = done
            .duplicates
            .iter()
            .map(|d| (d.line, d.row_label.as_str(), d.existing_label.as_str(), d.existing_id.as_deref().map(|_| "base"), d.reason.as_str(), d.choice))
            .collect();
        assert_eq!(
            dups,
            [
                (4, "Sophie MARTIN — CAF de la Corrèze", "Sophie Martin", Some("base"), "même courriel", DuplicateChoice::Skip),
                (7, "JEAN dupre — RESTOS DU COEUR", "ligne 5 du fichier", None, "même courriel", DuplicateChoice::Skip),
            ]
        );
        assert_eq!(done.new_organisations, ["Secours populaire", "Mairie de Brive"], "the Restos are found whatever the case and spaces");

        assert_eq!(
            people(&t),
            [
                ("Jean Dupré".to_owned(), s("jean.dupre@restos.fr"), s("0555998877"), Some(Civility::Monsieur), vec!["Restos du Cœur (Bénévole responsable) 2024-03-12".to_owned()]),
                ("Lucie Moreau".to_owned(), s("lucie.moreau@sp19.fr"), None, Some(Civility::Madame), vec!["Secours populaire (Animatrice) 2024-01-15".to_owned()]),
                ("Paul LEROY".to_owned(), None, None, Some(Civility::Monsieur), vec!["Mairie de Brive (Adjoint aux solidarités) ".to_owned()]),
                ("Sophie Martin".to_owned(), s("sophie.martin@caf.fr"), None, None, vec![]),
                ("Élodie DUPRE".to_owned(), s("elodie@sp19.fr"), None, Some(Civility::Madame), vec!["Secours populaire () 2023-09-01".to_owned()]),
            ]
        );
        assert_eq!(organisation_names(&t), ["Mairie de Brive", "Restos du Cœur", "Secours populaire"]);
        // Created through the core: derived columns and search work.
        let found = persons::list(&t, &PersonFilter { query: s("elodie"), ..Default::default() }).unwrap();
        assert_eq!(found.len(), 1);
        // The journal says where the rows came from.
        let origins: i64 = t.query_row("SELECT count(*) FROM journal WHERE origin = 'import'", [], |r| r.get(0)).unwrap();
        assert!(origins >= 4, "{origins}");
        // A backup was made first.
        assert_eq!(maillage_core::backup::list(t.db.path()).unwrap().len(), 1);

        // The next file with the same headers is read the same way without asking.
        let again = columns::guess(&t, ImportKind::People, &source, None, None).unwrap();
        assert!(again.remembered);
        assert_eq!(again.columns, m.columns);
    }
}

#[test]
fn duplicates_merge_or_create_when_told_and_strict_writes_nothing() {
    let t = seeded();
    let [xlsx, _] = messy_files(&t);
    let source = import::read(&xlsx).unwrap();
    let m = columns::guess(&t, ImportKind::People, &source, None, None).unwrap();

    // --strict: three rows are rejected, so nothing is written.
    let strict = ImportRequest { strict: true, ..request(ImportKind::People, m.clone()) };
    let r = import::apply(&t.db, &source, &strict).unwrap();
    assert!(!r.written);
    assert_eq!(r.rejected, 3);
    assert_eq!((rows(&t, "person"), rows(&t, "organisation"), rows(&t, "affiliation"), rows(&t, "import_mapping")), (1, 1, 0, 0));

    // Line 4 merged into Sophie Martin; line 7 (Jean again) created anyway: its e-mail is taken,
    // so the core refuses it and says why.
    let mut req = request(ImportKind::People, m);
    req.choices = vec![LineChoice { line: 4, choice: DuplicateChoice::Merge }, LineChoice { line: 7, choice: DuplicateChoice::Create }];
    let r = import::apply(&t.db, &source, &req).unwrap();
    assert_eq!((r.created, r.updated, r.skipped, r.rejected), (4, 1, 0, 4));
    assert_eq!(
        r.duplicates[0].changes,
        ["Téléphone : 05 55 12 34 56 (ajouté)", "Civilité : Madame (ajouté)", "Poste : CAF de la Corrèze (Conseillère) (ajouté)"]
    );
    assert_eq!(r.rejections[0].line, 7);
    assert_eq!(r.rejections[0].column, "Mél.");
    assert!(r.rejections[0].reason.contains("jean.dupre@restos.fr"), "{}", r.rejections[0].reason);
    let sophie = people(&t).into_iter().find(|p| p.0 == "Sophie Martin").unwrap();
    assert_eq!(sophie.2.as_deref(), Some("05 55 12 34 56"));
    assert_eq!(sophie.3, Some(Civility::Madame));
    assert_eq!(sophie.4, ["CAF de la Corrèze (Conseillère) 2024-03-12"]);
}

#[test]
fn a_list_exported_then_imported_back_changes_nothing() {
    let t = seeded();
    let [xlsx, _] = messy_files(&t);
    let source = import::read(&xlsx).unwrap();
    let m = columns::guess(&t, ImportKind::People, &source, None, None).unwrap();
    import::apply(&t.db, &source, &request(ImportKind::People, m)).unwrap();
    let people_before = people(&t);
    let orgs_before = organisation_names(&t);
    let journal_before = rows(&t, "journal");

    for (list, kind) in [
        (ListRequest::People { filter: PersonFilter::default() }, ImportKind::People),
        (ListRequest::Organisations { filter: OrganisationFilter::default() }, ImportKind::Organisations),
    ] {
        for format in [ListFormat::Xlsx, ListFormat::Csv] {
            let out = t.dir.path().join(format!("liste.{}", if format == ListFormat::Xlsx { "xlsx" } else { "csv" }));
            let l = maillage_core::lists::list(&t, &list).unwrap();
            lists::write(&l, format, &out).unwrap();
            let back = import::read(&out).unwrap();
            let m = columns::guess(&t, kind, &back, None, None).unwrap();
            assert_eq!(m.header_line, 1);
            assert!(m.columns.iter().all(|c| c.field.is_some()), "every exported header is recognised: {:?}", m.columns);
            // Even merging every row finds nothing to change.
            let req = ImportRequest { on_duplicate: DuplicateChoice::Merge, ..request(kind, m) };
            let r = import::apply(&t.db, &back, &req).unwrap();
            assert_eq!((r.created, r.updated, r.rejected), (0, 0, 0), "{kind:?} {format:?}: {:?}", r.duplicates);
            assert_eq!(r.skipped, l.rows.len() as u32);
        }
    }
    assert_eq!(people(&t), people_before);
    assert_eq!(organisation_names(&t), orgs_before);
    assert_eq!(rows(&t, "journal"), journal_before, "nothing was written, not even the same values");
}

#[test]
fn exported_lists_read_back_cell_by_cell() {
    use calamine::{Data, Reader};
    let t = seeded();
    let body = bodies::create(&t, BodyInput { name: "Groupe logement".into(), kind: Some(BodyKind::GroupeTravail), ..Default::default() }).unwrap();
    let sophie = persons::list(&t, &PersonFilter::default()).unwrap()[0].id.clone();
    body_members::add(&t, BodyMemberInput { body_id: body.id.clone(), person_id: Some(sophie), role: Some(MemberRole::Pilote), start_date: s("2025-01-06"), ..Default::default() }).unwrap();
    let out = t.dir.path().join("membres.xlsx");
    let l = maillage_core::lists::list(&t, &ListRequest::Members { body_id: body.id.clone() }).unwrap();
    lists::write(&l, ListFormat::Xlsx, &out).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let range = book.worksheet_range("Membres").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["Nom", "Prénom", "Catégorie", "Courriel", "Téléphone", "Structure", "Fonction", "Rôle", "Depuis", "Jusqu'au"]);
    let row: Vec<&Data> = range.rows().nth(1).unwrap().iter().collect();
    assert_eq!(row[0], &Data::String("Martin".into()));
    assert_eq!(row[1], &Data::String("Sophie".into()));
    assert_eq!(row[3], &Data::String("sophie.martin@caf.fr".into()));
    assert_eq!(row[7], &Data::String("Pilote".into()));
    // A date is a date, not text.
    match row[8] {
        Data::DateTime(d) => assert_eq!(d.as_datetime().unwrap().date().to_string(), "2025-01-06"),
        other => panic!("a date cell, not {other:?}"),
    }
    // The header is frozen and the list is a native table.
    let bytes = std::fs::read(&out).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    assert!(sheet.contains(r#"state="frozen""#), "{sheet}");
    assert!(zip.by_name("xl/tables/table1.xml").is_ok());

    // The CSV: BOM, `;`, dates as French Excel reads them.
    let out = t.dir.path().join("membres.csv");
    lists::write(&l, ListFormat::Csv, &out).unwrap();
    let text = std::fs::read(&out).unwrap();
    assert!(text.starts_with(b"\xEF\xBB\xBFNom;Pr\xC3\xA9nom;"));
    let text = String::from_utf8(text).unwrap();
    assert_eq!(text.lines().nth(1).unwrap(), "Martin;Sophie;Professionnel;sophie.martin@caf.fr;;;;Pilote;06/01/2025;");
}

#[test]
fn a_bodys_members_come_in_and_those_already_seated_are_left_alone() {
    let t = seeded();
    let body = bodies::create(&t, BodyInput { name: "Groupe logement".into(), kind: Some(BodyKind::GroupeTravail), ..Default::default() }).unwrap();
    let path = t.dir.path().join("membres.csv");
    std::fs::write(
        &path,
        "Nom;Prénom;Structure;Rôle;Depuis\n\
         Martin;Sophie;;Pilote;06/01/2025\n\
         Nouveau;Marc;Habitat Corrèze;Membre;\n\
         ;;Restos du coeur;Membre;\n\
         MARTIN;Sophie;;Membre;\n\
         Rival;Léa;;Chef;\n",
    )
    .unwrap();
    let source = import::read(&path).unwrap();
    let m = columns::guess(&t, ImportKind::Members, &source, None, None).unwrap();
    let mut req = request(ImportKind::Members, m);
    // Without the body: a French message, nothing written.
    let err = import::apply(&t.db, &source, &req).unwrap_err();
    assert_eq!(err.to_string(), "Choisissez l'instance dont les membres sont importés.");
    req.body_id = Some(body.id.clone());
    let r = import::apply(&t.db, &source, &req).unwrap();
    assert_eq!((r.rows, r.created, r.skipped, r.rejected), (5, 3, 1, 1));
    assert_eq!(r.new_people, ["Marc Nouveau — Habitat Corrèze"]);
    assert_eq!(r.new_organisations, ["Habitat Corrèze"]);
    assert_eq!((r.rejections[0].line, r.rejections[0].column.as_str()), (6, "Rôle"));
    assert!(r.rejections[0].reason.starts_with("« Chef » n'est pas une valeur connue ; valeurs possibles : Pilote,"), "{}", r.rejections[0].reason);
    let seats: Vec<(String, MemberRole, Option<String>)> = body_members::of_body(&t, &body.id)
        .unwrap()
        .into_iter()
        .map(|m| (m.person.map(|p| p.label).or(m.organisation.map(|o| o.label)).unwrap_or_default(), m.role, m.start_date))
        .collect();
    assert_eq!(
        seats,
        [
            ("Sophie Martin".to_owned(), MemberRole::Pilote, s("2025-01-06")),
            ("Marc Nouveau".to_owned(), MemberRole::Membre, None),
            ("Restos du Cœur".to_owned(), MemberRole::Membre, None),
        ]
    );
}

#[test]
fn bad_files_get_a_french_message_and_nothing_is_written() {
    let t = seeded();
    let dir = t.dir.path();
    let [xlsx, _] = messy_files(&t);
    let good = std::fs::read(&xlsx).unwrap();
    // An Excel file protected by a password: an OLE container with an « EncryptedPackage » stream.
    let mut protected = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    protected.resize(512, 0);
    protected.extend("EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()));
    protected.resize(4096, 0);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("photo.xlsx", (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect(), "ce n'est pas un classeur"),
        ("coupé.xlsx", good[..good.len() / 2].to_vec(), "ce n'est pas un classeur"),
        ("protégé.xlsx", protected, "protégé par un mot de passe"),
        ("vide.csv", Vec::new(), "il est vide"),
        ("blancs.csv", b" \r\n \r\n".to_vec(), "il est vide"),
        ("utf16.csv", "Nom;Commune\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()).collect(), "son encodage n'est pas reconnu"),
        ("binaire.csv", vec![0x81, 0x8D, 0x00, 0x01, 0x02, 0x90, 0x9D], "son encodage n'est pas reconnu"),
    ];
    for (name, bytes, why) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let err = import::read(&path).unwrap_err().to_string();
        assert!(err.starts_with(&format!("Le fichier « {name} » ne peut pas être importé : ")), "{err}");
        assert!(err.contains(why), "{name}: {err}");
        assert!(err.ends_with("Rien n'a été enregistré."), "{err}");
    }
    assert_eq!((rows(&t, "person"), rows(&t, "organisation")), (1, 1));

    // A file without the column the import needs says which one.
    let path = dir.join("sans-nom.csv");
    std::fs::write(&path, "Ville;CP\nBrive;19100\n").unwrap();
    let source = import::read(&path).unwrap();
    let m = columns::guess(&t, ImportKind::Organisations, &source, None, None).unwrap();
    let err = import::preview(&t, &source, &request(ImportKind::Organisations, m)).unwrap_err().to_string();
    assert_eq!(err, "Aucune colonne n'est associée à « Nom » : indiquez quelle colonne du fichier le contient (ou la ligne des en-têtes).");
}

#[test]
fn an_import_stopped_half_way_writes_nothing_and_says_how_far_it_went() {
    let t = seeded();
    let path = t.dir.path().join("gros.csv");
    let mut text = String::from("Nom;Prénom;Courriel\n");
    for i in 0..1200 {
        text.push_str(&format!("Nom{i};Prénom{i};p{i}@exemple.fr\n"));
    }
    std::fs::write(&path, text).unwrap();
    let source = import::read(&path).unwrap();
    let m = columns::guess(&t, ImportKind::People, &source, None, None).unwrap();
    let req = request(ImportKind::People, m);
    let mut seen = Vec::new();
    let err = import::apply_with(&t.db, &source, &req, &mut |done, total| {
        seen.push((done, total));
        done < 500
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "Import annulé : rien n'a été enregistré.");
    assert_eq!(seen, [(0, 1200), (250, 1200), (500, 1200)]);
    assert_eq!(rows(&t, "person"), 1, "the 500 people already made are gone with the transaction");
    let mut last = (0, 0);
    let done = import::apply_with(&t.db, &source, &req, &mut |d, n| {
        last = (d, n);
        true
    })
    .unwrap();
    assert_eq!((done.created, last), (1200, (1200, 1200)));
}

/// LibreOffice's Calc converting a CSV to a workbook as a user opening it would see it, or `None`
/// when LibreOffice is absent (and MAILLAGE_REQUIRE_LIBREOFFICE unset: `make test` sets it once
/// setup.sh installs LibreOffice).
fn libreoffice_opens(csv: &std::path::Path, filter: &str) -> Option<calamine::Range<calamine::Data>> {
    use calamine::Reader;
    let soffice = ["soffice", "libreoffice"].into_iter().find(|p| std::process::Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()));
    let Some(soffice) = soffice else {
        assert!(std::env::var_os("MAILLAGE_REQUIRE_LIBREOFFICE").is_none(), "LibreOffice est requis (MAILLAGE_REQUIRE_LIBREOFFICE) mais soffice est introuvable");
        eprintln!("LibreOffice absent : le CSV n'est relu que par le lecteur de Maillage");
        return None;
    };
    let out = tempfile::tempdir().unwrap();
    // A profile of its own: another LibreOffice running (the tests run in parallel) does not block it.
    let profile = format!("-env:UserInstallation=file://{}", out.path().join("profil").display());
    let status = std::process::Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "xlsx", &format!("--infilter={filter}"), "--outdir"])
        .arg(out.path())
        .arg(csv)
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let xlsx = out.path().join(csv.with_extension("xlsx").file_name().unwrap());
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&status.stdout)));
    let first = book.sheet_names()[0].clone();
    Some(book.worksheet_range(&first).unwrap())
}

#[test]
fn a_csv_list_keeps_leading_zeros_and_never_runs_a_formula_in_a_spreadsheet() {
    use calamine::Data;
    let t = fresh();
    let values = [
        ("=HYPERLINK(\"http://exemple.fr\";\"clic\")", "01000", "0561000000"),
        ("+33 et partenaires", "09200", "+33 5 61 00 00 00"),
        ("@Collectif", "19100", "05 55 00 00 00"),
        ("Épicerie solidaire", "75001", "+33555000000"),
    ];
    for (name, postal_code, phone) in values {
        organisations::create(&t, OrganisationInput { postal_code: Some(postal_code.into()), phone: Some(phone.into()), ..common::org(name, Some("Brive")) }).unwrap();
    }
    let out = t.dir.path().join("organismes.csv");
    let l = maillage_core::lists::list(&t, &ListRequest::Organisations { filter: OrganisationFilter::default() }).unwrap();
    lists::write(&l, ListFormat::Csv, &out).unwrap();
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    assert!(!text.contains("'+") && !text.contains(";'"), "no visible apostrophe: {text}");

    // Maillage's own import reads the typed values back.
    let back = import::read(&out).unwrap();
    let rows = &back.sheets[0].rows;
    let col = |h: &str| rows[0].iter().position(|c| c == h).unwrap();
    let (n, cp, tel) = (col("Nom"), col("Code postal"), col("Téléphone"));
    let mut read: Vec<(String, String, String)> = rows[1..].iter().map(|r| (r[n].clone(), r[cp].clone(), r[tel].clone())).collect();
    read.sort();
    let mut typed: Vec<(String, String, String)> = values.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    typed.sort();
    assert_eq!(read, typed);

    // LibreOffice Calc opening it (as set for the file, and in French): the text as typed, never a
    // number or a formula's result.
    for filter in ["CSV:59,34,76,1", "CSV:59,34,76,1,,1036"] {
        let Some(range) = libreoffice_opens(&out, filter) else { return };
        let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        let header: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
        let at = |h: &str| header.iter().position(|c| c == h).unwrap();
        let mut seen: Vec<(Data, Data, Data)> = cells[1..].iter().map(|r| (r[at("Nom")].clone(), r[at("Code postal")].clone(), r[at("Téléphone")].clone())).collect();
        seen.sort_by_key(|r| r.0.to_string());
        let mut expected: Vec<(Data, Data, Data)> = values.iter().map(|(a, b, c)| (Data::String(a.to_string()), Data::String(b.to_string()), Data::String(c.to_string()))).collect();
        expected.sort_by_key(|r| r.0.to_string());
        assert_eq!(seen, expected, "{filter}");
    }
}

/// `import::read` refuses `bytes` named `name` with a French message naming the file and saying `why`.
fn refused(t: &TestDb, name: &str, bytes: &[u8], why: &str) {
    let path = t.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let err = import::read(&path).unwrap_err().to_string();
    assert!(err.starts_with(&format!("Le fichier « {name} » ne peut pas être importé : ")), "{err}");
    assert!(err.contains(why), "{name}: {why} expected in {err}");
    assert!(err.ends_with("Rien n'a été enregistré."), "{err}");
}

#[test]
fn hostile_zip_bombs_are_refused_before_they_expand() {
    use common::bombs;
    let t = seeded();
    // The hand-made workbooks are real ones: the small list reads.
    let path = t.dir.path().join("petit.xlsx");
    std::fs::write(&path, bombs::small_xlsx()).unwrap();
    let source = import::read(&path).unwrap();
    assert_eq!(source.sheets[0].rows, [vec!["Nom", "Commune"], vec!["Restos du coeur", "19100"]]);
    let path = t.dir.path().join("petit.ods");
    std::fs::write(&path, bombs::ods_repeats(2, 3)).unwrap();
    assert_eq!(import::read(&path).unwrap().sheets[0].rows, [vec!["Nom"], vec!["x", "x", "x"], vec!["x", "x", "x"]]);

    const GB: u64 = 1 << 30;
    let part = |p: &str| format!("sa partie « {p} » dépasse 100 Mo");
    // The issue's 3 MB file whose shared string expands to 3 GB, its directory honest or lying (the
    // zip reader stops at the declared size, where the checksum is wrong: a damaged file).
    let bomb = bombs::huge_shared_string(3 * GB, None);
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    refused(&t, "chaine.xlsx", &bomb, &part("xl/sharedStrings.xml"));
    refused(&t, "chaine-menteuse.xlsx", &bombs::huge_shared_string(3 * GB, Some(1000)), "il est endommagé");
    // A sheet of millions of rows, and a sheet of elements opened inside each other.
    refused(&t, "lignes.xlsx", &bombs::many_rows(3 * GB, None), &part("xl/worksheets/sheet1.xml"));
    refused(&t, "lignes-menteuses.xlsx", &bombs::many_rows(3 * GB, Some(5000)), "il est endommagé");
    refused(&t, "profond.xlsx", &bombs::deep_xml(GB), &part("xl/worksheets/sheet1.xml"));
    // Parts within the limits that expand once read: 200 rows of a cell in column XFD (3.3 million
    // cells with those before them); a 1 MB string in 1,000 cells; 2.3 million cells (slow in a
    // debug build: in the longer runs only).
    refused(&t, "loin.xlsx", &bombs::far_cells(200), "ses feuilles contiennent plus de 2 000 000 cellules");
    if common::probe_rounds(4) > 4 {
        refused(&t, "cellules.xlsx", &bombs::many_rows(60 << 20, None), "ses feuilles contiennent plus de 2 000 000 cellules");
    }
    refused(&t, "partout.xlsx", &bombs::shared_string_everywhere(1 << 20, 1000), "plus de 64 Mo de texte");
    // An ods whose few bytes repeat a cell over a million rows and a thousand columns.
    refused(&t, "repetee.ods", &bombs::ods_repeats(1_000_000, 1000), "ses feuilles contiennent plus de 2 000 000 cellules");
    // A truncated bomb and garbled ones.
    refused(&t, "coupee.xlsx", &bomb[..bomb.len() / 2], "ce n'est pas un classeur");
    for round in 0..common::probe_rounds(4) {
        let mut garbled = bomb.clone();
        for k in 0..8u64 {
            let at = ((round as u64 + 1) * 7919 * (k + 1) * 104_729) as usize % garbled.len();
            garbled[at] ^= 0x5A;
        }
        let path = t.dir.path().join("abimee.xlsx");
        std::fs::write(&path, &garbled).unwrap();
        let err = import::read(&path).unwrap_err().to_string();
        assert!(err.starts_with("Le fichier « abimee.xlsx » ne peut pas être importé : "), "{err}");
    }
    assert_eq!((rows(&t, "person"), rows(&t, "organisation")), (1, 1));
}

#[test]
fn hostile_old_xls_files_are_refused_before_they_expand() {
    use common::bombs;
    let t = seeded();
    // The hand-made .xls is a real one: the small list reads, and a long string cut over the
    // shared string table's records is read whole (and counted so).
    let path = t.dir.path().join("petit.xls");
    std::fs::write(&path, bombs::small_xls()).unwrap();
    assert_eq!(import::read(&path).unwrap().sheets[0].rows, [vec!["Nom", "Commune"], vec!["Restos du coeur", "Brive"]]);
    let long = "Une longue remarque. ".repeat(1000);
    std::fs::write(&path, bombs::xls(&["Nom".into(), long.clone(), "Fin".into()], &[(0, 0, 0), (1, 0, 1), (2, 0, 2)])).unwrap();
    assert_eq!(import::read(&path).unwrap().sheets[0].rows, [vec!["Nom".to_owned()], vec![long], vec!["Fin".to_owned()]]);

    // 60,000 cells showing one string of 30,000 characters: 860 KB that calamine would make 1.8 GB.
    let bomb = bombs::xls_shared_string_everywhere(30_000, 60_000);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    refused(&t, "partout.xls", &bomb, "ses cellules contiennent plus de 64 Mo de texte");
    // Two cells in opposite corners: a sheet of 65,536 × 256 cells.
    refused(&t, "coins.xls", &bombs::xls(&["Nom".into()], &[(0, 0, 0), (65535, 255, 0)]), "plus de 2 000 000 cellules");
    refused(&t, "coupe.xls", &bomb[..bomb.len() / 3], "ce n'est pas un classeur");
    assert_eq!((rows(&t, "person"), rows(&t, "organisation")), (1, 1));
}

/// A contact list in Japanese or Chinese saved in its own encoding is refused as an unknown
/// encoding (it was read as Windows-1252 mojibake, exit 0); a UTF-8 list with invalid bytes names
/// their lines and columns (it lost its « Civilité », « Prénom » and « Catégorie » headers).
#[test]
fn hostile_csv_encodings_other_than_french_ones_are_refused_and_bad_utf8_is_located() {
    let t = seeded();
    // (Headers without accents: these encodings have no « é ».)
    let japanese = "Civilite;Nom;Prenom;Categorie;Courriel\r\n\
                    M.;山田;太郎;Elu;taro@example.jp\r\n\
                    Mme;佐藤;花子;Benevole;hanako@example.jp\r\n\
                    M.;東京;さくら;Professionnel;sakura@example.jp\r\n";
    let chinese = "Civilite;Nom;Prenom;Categorie;Courriel\r\n\
                   M.;张;伟;Elu;wei@example.cn\r\n\
                   Mme;王;芳;Benevole;fang@example.cn\r\n\
                   M.;李;娜;Professionnel;na@example.cn\r\n";
    for (name, encoding, list) in [("sjis.csv", encoding_rs::SHIFT_JIS, japanese), ("gb18030.csv", encoding_rs::GB18030, chinese)] {
        let (bytes, _, unmappable) = encoding.encode(list);
        assert!(!unmappable, "{name}");
        refused(&t, name, &bytes, "son encodage n'est pas reconnu");
    }
    // Short ones too: only names, no French accents to hide them.
    for round in 0..common::probe_rounds(4) {
        let names = ["東京", "山田太郎", "田中", "王", "佐藤", "李"];
        let text = format!("Nom;Prenom\r\n{};{}\r\n", names[round % names.len()], names[(round + 1) % names.len()]);
        for encoding in [encoding_rs::SHIFT_JIS, encoding_rs::GB18030] {
            refused(&t, "court.csv", &encoding.encode(&text).0, "son encodage n'est pas reconnu");
        }
    }
    // Windows-1252 as French Excel writes it still comes in, accents and typography right.
    let french = "Civilité;Nom;Prénom;Catégorie;Courriel\r\nMme;Lefèvre;Hélène;Bénévole;;\r\nM.;Œuvre « Ça » – Brive;Loïc;Élu(e);\r\n";
    let path = t.dir.path().join("excel.csv");
    std::fs::write(&path, encoding_rs::WINDOWS_1252.encode(french).0).unwrap();
    let source = import::read(&path).unwrap();
    assert_eq!(source.sheets[0].rows[0], ["Civilité", "Nom", "Prénom", "Catégorie", "Courriel"]);
    assert_eq!(source.sheets[0].rows[2][1], "Œuvre « Ça » – Brive");

    // UTF-8 with invalid bytes: the lines and columns are named, nothing is written.
    let mut bytes = "Civilité;Nom;Prénom;Catégorie\r\nMme;Lefèvre;Hélène;Bénévole\r\n".as_bytes().to_vec();
    bytes.extend(b"M.;Dupont;Fran\xE7ois;\xC9lu(e)\r\n");
    bytes.extend("Mme;Martin;Léa;Élu(e)\r\n".as_bytes());
    refused(&t, "abime.csv", &bytes, "des caractères y sont illisibles (octets invalides) : ligne 3, colonne C ; ligne 3, colonne D.");
    assert_eq!((rows(&t, "person"), rows(&t, "organisation")), (1, 1));
}
