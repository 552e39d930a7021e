//! Files for the secretariat's own mail client — Maillage never sends mail — and the
//! `mailing_log` table that records what was produced, when.
//!
//! Invitations and minutes go to everyone invited (not only to those who came). By default one
//! draft holds every address in Bcc, so that partners do not see each other's addresses.

use std::path::{Path, PathBuf};

use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};
use mail_builder::headers::raw::Raw;
use mail_builder::MessageBuilder;
use rusqlite::{params, Connection};

use crate::db::{new_id, now};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::text::french_date;

/// An invited person with an address, those without one (to reach another way), and those who
/// withdrew their consent to be contacted (left out: RGPD objection).
struct Recipients {
    with_email: Vec<(String, String)>,
    without_email: Vec<String>,
    withdrawn: Vec<String>,
}

fn recipients(conn: &Connection, meeting_id: &str) -> Result<Recipients> {
    let mut r = Recipients { with_email: Vec::new(), without_email: Vec::new(), withdrawn: Vec::new() };
    for inv in super::invitations::of_meeting(conn, meeting_id)? {
        let Some(person) = inv.person else { continue };
        if inv.contact_withdrawn {
            r.withdrawn.push(person.label);
            continue;
        }
        match inv.email {
            Some(e) => r.with_email.push((person.label, e)),
            None => r.without_email.push(person.label),
        }
    }
    Ok(r)
}

/// Who gets a printed letter: invited people (only those without an e-mail address when asked),
/// never those who withdrew their consent to be contacted — named apart for a warning.
pub fn letter_recipients(conn: &Connection, meeting_id: &str, only_without_email: bool) -> Result<LetterRecipients> {
    let mut out = LetterRecipients { invitations: Vec::new(), consent_withdrawn: Vec::new() };
    for inv in super::invitations::of_meeting(conn, meeting_id)? {
        let Some(person) = &inv.person else { continue };
        if inv.contact_withdrawn {
            out.consent_withdrawn.push(person.label.clone());
        } else if !only_without_email || inv.email.is_none() {
            out.invitations.push(inv);
        }
    }
    Ok(out)
}

/// "jeudi 9 novembre 2026 de 14:00 à 16:00, salle du conseil"
fn when_and_where(m: &Meeting) -> String {
    let date = chrono::NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").map(long_french_date).unwrap_or_else(|_| m.date.clone());
    let mut s = date;
    match (&m.start_time, &m.end_time) {
        (Some(a), Some(b)) => s.push_str(&format!(" de {} à {}", a.replace(':', " h "), b.replace(':', " h "))),
        (Some(a), None) => s.push_str(&format!(" à {}", a.replace(':', " h "))),
        _ => {}
    }
    if let Some(p) = &m.place {
        s.push_str(&format!(", {p}"));
    }
    s
}

/// "jeudi 9 novembre 2026": chrono's %A and %B are English, so the words are here.
pub fn long_french_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const DAYS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
    const MONTHS: [&str; 12] = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    let day = if d.day() == 1 { "1er".to_owned() } else { d.day().to_string() };
    format!("{} {} {} {}", DAYS[d.weekday().num_days_from_monday() as usize], day, MONTHS[d.month0() as usize], d.year())
}

fn meeting_name(m: &Meeting) -> String {
    match &m.title {
        Some(t) => format!("{} — {t}", m.body.label),
        None => m.body.label.clone(),
    }
}

fn subject(m: &Meeting, purpose: MailingPurpose) -> String {
    let date = french_date(&m.date);
    match purpose {
        MailingPurpose::Invitation => format!("Invitation : {} du {date}", meeting_name(m)),
        MailingPurpose::CompteRendu => format!("Compte rendu : {} du {date}", meeting_name(m)),
    }
}

