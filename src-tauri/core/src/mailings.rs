//! Files for the secretariat's own mail client — Maillage never sends mail: e-mail drafts, calendar
//! files and lists of addresses (what was produced is logged by `queries::mailings`).
//!
//! Invitations and minutes go to everyone invited (not only to those who came). By default one
//! draft holds every address in Bcc, so that partners do not see each other's addresses.

use std::path::{Path, PathBuf};

use icalendar::{Calendar, Component, Event, EventLike};
use mail_builder::headers::raw::Raw;
use mail_builder::MessageBuilder;
use rusqlite::Connection;

use crate::queries::mailings::{log, sequence};
use crate::queries::{meetings, minutes_files, settings};
use crate::error::{msg, Error, Result};
use crate::model::*;
use crate::text::french_date;

/// Who gets a printed letter, and the log of what was produced (the queries', re-exported here).
pub use crate::queries::mailings::{letter_recipients, log_letter, log_of};

/// The invited people a mailing goes to, with an address; those without one (to reach another
/// way); those who withdrew their consent to be contacted (left out: RGPD objection).
struct Recipients {
    /// (name, address, invitation id).
    with_email: Vec<(String, String, String)>,
    without_email: Vec<String>,
    withdrawn: Vec<String>,
}

fn recipients(conn: &Connection, meeting_id: &str, audience: MailingAudience) -> Result<Recipients> {
    let mut r = Recipients { with_email: Vec::new(), without_email: Vec::new(), withdrawn: Vec::new() };
    for inv in crate::queries::invitations::of_meeting(conn, meeting_id)? {
        let Some(person) = inv.person.as_ref() else { continue };
        if !inv.is_in(audience) {
            continue;
        }
        if inv.contact_withdrawn {
            r.withdrawn.push(person.label.clone());
            continue;
        }
        match inv.email {
            Some(e) => r.with_email.push((person.label.clone(), e, inv.id.clone())),
            None => r.without_email.push(person.label.clone()),
        }
    }
    Ok(r)
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
    let name = meeting_name(m);
    match purpose {
        MailingPurpose::Invitation => format!("Invitation : {name} du {date}"),
        MailingPurpose::Relance => format!("Relance — invitation : {name} du {date}"),
        MailingPurpose::CompteRendu => format!("Compte rendu : {name} du {date}"),
        MailingPurpose::Remerciement => format!("Merci de votre participation : {name} du {date}"),
        MailingPurpose::Annulation => format!("Annulation : {name} du {date}"),
    }
}

fn body_text(m: &Meeting, purpose: MailingPurpose, settings: &Settings) -> Result<String> {
    let signature = settings.agency_name.clone().unwrap_or_else(|| "Le secrétariat".to_owned());
    let mut t = String::from("Madame, Monsieur,\n\n");
    let agenda = |t: &mut String| {
        if let Some(a) = &m.agenda {
            t.push_str(&format!("\nOrdre du jour :\n{a}\n"));
        }
    };
    match purpose {
        MailingPurpose::Invitation => {
            t.push_str(&format!("Nous avons le plaisir de vous inviter à la réunion « {} », le {}.\n", meeting_name(m), when_and_where(m)));
            agenda(&mut t);
            t.push_str("\nMerci de nous faire savoir si vous serez présent(e) ou excusé(e).\n");
        }
        MailingPurpose::Relance => {
            t.push_str(&format!(
                "Sauf erreur de notre part, nous n'avons pas encore reçu votre réponse à l'invitation à la réunion « {} », le {}.\n",
                meeting_name(m),
                when_and_where(m)
            ));
            agenda(&mut t);
            t.push_str("\nMerci de nous faire savoir si vous serez présent(e) ou excusé(e).\n");
        }
        MailingPurpose::CompteRendu => {
            let (name, date) = (meeting_name(m), french_date(&m.date));
            match (&m.minutes_text, &m.minutes_file) {
                (Some(text), file) => {
                    t.push_str(&format!("Veuillez trouver ci-dessous le compte rendu de la réunion « {name} » du {date}.\n\n{text}\n"));
                    if let Some(f) = file {
                        t.push_str(&format!("\nIl est aussi joint à ce message (« {} »).\n", f.file_name));
                    }
                }
                (None, Some(f)) => {
                    t.push_str(&format!("Veuillez trouver ci-joint le compte rendu de la réunion « {name} » du {date} (« {} »).\n", f.file_name));
                }
                (None, None) => {
                    return Err(match &m.minutes_path {
                        Some(path) => Error::invalid("minutes_file", msg::minutes_path_not_kept(path)),
                        None => Error::invalid("minutes_text", msg::no_minutes()),
                    });
                }
            }
        }
        MailingPurpose::Remerciement => {
            t.push_str(&format!("Merci de votre participation à la réunion « {} » du {}.\n", meeting_name(m), french_date(&m.date)));
            if m.minutes_text.is_some() || m.minutes_file.is_some() {
                t.push_str("\nLe compte rendu vous sera adressé séparément.\n");
            }
        }
        MailingPurpose::Annulation => {
            t.push_str(&format!(
                "Nous sommes au regret de vous informer que la réunion « {} », prévue le {}, est annulée.\n",
                meeting_name(m),
                when_and_where(m)
            ));
            t.push_str("\nNous vous prions de nous excuser pour ce changement.\n");
        }
    }
    t.push_str(&format!("\nBien cordialement,\n\n{signature}\n"));
    Ok(t)
}

