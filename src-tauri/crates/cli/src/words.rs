//! What `maillage-cli` prints, in French: its help screens' words, its reports and its errors
//! (its flags and variables are named here and only here).

/// The words of clap's help screens, which clap only knows in English (a heading ends with a
/// space: clap adds the colon, and French puts a space before it).
pub mod help {
    pub const TEMPLATE: &str = "{about}\n\nUtilisation : {usage}\n\n{all-args}";
    pub const COMMANDS: &str = "Commandes ";
    pub const COMMAND: &str = "COMMANDE";
    pub const PARAMETERS: &str = "Paramètres ";
    pub const PARAMETERS_TAG: &str = "[PARAMÈTRES]";
    pub const INPUTS: &str = "Entrées ";
    pub fn possible_values(values: &[(String, Option<String>)]) -> String {
        let shown: Vec<String> = values.iter().map(|(v, help)| match help {
            Some(h) => format!("{v} ({h})"),
            None => v.clone(),
        }).collect();
        format!("Valeurs possibles : {}.", shown.join(", "))
    }
    pub fn default_value(v: &str) -> String {
        format!("Par défaut : {v}.")
    }
    pub fn env_var(name: &str) -> String {
        format!("Ou la variable d'environnement {name}.")
    }
}
/// Where the database lives is unsafe for SQLite (a network share): said before anything else.
pub fn storage_warning(warning: &str) -> String {
    format!("Attention : {warning}")
}
pub fn ready(path: &str, version: i64) -> String {
    format!("Base prête : {path} (schéma version {version}).")
}
pub fn damaged(path: &str, messages: &str, broken: u32) -> String {
    let what = match (messages.is_empty(), broken) {
        (false, 0) => messages.to_owned(),
        (false, n) => format!("{messages} ; {n} référence(s) cassée(s)"),
        (true, n) => format!("{n} référence(s) vers des fiches absentes"),
    };
    format!("La base {path} est endommagée : {what}. Restaurez une sauvegarde (maillage-cli backups, puis maillage-cli restore SAUVEGARDE).")
}
pub fn sound(path: &str, version: u32) -> String {
    format!("Base {path} : intègre, schéma version {version}.")
}
#[allow(clippy::too_many_arguments)]
pub fn demo(path: &str, s: &maillage_core::demo::DemoSummary) -> String {
    format!(
        "Démonstration installée dans {path} : {} organismes, {} personnes, {} postes, {} étapes d'adhésion, {} signatures, {} instances, {} réunions, {} invitations, {} présences ou excuses.",
        s.organisations, s.people, s.affiliations, s.membership_events, s.signatures, s.bodies, s.meetings, s.invitations, s.attendance
    )
}
pub fn bilan(label: &str, path: &str, held: f64, bodies: usize, organisations: usize, with_names: bool) -> String {
    let names = if with_names { " — ATTENTION : le classeur contient des noms" } else { "" };
    format!("Bilan {label} écrit dans {path} : {held} réunions tenues, {bodies} instances, {organisations} organismes{names}.")
}
pub fn bilan_unknown_extension(path: &str) -> String {
    format!("« {path} » : extension inconnue. Le bilan s'écrit en classeur Excel (.xlsx) ou en rapport d'activité PDF (.pdf), ODT (.odt) ou DOCX (.docx) : choisissez l'une de ces extensions.")
}
pub fn report_without_names() -> String {
    "Le rapport d'activité ne contient que des totaux : l'option --avec-noms ne vaut que pour le classeur (.xlsx).".to_owned()
}
pub fn report_written(label: &str, path: &str) -> String {
    format!("Rapport d'activité {label} écrit dans {path}.")
}
pub fn archive_written(path: &str, rows: usize, tables: usize, format: &str, version: u32) -> String {
    format!("Archive écrite dans {path} : {rows} lignes, {tables} tables (format {format} version {version}).")
}
pub fn archive_merged(path: &str, db: &str, added: u32, updated: u32, same: u32) -> String {
    format!("Archive {path} fusionnée dans {db} : {added} ligne(s) ajoutée(s), {updated} mise(s) à jour, {same} inchangée(s).")
}
/// Values of an archive written otherwise than Maillage writes them, put in its form (said, not
/// done silently): how many, and the first one.
pub fn archive_normalised(count: u64, table: &str, line: usize, column: &str) -> String {
    format!(
        "{count} valeur(s) écrite(s) autrement que Maillage ne les écrit ont été remises dans sa forme (identifiant en majuscules ou entre accolades, saut de ligne dans un champ d'une ligne, heure avec secondes…) ; la première : table « {table} », ligne {line}, colonne « {column} »."
    )
}
pub fn import_report(m: &maillage_core::model::ImportMapping, s: &maillage_core::model::ImportSummary, dry_run: bool) -> String {
    use maillage_core::model::DuplicateChoice as D;
    let mut out = String::new();
    let columns: Vec<String> = m
        .columns
        .iter()
        .filter_map(|c| c.field.map(|f| format!("{} « {} » → {}", c.letter, c.header, maillage_core::labels::import_field(f))))
        .collect();
    out.push_str(&format!("Fichier {} (feuille « {} », en-têtes ligne {}{}) : {}\n", s.file_name, s.sheet, m.header_line, if m.remembered { ", associations mémorisées" } else { "" }, columns.join(", ")));
    let head = if dry_run { "Aperçu (rien n'a été écrit)" } else if s.written { "Import terminé" } else { "Import annulé : des lignes sont rejetées et --strict ne permet rien d'écrire" };
    // What was done once written; what would be done otherwise.
    let (created, updated) = if !dry_run && s.written { ("créée(s)", "mise(s) à jour") } else { ("à créer", "à mettre à jour") };
    out.push_str(&format!(
        "{head} : {} ligne(s) lue(s), {} {created}, {} {updated}, {} ignorée(s), {} rejetée(s).",
        s.rows, s.created, s.updated, s.skipped, s.rejected
    ));
    if !s.new_organisations.is_empty() {
        out.push_str(&format!("\nOrganismes ajoutés pour les postes : {}.", s.new_organisations.join(", ")));
    }
    if !s.new_people.is_empty() {
        out.push_str(&format!("\nPersonnes ajoutées à l'annuaire : {}.", s.new_people.join(", ")));
    }
    for d in &s.duplicates {
        let what = match d.choice {
            D::Skip => "ignorée",
            D::Merge if d.changes.is_empty() => "fusionnée, rien à changer",
            D::Merge => "fusionnée",
            D::Create => "créée quand même",
        };
        out.push_str(&format!("\nDoublon ligne {} : « {} » ressemble à « {} » ({}) : {what}", d.line, d.row_label, d.existing_label, d.reason));
        if !d.changes.is_empty() {
            out.push_str(&format!(" ({})", d.changes.join(" ; ")));
        }
        out.push('.');
    }
    for r in &s.rejections {
        let column = if r.column.is_empty() { String::new() } else { format!(", colonne {}", r.column) };
        out.push_str(&format!("\nRejet — feuille « {} », ligne {}{column} : {}", r.sheet, r.line, r.reason));
    }
    out
}
pub fn list_format(path: &str) -> String {
    format!("Le fichier « {path} » doit se terminer par .xlsx (classeur) ou .csv.")
}
pub fn list_needs(option: &str) -> String {
    format!("Cette liste demande l'option {option}.")
}
pub fn mailing_written(m: &maillage_core::model::MailingFiles) -> String {
    let mut out = format!("{} destinataire(s) ; fichiers écrits :", m.recipients);
    for f in &m.files {
        out.push_str(&format!("\n  {f}"));
    }
    if !m.without_email.is_empty() {
        out.push_str(&format!("\nSans adresse électronique (à prévenir autrement) : {}", m.without_email.join(", ")));
    }
    if !m.consent_withdrawn.is_empty() {
        out.push_str(&format!("\nNe souhaitent plus être contactés (laissés de côté) : {}", m.consent_withdrawn.join(", ")));
    }
    out
}
pub fn list_written(path: &str, rows: usize) -> String {
    format!("Liste écrite dans {path} : {rows} ligne(s).")
}
pub fn copy_needs_passphrase() -> String {
    "La copie est chiffrée : indiquez sa phrase de passe avec --passphrase-file FICHIER (ou la variable MAILLAGE_PASSPHRASE_FILE).".to_owned()
}
fn local(instant: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(instant)
        .map(|d| d.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| instant.to_owned())
}
pub fn copy_written(s: &maillage_core::sync::copy::CopySummary) -> String {
    let meetings: Vec<String> = s.meetings.iter().map(|m| format!("{} ({})", m.title, m.date)).collect();
    format!(
        "Copie chiffrée écrite dans {} : {} ; {} personnes, {} organismes, {} invitations. Gardez la phrase de passe à part.",
        s.path,
        meetings.join(", "),
        s.people,
        s.organisations,
        s.invitations
    )
}
pub fn merge_report(path: &str, r: &maillage_core::sync::merge::MergeReport) -> String {
    let mut out = Vec::new();
    out.push(if r.applied {
        format!("Copie {path} (préparée le {}) fusionnée.", local(&r.copy.made_at))
    } else if r.nothing_to_do {
        format!("Copie {path} (préparée le {}) : rien à fusionner.", local(&r.copy.made_at))
    } else {
        format!("Aperçu de la fusion de la copie {path} (préparée le {}) — rien n'a été écrit :", local(&r.copy.made_at))
    });
    for c in &r.changes {
        out.push(format!("  {} : {} ajout(s), {} modification(s), {} suppression(s)", c.label, c.added, c.changed, c.removed));
    }
    for c in &r.conflicts {
        let kept = match c.chosen {
            Some(maillage_core::sync::merge::Side::Office) => " → bureau gardé",
            Some(maillage_core::sync::merge::Side::Copy) => " → copie gardée",
            None => " → à trancher",
        };
        out.push(format!(
            "  Conflit — {}, {} : bureau « {} », copie « {} » (avant : « {} »){kept}",
            c.record,
            c.field_label,
            c.office.as_deref().unwrap_or(""),
            c.copy.as_deref().unwrap_or(""),
            c.base.as_deref().unwrap_or("")
        ));
    }
    for d in &r.duplicates {
        let why = match d.reason {
            maillage_core::sync::merge::DuplicateReason::Email => "même courriel",
            maillage_core::sync::merge::DuplicateReason::NameAndOrganisation => "même nom, même organisme",
        };
        let what = if d.merge { "fusionnés" } else { "gardés tous les deux (--fusionner-doublons pour les fusionner)" };
        out.push(format!("  Doublon probable — « {} » (copie) et « {} » (bureau), {why} : {what}", d.copy_name, d.office_name));
    }
    for n in &r.notes {
        out.push(format!("  {n}"));
    }
    if r.unsettled > 0 {
        out.push(format!("{} conflit(s) à trancher : relancez avec --prefer office (garder le bureau) ou --prefer copy (garder la copie), ou fusionnez dans l'application.", r.unsettled));
    }
    if let Some(b) = &r.backup {
        out.push(format!("Sauvegarde faite avant la fusion : {b}"));
    }
    out.join("\n")
}
pub fn backup_written(b: &maillage_core::backup::BackupInfo) -> String {
    format!("Sauvegarde écrite : {} ({} Mo).", b.path, b.size_bytes.div_ceil(1_000_000))
}
pub fn backups(db: &str, list: &[maillage_core::backup::BackupInfo]) -> String {
    if list.is_empty() {
        return format!("Aucune sauvegarde de {db} pour l'instant (maillage-cli backup pour en faire une).");
    }
    let mut out = vec![format!("Sauvegardes de {db}, de la plus récente à la plus ancienne :")];
    for b in list {
        out.push(format!("  {}  {:<24} {}", local(&b.made_at), maillage_core::labels::backup_reason(b.reason), b.path));
    }
    out.join("\n")
}
pub fn erased(r: &maillage_core::privacy::ErasureReport) -> String {
    let mut out = format!("{} personne(s) effacée(s)", r.erased);
    if r.already > 0 {
        out.push_str(&format!(", {} déjà effacée(s)", r.already));
    }
    if r.roles_ended > 0 {
        out.push_str(&format!(", {} rôle(s) dans des instances terminé(s) aujourd'hui", r.roles_ended));
    }
    out.push('.');
    if r.older_backups > 0 {
        out.push_str(&format!(
            " Les {} sauvegarde(s) antérieure(s) contiennent encore ces données jusqu'à leur expiration (durée de conservation des sauvegardes, dans les paramètres).",
            r.older_backups
        ));
    }
    if r.unfinished_backups > 0 {
        out.push_str(&format!(" {}", maillage_core::error::msg::unfinished_backups(r.unfinished_backups)));
    }
    out
}
pub fn purge_preview(p: &maillage_core::privacy::retention::PurgePreview) -> String {
    let last = p.last_purge_on.as_deref().map(|d| format!(" (dernière purge le {})", maillage_core::text::french_date(d))).unwrap_or_default();
    if p.due.is_empty() {
        return format!("Personne n'a dépassé sa durée de conservation{last}.");
    }
    let to_erase = p.due.iter().filter(|d| d.kept.is_none()).count();
    let mut out = vec![format!("{} personne(s) à effacer, {} conservée(s) avec un motif{last} :", to_erase, p.due.len() - to_erase)];
    for d in &p.due {
        let kept = d.kept.as_deref().map(|k| format!(" — CONSERVÉE : {k}")).unwrap_or_default();
        out.push(format!(
            "  {}  {:<32} {:<14} {} (conservation {} ans){kept}",
            d.person_id,
            d.name,
            maillage_core::labels::person_category(d.category),
            d.why,
            d.years
        ));
    }
    out.join("\n")
}
pub fn dossier_written(path: &str, d: &maillage_core::privacy::access::PersonDossier) -> String {
    format!(
        "Données de {} écrites dans {path} : {} poste(s), {} siège(s), {} invitation(s), {} présence(s), {} envoi(s), {} ligne(s) du journal.",
        d.person.display_name,
        d.person.affiliations.len(),
        d.seats.len(),
        d.invitations.len(),
        d.presences.len(),
        d.mailings.len(),
        d.journal.len()
    )
}
pub fn kept(id: &str) -> String {
    format!("La personne {id} est conservée au-delà de sa durée de conservation, avec ce motif.")
}
pub fn journal(entries: &[maillage_core::queries::journal::JournalEntry]) -> String {
    if entries.is_empty() {
        return "Aucune ligne du journal pour ces critères.".to_owned();
    }
    let mut out = Vec::new();
    for j in entries {
        let fields = if j.fields.is_empty() { String::new() } else { format!(" : {}", j.fields.join(", ")) };
        out.push(format!(
            "{}  {}@{}  {:<18} {:<16} {} {}{fields}",
            local(&j.at),
            j.os_user,
            j.machine,
            maillage_core::labels::journal_origin(j.origin),
            maillage_core::labels::journal_action(j.action),
            j.table_label,
            j.record_id
        ));
    }
    out.join("\n")
}
pub fn restored(from: &str, db: &str, safety: &maillage_core::backup::BackupInfo) -> String {
    format!("Sauvegarde {from} restaurée dans {db}. L'état d'avant est gardé dans {}.", safety.path)
}
/// clap's usage errors, in French (its own words are English).
pub fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind as K};
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let what = match e.kind() {
        K::UnknownArgument => format!("argument inconnu « {} »", ctx(ContextKind::InvalidArg)),
        K::InvalidSubcommand => format!("commande inconnue « {} »", ctx(ContextKind::InvalidSubcommand)),
        K::MissingRequiredArgument => format!("argument obligatoire manquant : {}", ctx(ContextKind::InvalidArg)),
        K::MissingSubcommand => "indiquez une commande".to_owned(),
        K::InvalidValue | K::ValueValidation => {
            format!("valeur « {} » refusée pour {}", ctx(ContextKind::InvalidValue), ctx(ContextKind::InvalidArg))
        }
        K::ArgumentConflict => format!("{} ne peut pas être utilisé avec {}", ctx(ContextKind::InvalidArg), ctx(ContextKind::PriorArg)),
        K::TooManyValues | K::TooFewValues | K::WrongNumberOfValues => format!("nombre de valeurs incorrect pour {}", ctx(ContextKind::InvalidArg)),
        K::NoEquals => format!("{} attend une valeur", ctx(ContextKind::InvalidArg)),
        _ => "ligne de commande incorrecte".to_owned(),
    };
    format!("Erreur : {what}.\nPour l'aide : maillage-cli --help (ou maillage-cli COMMANDE --help).")
}
pub fn error(e: &maillage_core::Error) -> String {
    let hint = match e {
        maillage_core::Error::Encrypted { .. } | maillage_core::Error::WrongPassphrase { .. } => "\nIndiquez la phrase de passe avec --passphrase-file FICHIER (ou la variable MAILLAGE_PASSPHRASE_FILE).",
        maillage_core::Error::FileNotFound { .. } => "\nIndiquez le fichier avec --db FICHIER (ou la variable MAILLAGE_DB) ; pour créer une nouvelle base : maillage-cli --db FICHIER init.",
        // The core says « confirmez son remplacement »: here, that is an option.
        maillage_core::Error::Conflict { field, .. } if field == "out" => "\nPour le remplacer : --force (seul un fichier du même genre peut être remplacé).",
        maillage_core::Error::NotADatabase { .. } | maillage_core::Error::NotEmpty { .. } => "\nIndiquez le fichier avec --db FICHIER (ou la variable MAILLAGE_DB).",
        maillage_core::Error::Damaged { latest_backup: Some(_), .. } => "\nEn ligne de commande : maillage-cli --db FICHIER restore SAUVEGARDE.",
        maillage_core::Error::DamagedCopy { .. } => "\nEn ligne de commande, depuis la base du bureau : maillage-cli --db FICHIER --passphrase-file PHRASE copy --meeting ID --out COPIE.",
        maillage_core::Error::Sqlite(_) => "\nVérification : maillage-cli --db FICHIER check",
        _ => "",
    };
    format!("Erreur : {e}{hint}")
}
/// `rapport texte`: what was written, for which section and period.
pub fn report_text_saved(section: &str, period: &str, chars: usize) -> String {
    format!("Texte « {section} » du rapport {period} enregistré ({chars} caractère(s)).")
}
pub fn report_text_erased(section: &str, period: &str) -> String {
    format!("Texte « {section} » du rapport {period} effacé.")
}
/// `rapport textes`: each section's title, then its text (or that there is none).
pub fn report_texts(period: &str, sections: &[(&str, Option<&str>)]) -> String {
    let mut out = format!("Textes du rapport d'activité — {period}");
    for (title, text) in sections {
        out.push_str(&format!("\n\n== {title} ==\n{}", text.unwrap_or("(aucun texte)")));
    }
    out
}
pub fn not_utf8(path: &str) -> String {
    format!("Le fichier « {path} » n'est pas un texte en UTF-8 : enregistrez-le en « Texte (UTF-8) » et recommencez.")
}