fn body_text(m: &Meeting, purpose: MailingPurpose, settings: &Settings) -> Result<String> {
    let signature = settings.agency_name.clone().unwrap_or_else(|| "Le secrétariat".to_owned());
    let mut t = String::from("Madame, Monsieur,\n\n");
    match purpose {
        MailingPurpose::Invitation => {
            t.push_str(&format!("Nous avons le plaisir de vous inviter à la réunion « {} », le {}.\n", meeting_name(m), when_and_where(m)));
            if let Some(a) = &m.agenda {
                t.push_str(&format!("\nOrdre du jour :\n{a}\n"));
            }
            t.push_str("\nMerci de nous faire savoir si vous serez présent(e) ou excusé(e).\n");
        }
        MailingPurpose::CompteRendu => {
            let minutes = m.minutes_text.as_deref().or(m.minutes_path.as_ref().map(|_| "")).ok_or_else(|| Error::invalid("minutes_text", msg::no_minutes()))?;
            t.push_str(&format!("Veuillez trouver ci-dessous le compte rendu de la réunion « {} » du {}.\n", meeting_name(m), french_date(&m.date)));
            if minutes.is_empty() {
                t.push_str("\nLe compte rendu est joint à ce message.\n");
            } else {
                t.push_str(&format!("\n{minutes}\n"));
            }
        }
    }
    t.push_str(&format!("\nBien cordialement,\n\n{signature}\n"));
    Ok(t)
}

/// The calendar invitation: a single event in Paris time (or a whole day when no time is set).
pub fn ics(m: &Meeting, settings: &Settings) -> String {
    let mut ev = Event::new();
    ev.uid(&format!("{}@maillage", m.id)).summary(&meeting_name(m)).timestamp(chrono::Utc::now());
    if let Some(p) = &m.place {
        ev.location(p);
    }
    if let Some(a) = &m.agenda {
        ev.description(&format!("Ordre du jour :\n{a}"));
    }
    let date = chrono::NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").unwrap_or_default();
    let at = |t: &str| {
        let time = chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap_or_default();
        CalendarDateTime::WithTimezone { date_time: date.and_time(time), tzid: "Europe/Paris".to_owned() }
    };
    match (&m.start_time, &m.end_time) {
        (Some(s), Some(e)) => {
            ev.starts(at(s)).ends(at(e));
        }
        (Some(s), None) => {
            ev.starts(at(s));
        }
        _ => {
            ev.all_day(date);
        }
    }
    if m.status == MeetingStatus::Annulee {
        ev.status(icalendar::EventStatus::Cancelled);
    }
    let mut cal = Calendar::new();
    cal.name(settings.agency_name.as_deref().unwrap_or("Maillage"));
    cal.push(ev.done());
    cal.done().to_string()
}

/// A file name without characters that Windows or mail clients refuse.

fn draft(m: &Meeting, purpose: MailingPurpose, settings: &Settings, to: Vec<(String, String)>, bcc: bool) -> Result<Vec<u8>> {
    let from = settings.secretariat_email.clone().unwrap_or_else(|| "secretariat@invalid".to_owned());
    let from_name = settings.agency_name.clone().unwrap_or_else(|| "Secrétariat".to_owned());
    let mut b = MessageBuilder::new()
        .from((from_name, from.clone()))
        .subject(subject(m, purpose))
        // Opened by Outlook and Thunderbird as a draft ready to send, not as a received message.
        .header("X-Unsent", Raw::new("1"))
        .text_body(body_text(m, purpose, settings)?);
    b = if bcc { b.to(from).bcc(to) } else { b.to(to) };
    if purpose == MailingPurpose::Invitation {
        b = b.attachment("text/calendar; method=PUBLISH", "invitation.ics", ics(m, settings).into_bytes());
    }
    b.write_to_vec().map_err(|e| Error::Io { path: "brouillon .eml".into(), source: e })
}

fn write_file(folder: &Path, name: &str, bytes: &[u8]) -> Result<String> {
    let path: PathBuf = folder.join(name);
    std::fs::write(&path, bytes).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
    Ok(path.display().to_string())
}

fn log(conn: &Connection, meeting_id: &str, purpose: MailingPurpose, format: MailingFormat, recipients: usize) -> Result<()> {
    let at = now();
    conn.execute(
        "INSERT INTO mailing_log (id, meeting_id, purpose, format, recipients, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![new_id(), meeting_id, purpose, format, recipients as i64, at],
    )?;
    Ok(())
}