/// What a calendar file says to the calendar that opens it (RFC 5546's METHOD).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    /// Add the event as it is.
    Publish,
    /// A meeting request, answered (accept / decline) to the organizer: one attendee per file.
    Request,
    /// Remove the event sent before (same UID, higher SEQUENCE).
    Cancel,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// The instant of a wall-clock time of the agency. Meeting times are typed in the office's time,
/// which is the machine's zone (the same as `db::today`); written in UTC, the instant is the same
/// in every calendar — Outlook shifts a time whose TZID is named without a VTIMEZONE. A time that
/// does not exist (the hour skipped in March) is taken one hour later, as clocks show it.
pub fn utc_instant(date: chrono::NaiveDate, time: chrono::NaiveTime) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let local = date.and_time(time);
    chrono::Local
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| chrono::Local.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_else(|| chrono::Utc.from_utc_datetime(&local))
}

/// The calendar file of a meeting: one event, in UTC (or a whole day when no time is set), with a
/// UID stable across re-sends, and for a request (only) the one attendee it is addressed to.
fn calendar(m: &Meeting, settings: &Settings, method: Method, seq: u32, attendee: Option<&(String, String)>) -> String {
    let mut ev = Event::new();
    ev.uid(&format!("{}@maillage", m.id)).sequence(seq).summary(&meeting_name(m)).timestamp(chrono::Utc::now());
    if let Some(p) = &m.place {
        ev.location(p);
    }
    if let Some(a) = &m.agenda {
        ev.description(&format!("Ordre du jour :\n{a}"));
    }
    let date = chrono::NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").unwrap_or_default();
    let at = |t: &str| utc_instant(date, chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap_or_default());
    match (&m.start_time, &m.end_time) {
        (Some(s), Some(e)) => {
            ev.starts(at(s)).ends(at(e));
        }
        (Some(s), None) => {
            ev.starts(at(s));
        }
        _ => {
            // RFC 5545 § 3.6.1: a whole day's DTEND is the next day (exclusive); the same date
            // would make an event that lasts no time at all.
            ev.starts(date).ends(date.succ_opt().unwrap_or(date));
        }
    }
    if let Some(email) = &settings.secretariat_email {
        let name = settings.agency_name.as_deref().unwrap_or("Secrétariat").replace('"', "'");
        ev.append_property(icalendar::Property::new("ORGANIZER", format!("mailto:{email}")).add_parameter("CN", &name).done());
    }
    if let Some((name, email)) = attendee {
        let mut p = icalendar::Property::new("ATTENDEE", format!("mailto:{email}"));
        p.add_parameter("CN", &name.replace('"', "'")).add_parameter("ROLE", "REQ-PARTICIPANT");
        p.add_parameter("PARTSTAT", "NEEDS-ACTION").add_parameter("RSVP", "TRUE");
        ev.append_multi_property(p.done());
    }
    ev.status(if method == Method::Cancel { icalendar::EventStatus::Cancelled } else { icalendar::EventStatus::Confirmed });
    let mut cal = Calendar::new();
    cal.name(settings.agency_name.as_deref().unwrap_or("Maillage"));
    cal.append_property(("METHOD", method.name()));
    cal.push(ev.done());
    cal.done().to_string()
}

/// The calendar file of a meeting as it stands: its cancellation when it is cancelled, else the
/// event to add (the file the secretariat attaches or opens itself).
pub fn ics(conn: &Connection, meeting_id: &str) -> Result<String> {
    let m = meetings::get(conn, meeting_id)?;
    Ok(calendar(&m, &settings::get(conn)?, as_it_stands(&m), sequence(conn, meeting_id)?, None))
}

/// A file for the secretariat's own calendar, never a request (nobody to answer it).
fn as_it_stands(m: &Meeting) -> Method {
    if m.status == MeetingStatus::Annulee { Method::Cancel } else { Method::Publish }
}

/// The calendar method of a mailing: invitations and reminders carry the event (as chosen), a
/// cancellation removes it, the other mailings carry none.
fn method_of(purpose: MailingPurpose, chosen: CalendarMethod) -> Option<Method> {
    if purpose.invites() {
        Some(match chosen {
            CalendarMethod::Publish => Method::Publish,
            CalendarMethod::Request => Method::Request,
        })
    } else if purpose == MailingPurpose::Annulation {
        Some(Method::Cancel)
    } else {
        None
    }
}

struct Draft<'a> {
    meeting: &'a Meeting,
    purpose: MailingPurpose,
    settings: &'a Settings,
    /// The message's text, the same in every draft of the mailing.
    text: String,
    method: Option<Method>,
    sequence: u32,
    /// The minutes file, attached to the minutes e-mail.
    attachment: Option<(MinutesFile, Vec<u8>)>,
}

impl Draft<'_> {
    /// The draft to `to`: in Bcc (`invitation` is `None`), or to one person, whose check-in code
    /// goes with an invitation or a reminder.
    fn write(&self, to: Vec<(String, String)>, invitation: Option<&String>) -> Result<Vec<u8>> {
        let (m, settings) = (self.meeting, self.settings);
        let bcc = invitation.is_none();
        let from = settings.secretariat_email.clone().unwrap_or_else(|| "secretariat@invalid".to_owned());
        let from_name = settings.agency_name.clone().unwrap_or_else(|| "Secrétariat".to_owned());
        // RFC 5546 § 3.2.1: a PUBLISH carries no ATTENDEE; a REQUEST names the one person it asks.
        let attendee = if bcc || self.method != Some(Method::Request) { None } else { to.first().cloned() };
        let mut b = MessageBuilder::new()
            .from((from_name, from.clone()))
            .subject(subject(m, self.purpose))
            // Opened by Outlook and Thunderbird as a draft ready to send, not as a received message.
            .header("X-Unsent", Raw::new("1"));
        let code = invitation.filter(|_| self.purpose.invites()).map(|id| crate::checkin_code::of_invitation(id));
        b = match &code {
            Some(code) => b.text_body(format!("{}\n{}\n", self.text, msg::checkin_code_in_mail(crate::checkin_code::IMAGE_FILE_NAME, code))),
            None => b.text_body(self.text.as_str()),
        };
        if let Some(code) = &code {
            b = b.attachment("image/png", crate::checkin_code::IMAGE_FILE_NAME, crate::checkin_code::png(code));
        }
        b = if bcc { b.to(from).bcc(to) } else { b.to(to) };
        if let Some((file, bytes)) = &self.attachment {
            b = b.attachment(file.media_type.clone(), file.file_name.clone(), bytes.as_slice());
        }
        if let Some(method) = self.method {
            let ics = calendar(m, settings, method, self.sequence, attendee.as_ref());
            let name = if method == Method::Cancel { "annulation.ics" } else { "invitation.ics" };
            b = b.attachment(format!("text/calendar; method={}; charset=utf-8", method.name()), name, ics.into_bytes());
        }
        b.write_to_vec().map_err(|e| Error::Io { path: "brouillon .eml".into(), source: e })
    }
}

fn write_file(folder: &Path, name: &str, bytes: &[u8]) -> Result<String> {
    let path: PathBuf = folder.join(name);
    crate::files::write_new(&path, bytes)?;
    Ok(path.display().to_string())
}

/// Checks that `purpose` makes sense for the meeting as it stands: a cancelled meeting gets its
/// cancellation, and nothing else that invites.
fn check_purpose(m: &Meeting, purpose: MailingPurpose) -> Result<()> {
    let cancelled = m.status == MeetingStatus::Annulee;
    match purpose {
        MailingPurpose::Annulation if !cancelled => Err(Error::invalid("purpose", msg::cancel_needs_cancelled())),
        p if p.invites() && cancelled => Err(Error::invalid("purpose", msg::meeting_cancelled_send_cancel())),
        _ => Ok(()),
    }
}