/// Writes the e-mail drafts (one in Bcc, or one per recipient) with the calendar invitation,
/// the `.ics` alone, and the list of addresses, into `req.folder`; logs the sending. For the
/// minutes, it also records the date they were sent.
pub fn produce(conn: &Connection, req: MailingRequest) -> Result<MailingFiles> {
    let purpose = req.purpose.unwrap_or(MailingPurpose::Invitation);
    let folder = PathBuf::from(&req.folder);
    if !folder.is_dir() {
        return Err(Error::invalid("folder", msg::folder_missing(&req.folder)));
    }
    let m = super::meetings::get(conn, &req.meeting_id)?;
    let settings = super::settings::get(conn)?;
    let r = recipients(conn, &req.meeting_id)?;
    if r.with_email.is_empty() {
        return Err(Error::invalid("recipients", msg::no_recipient()));
    }
    let stem = crate::files::safe_file_stem(&format!(
        "{}_{}_{}",
        match purpose { MailingPurpose::Invitation => "Invitation", MailingPurpose::CompteRendu => "Compte_rendu" },
        m.body.label,
        m.date
    ));
    let mut files = Vec::new();
    let tx = crate::db::write_tx(conn)?;
    if req.individual {
        for (name, email) in &r.with_email {
            let bytes = draft(&m, purpose, &settings, vec![(name.clone(), email.clone())], false)?;
            files.push(write_file(&folder, &format!("{stem}_{}.eml", crate::files::safe_file_stem(name)), &bytes)?);
        }
        log(&tx, &m.id, purpose, MailingFormat::EmlIndividuels, r.with_email.len())?;
    } else {
        let bytes = draft(&m, purpose, &settings, r.with_email.clone(), true)?;
        files.push(write_file(&folder, &format!("{stem}.eml"), &bytes)?);
        log(&tx, &m.id, purpose, MailingFormat::EmlCci, r.with_email.len())?;
    }
    if purpose == MailingPurpose::Invitation {
        files.push(write_file(&folder, &format!("{stem}.ics"), ics(&m, &settings).as_bytes())?);
        log(&tx, &m.id, purpose, MailingFormat::Ics, r.with_email.len())?;
    }
    let addresses = r.with_email.iter().map(|(_, e)| e.as_str()).collect::<Vec<_>>().join("; ");
    files.push(write_file(&folder, &format!("{stem}_adresses.txt"), format!("{addresses}\r\n").as_bytes())?);
    log(&tx, &m.id, purpose, MailingFormat::Adresses, r.with_email.len())?;
    if purpose == MailingPurpose::CompteRendu {
        tx.execute("UPDATE meeting SET minutes_sent_on = ?2, updated_at = ?3 WHERE id = ?1", params![m.id, crate::db::today(), now()])?;
    }
    tx.commit()?;
    Ok(MailingFiles { files, recipients: r.with_email.len() as u32, without_email: r.without_email, consent_withdrawn: r.withdrawn })
}

/// The text of the invitation or of the minutes message, as in the e-mail drafts: the printable
/// letter uses the same words.
pub fn text(conn: &Connection, meeting_id: &str, purpose: MailingPurpose) -> Result<String> {
    let m = super::meetings::get(conn, meeting_id)?;
    body_text(&m, purpose, &super::settings::get(conn)?)
}

/// Records that the printable invitation letter was printed for `recipients` people.
pub fn log_letter(conn: &Connection, meeting_id: &str, purpose: MailingPurpose, recipients: u32) -> Result<()> {
    log(conn, meeting_id, purpose, MailingFormat::Lettre, recipients as usize)
}

pub fn log_of(conn: &Connection, meeting_id: &str) -> Result<Vec<MailingLogEntry>> {
    let rows = conn
        .prepare_cached(
            "SELECT id, purpose, format, recipients, created_at FROM mailing_log WHERE meeting_id = ? AND deleted_at IS NULL
             ORDER BY created_at DESC",
        )?
        .query_map([meeting_id], |r| {
            Ok(MailingLogEntry { id: r.get(0)?, purpose: r.get(1)?, format: r.get(2)?, recipients: r.get(3)?, created_at: r.get(4)? })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