/// Writes the e-mail drafts (one in Bcc, or one per recipient) — with the calendar file for an
/// invitation, a reminder or a cancellation —, the `.ics` alone, and the list of addresses, into
/// a new folder inside `req.folder`, for the people of `req.audience` (by default the purpose's usual ones); logs the
/// mailing. For the minutes, it also records the date they were sent.
pub fn produce(conn: &Connection, req: MailingRequest) -> Result<MailingFiles> {
    let purpose = req.purpose.unwrap_or(MailingPurpose::Invitation);
    let audience = req.audience.unwrap_or_else(|| MailingAudience::default_for(purpose));
    let folder = PathBuf::from(&req.folder);
    if !folder.is_dir() {
        return Err(Error::invalid("folder", msg::folder_missing(&req.folder)));
    }
    let m = meetings::get(conn, &req.meeting_id)?;
    check_purpose(&m, purpose)?;
    let settings = settings::get(conn)?;
    // Its text first: minutes to send must exist, whoever they go to.
    let text = body_text(&m, purpose, &settings)?;
    let method = method_of(purpose, req.calendar.unwrap_or(CalendarMethod::Publish));
    if method == Some(Method::Request) {
        if settings.secretariat_email.is_none() {
            return Err(Error::invalid("calendar", msg::request_needs_secretariat_email()));
        }
        if !req.individual {
            return Err(Error::invalid("calendar", msg::request_needs_individual_drafts()));
        }
    }
    let r = recipients(conn, &req.meeting_id, audience)?;
    if r.with_email.is_empty() {
        return Err(Error::invalid("recipients", msg::no_recipient_in(crate::labels::mailing_audience(audience))));
    }
    let attachment = match (&m.minutes_file, purpose) {
        (Some(file), MailingPurpose::CompteRendu) => Some((file.clone(), minutes_files::bytes(conn, &m.id)?)),
        _ => None,
    };
    let draft = Draft { meeting: &m, purpose, settings: &settings, text, method, sequence: sequence(conn, &m.id)?, attachment };
    // A folder of its own, new: a second mailing never replaces the first one's files, and the
    // names keep what the mailing is and its date however long the body's name.
    let kind = crate::labels::mailing_purpose(purpose);
    let stem = crate::files::safe_file_stem_of(&[kind, &m.body.label, &m.date], 1);
    let out = crate::files::fresh_folder(&folder, &stem)?;
    let written = write_mailing(conn, &out, &stem, &draft, req.individual, &r, audience);
    if written.is_err() {
        // Only this call's folder, made just now: a failed mailing leaves nothing behind.
        let _ = std::fs::remove_dir_all(&out);
    }
    Ok(MailingFiles { files: written?, recipients: r.with_email.len() as u32, without_email: r.without_email, consent_withdrawn: r.withdrawn })
}

/// Writes a mailing's files into `out` (a folder made for it) and logs them, in one transaction.
fn write_mailing(conn: &Connection, out: &Path, stem: &str, draft: &Draft<'_>, individual: bool, r: &Recipients, audience: MailingAudience) -> Result<Vec<String>> {
    let (m, purpose) = (draft.meeting, draft.purpose);
    let mut files = Vec::new();
    let tx = crate::db::write_tx(conn)?;
    if individual {
        // One file per person: namesakes get a number, never each other's draft.
        let mut names = crate::files::UniqueNames::default();
        let kind = crate::labels::mailing_purpose(purpose);
        for (name, email, invitation_id) in &r.with_email {
            let bytes = draft.write(vec![(name.clone(), email.clone())], Some(invitation_id))?;
            let file = names.take(&crate::files::safe_file_stem_of(&[kind, &m.date, name], 2));
            files.push(write_file(out, &format!("{file}.eml"), &bytes)?);
        }
        log(&tx, &m.id, purpose, audience, MailingFormat::EmlIndividuels, r.with_email.len())?;
    } else {
        let bytes = draft.write(r.with_email.iter().map(|(n, e, _)| (n.clone(), e.clone())).collect(), None)?;
        files.push(write_file(out, &format!("{stem}.eml"), &bytes)?);
        log(&tx, &m.id, purpose, audience, MailingFormat::EmlCci, r.with_email.len())?;
    }
    if draft.method.is_some() {
        let alone = calendar(m, draft.settings, as_it_stands(m), draft.sequence, None);
        files.push(write_file(out, &format!("{stem}.ics"), alone.as_bytes())?);
        log(&tx, &m.id, purpose, audience, MailingFormat::Ics, r.with_email.len())?;
    }
    let addresses = r.with_email.iter().map(|(_, e, _)| e.as_str()).collect::<Vec<_>>().join("; ");
    let list = crate::files::safe_file_stem_of(&[crate::labels::mailing_purpose(purpose), &m.body.label, &m.date, "adresses"], 1);
    files.push(write_file(out, &format!("{list}.txt"), format!("{addresses}\r\n").as_bytes())?);
    log(&tx, &m.id, purpose, audience, MailingFormat::Adresses, r.with_email.len())?;
    if purpose == MailingPurpose::CompteRendu {
        crate::queries::mailings::mark_minutes_sent(&tx, &m.id)?;
    }
    tx.commit()?;
    Ok(files)
}

/// The text of the invitation or of the minutes message, as in the e-mail drafts: the printable
/// letter uses the same words.
pub fn text(conn: &Connection, meeting_id: &str, purpose: MailingPurpose) -> Result<String> {
    let m = meetings::get(conn, meeting_id)?;
    body_text(&m, purpose, &settings::get(conn)?)
}
