//! Bodies, meetings, invitations and attendance: every counting rule on hand-built data, the
//! guards, check-in and walk-ins, and the mail-client files parsed back by real parsers.

use crate::common;

use common::{fresh, make_org, make_person, rows};
use maillage_core::model::*;
use maillage_core::queries::{affiliations, attendance, bodies, body_members, invitations, meetings, minutes_files, settings};
use maillage_core::mailings;
use maillage_core::Error;

const TODAY_OR_PAST: &str = "2025-03-14";

fn body(c: &maillage_core::db::Connection, name: &str) -> Body {
    bodies::create(c, BodyInput { name: name.into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap()
}

fn meeting(c: &maillage_core::db::Connection, body_id: &str, date: &str) -> Meeting {
    meetings::create(c, MeetingInput { body_id: body_id.into(), date: Some(date.into()), start_time: Some("14:00".into()), end_time: Some("16:30".into()), place: Some("Salle du conseil".into()), agenda: Some("1. Bilan\n2. Projets".into()), ..Default::default() }).unwrap()
}

fn post(c: &maillage_core::db::Connection, person: &str, org: &str, start: &str) {
    affiliations::create(c, AffiliationInput { person_id: person.into(), organisation_id: org.into(), start_date: Some(start.into()), ..Default::default() }).unwrap();
}

fn member(c: &maillage_core::db::Connection, body: &str, person: Option<&str>, org: Option<&str>, role: MemberRole) {
    body_members::add(c, BodyMemberInput { body_id: body.into(), person_id: person.map(Into::into), organisation_id: org.map(Into::into), role: Some(role), ..Default::default() }).unwrap();
}

fn figures(c: &maillage_core::db::Connection, meeting_id: &str) -> MeetingFigures {
    meetings::get(c, meeting_id).unwrap().figures
}

fn invitation_of(c: &maillage_core::db::Connection, meeting_id: &str, person_id: &str) -> Invitation {
    invitations::of_meeting(c, meeting_id).unwrap().into_iter().find(|i| i.person.as_ref().is_some_and(|p| p.id == person_id)).unwrap()
}

#[test]
fn bodies_have_unique_names_and_members_sit_once() {
    let t = fresh();
    let b = body(&t, "Séance plénière");
    assert!(bodies::create(&t, BodyInput { name: "seance pleniere".into(), kind: Some(BodyKind::Pleniere), ..Default::default() }).unwrap_err().to_string().contains("existe déjà"));
    let err = bodies::create(&t, BodyInput { name: "Comité".into(), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("« Type d'instance » est obligatoire"), "{err}");
    let p = make_person(&t, "Anne", "Durand", None);
    member(&t, &b.id, Some(&p.id), None, MemberRole::Membre);
    let err = body_members::add(&t, BodyMemberInput { body_id: b.id.clone(), person_id: Some(p.id.clone()), role: Some(MemberRole::Pilote), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("Anne Durand fait déjà partie"), "{err}");
    let org = make_org(&t, "CAF", None);
    member(&t, &b.id, None, Some(&org.id), MemberRole::Membre);
    member(&t, &b.id, Some(&make_person(&t, "Invitée", "Extérieure", None).id), None, MemberRole::InviteNonMembre);
    assert_eq!(bodies::get(&t, &b.id).unwrap().member_count, 2, "guests are not members");
    // A body with meetings cannot be deleted.
    meeting(&t, &b.id, TODAY_OR_PAST);
    assert!(bodies::remove(&t, &b.id).unwrap_err().to_string().contains("a 1 réunion"));
}

#[test]
fn a_meeting_cannot_end_before_it_starts_and_times_are_checked() {
    let t = fresh();
    let b = body(&t, "Copil");
    let base = MeetingInput { body_id: b.id.clone(), date: Some("2025-01-10".into()), ..Default::default() };
    let err = meetings::create(&t, MeetingInput { start_time: Some("16:00".into()), end_time: Some("14:00".into()), ..base.clone() }).unwrap_err();
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "end_time"));
    assert!(err.to_string().contains("ne peut pas finir avant de commencer"), "{err}");
    let err = meetings::create(&t, MeetingInput { start_time: Some("14h".into()), ..base.clone() }).unwrap_err();
    assert!(err.to_string().contains("HH:MM"), "{err}");
    let err = meetings::create(&t, MeetingInput { date: None, ..base.clone() }).unwrap_err();
    assert!(err.to_string().contains("« Date » est obligatoire"), "{err}");
    assert_eq!(rows(&t, "meeting"), 0);
}

#[test]
fn inviting_the_members_and_guests_in_one_action() {
    let t = fresh();
    let b = body(&t, "Plénière");
    let caf = make_org(&t, "CAF", None);
    let cd = make_org(&t, "Conseil départemental", None);
    let anne = make_person(&t, "Anne", "Durand", Some("anne@caf.fr"));
    post(&t, &anne.id, &caf.id, "2020-01-01");
    let guest = make_person(&t, "Paul", "Invité", None);
    member(&t, &b.id, Some(&anne.id), None, MemberRole::Pilote);
    member(&t, &b.id, None, Some(&cd.id), MemberRole::Membre);
    member(&t, &b.id, Some(&guest.id), None, MemberRole::InviteNonMembre);
    let m = meeting(&t, &b.id, TODAY_OR_PAST);
    let extra = make_person(&t, "Zoé", "Hors", None);
    let out = invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), body_members: true, person_ids: vec![extra.id.clone(), anne.id.clone()], organisation_ids: vec![] }).unwrap();
    assert_eq!(out, InviteOutcome { added: 4, already_invited: 1 });
    let again = invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), body_members: true, ..Default::default() }).unwrap();
    assert_eq!(again, InviteOutcome { added: 0, already_invited: 3 });
    let inv = invitations::of_meeting(&t, &m.id).unwrap();
    let anne_inv = inv.iter().find(|i| i.person.as_ref().is_some_and(|p| p.id == anne.id)).unwrap();
    assert!(anne_inv.is_member);
    assert_eq!(anne_inv.organisation.as_ref().unwrap().label, "CAF", "the organisation represented is kept");
    assert!(!invitation_of(&t, &m.id, &guest.id).is_member);
    assert!(!invitation_of(&t, &m.id, &extra.id).is_member);
    let cd_inv = inv.iter().find(|i| i.person.is_none()).unwrap();
    assert_eq!(cd_inv.organisation.as_ref().unwrap().id, cd.id, "an organisation can be invited without a named person");
    let f = figures(&t, &m.id);
    assert_eq!((f.invited_people, f.invited_members, f.invited_organisations), (3, 1, 2));
    assert_eq!(f.no_reply, 3);
}

/// The network's counting rules, one meeting at a time.
#[test]
fn counting_rules() {
    let t = fresh();
    let b = body(&t, "Plénière");
    let caf = make_org(&t, "CAF", None);
    let udaf = make_org(&t, "UDAF", None);
    let people: Vec<Person> = ["Ana", "Bea", "Cyr", "Dan", "Eve", "Flo"].iter().map(|n| make_person(&t, n, "Test", None)).collect();
    let [ana, bea, cyr, dan, eve, flo] = &people[..] else { unreachable!() };
    for p in [ana, bea] { post(&t, &p.id, &caf.id, "2020-01-01"); }
    for p in [cyr, dan] { post(&t, &p.id, &udaf.id, "2020-01-01"); }
    for p in [ana, bea, cyr, dan, eve] { member(&t, &b.id, Some(&p.id), None, MemberRole::Membre); }
    let m = meeting(&t, &b.id, TODAY_OR_PAST);
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), body_members: true, person_ids: vec![flo.id.clone()], ..Default::default() }).unwrap();
    let morning = meetings::add_session(&t, MeetingSessionInput { meeting_id: m.id.clone(), title: "Matin".into(), ..Default::default() }).unwrap();
    let afternoon = meetings::add_session(&t, MeetingSessionInput { meeting_id: m.id.clone(), title: "Après-midi".into(), ..Default::default() }).unwrap();

    // Ana comes morning and afternoon: one person. Bea comes too: CAF counts once.
    attendance::check_in(&t, &m.id, Some(morning.id.clone()), &ana.id).unwrap();
    attendance::check_in(&t, &m.id, Some(afternoon.id.clone()), &ana.id).unwrap();
    attendance::check_in(&t, &m.id, None, &bea.id).unwrap();
    // Cyr sends apologies (reply), Dan is marked excused at the meeting, Eve never answers,
    // Flo (not a member) comes.
    invitations::set_reply(&t, &invitation_of(&t, &m.id, &cyr.id).id, Reply::Excuse, None).unwrap();
    attendance::set(&t, AttendanceInput { meeting_id: m.id.clone(), person_id: dan.id.clone(), status: Some(AttendanceStatus::Excuse), ..Default::default() }).unwrap();
    attendance::check_in(&t, &m.id, None, &flo.id).unwrap();

    let f = figures(&t, &m.id);
    assert_eq!(f.present, 3, "Ana once, Bea, Flo");
    assert_eq!(f.excused, 2, "excused people never count as present");
    assert_eq!(f.no_reply, 1);
    assert_eq!(f.absent, 0);
    assert_eq!(f.organisations_present, 1, "CAF once although two of its people came");
    assert_eq!(f.organisations_present_or_excused, 2, "UDAF excused");
    assert_eq!(f.non_members_present, 1, "Flo is counted apart");
    assert_eq!((f.members_present, f.invited_members), (2, 5));
    assert_eq!(f.participation_rate, Some(0.4));
    let m_now = meetings::get(&t, &m.id).unwrap();
    assert_eq!(m_now.status, MeetingStatus::Tenue, "the first check-in records that the meeting was held");
    assert_eq!(m_now.sessions.iter().map(|s| s.present).collect::<Vec<_>>(), [1, 1]);

    // "Mark the rest absent" after the meeting: Eve only (Cyr and Dan are excused).
    assert_eq!(attendance::mark_rest_absent(&t, &m.id).unwrap(), 1);
    let f = figures(&t, &m.id);
    assert_eq!((f.absent, f.no_reply), (1, 0));
}

#[test]
fn a_stand_in_fills_the_seat_of_the_person_represented() {
    let t = fresh();
    let b = body(&t, "Comité de pilotage");
    let cd = make_org(&t, "Conseil départemental", None);
    let director = make_person(&t, "Directrice", "Titulaire", None);
    post(&t, &director.id, &cd.id, "2020-01-01");
    member(&t, &b.id, Some(&director.id), None, MemberRole::Membre);
    let m = meeting(&t, &b.id, TODAY_OR_PAST);
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), body_members: true, ..Default::default() }).unwrap();
    let deputy = make_person(&t, "Adjoint", "Suppléant", None);
    attendance::set(&t, AttendanceInput { meeting_id: m.id.clone(), person_id: deputy.id.clone(), status: Some(AttendanceStatus::Present), stand_in_for_person_id: Some(director.id.clone()), ..Default::default() }).unwrap();
    let f = figures(&t, &m.id);
    assert_eq!((f.present, f.represented, f.excused), (1, 1, 0));
    assert_eq!(f.organisations_present, 1, "the stand-in brings the represented organisation");
    assert_eq!(f.non_members_present, 0, "a stand-in takes a member's seat");
    assert_eq!(f.participation_rate, Some(1.0));
    assert_eq!(invitation_of(&t, &m.id, &director.id).stand_in.unwrap().label, "Adjoint Suppléant");
    let err = attendance::set(&t, AttendanceInput { meeting_id: m.id.clone(), person_id: director.id.clone(), status: Some(AttendanceStatus::Present), stand_in_for_person_id: Some(director.id.clone()), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("se représenter elle-même"));
}

#[test]
fn attendance_keeps_the_organisation_of_the_day_after_a_job_change() {
    let t = fresh();
    let b = body(&t, "Réseau des premiers accueillants");
    let caf = make_org(&t, "CAF", None);
    let mission = make_org(&t, "Mission locale", None);
    let agent = make_person(&t, "Léa", "Agent", None);
    post(&t, &agent.id, &caf.id, "2020-01-01");
    let m = meeting(&t, &b.id, "2024-06-11");
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![agent.id.clone()], ..Default::default() }).unwrap();
    attendance::check_in(&t, &m.id, None, &agent.id).unwrap();
    // She leaves the CAF for the Mission locale.
    let old = maillage_core::queries::persons::get(&t, &agent.id).unwrap().affiliations[0].id.clone();
    affiliations::end(&t, &old, Some("2024-09-30".into())).unwrap();
    post(&t, &agent.id, &mission.id, "2024-10-01");
    let org: String = t.query_row("SELECT o.name FROM attendance a JOIN organisation o ON o.id = a.organisation_id WHERE a.meeting_id = ?", [&m.id], |r| r.get(0)).unwrap();
    assert_eq!(org, "CAF", "June's attendance stays credited to the CAF");
    assert_eq!(figures(&t, &m.id).organisations_present, 1);
    // Invited to the December meeting, she now represents the Mission locale.
    let dec = meeting(&t, &b.id, "2024-12-10");
    invitations::invite(&t, InviteRequest { meeting_id: dec.id.clone(), person_ids: vec![agent.id.clone()], ..Default::default() }).unwrap();
    assert_eq!(invitation_of(&t, &dec.id, &agent.id).organisation.unwrap().label, "Mission locale");
}

#[test]
fn cancelled_postponed_and_future_meetings_take_no_attendance() {
    let t = fresh();
    let b = body(&t, "Groupe de veille");
    let p = make_person(&t, "Jean", "Martin", None);
    let m = meeting(&t, &b.id, TODAY_OR_PAST);
    meetings::update(&t, &m.id, MeetingInput { body_id: b.id.clone(), date: Some(m.date.clone()), status: Some(MeetingStatus::Annulee), ..Default::default() }).unwrap();
    let err = attendance::check_in(&t, &m.id, None, &p.id).unwrap_err();
    assert!(err.to_string().contains("est annulée"), "{err}");
    assert_eq!(figures(&t, &m.id).participation_rate, None, "cancelled meetings never count in rates");
    let future = meeting(&t, &b.id, "2999-01-01");
    let err = attendance::check_in(&t, &future.id, None, &p.id).unwrap_err();
    assert!(err.to_string().contains("n'a pas encore eu lieu"), "{err}");
    assert_eq!(rows(&t, "attendance"), 0);
}

#[test]
fn check_in_once_undo_and_walk_ins() {
    let t = fresh();
    let b = body(&t, "Plénière");
    let secours = make_org(&t, "Secours populaire", None);
    let p = make_person(&t, "Hélène", "Vergne", None);
    post(&t, &p.id, &secours.id, "2020-01-01");
    let m = meeting(&t, &b.id, TODAY_OR_PAST);
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![p.id.clone()], ..Default::default() }).unwrap();

    // Three letters of the name, without accent, or of the organisation.
    let hits = attendance::search(&t, &m.id, None, "hel", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].invited && hits[0].status.is_none());
    assert_eq!(attendance::search(&t, &m.id, None, "secours", 10).unwrap()[0].person_id, p.id);
    let id = attendance::check_in(&t, &m.id, None, &p.id).unwrap();
    let err = attendance::check_in(&t, &m.id, None, &p.id).unwrap_err();
    assert!(err.to_string().contains("déjà pointé(e) présent(e)"), "{err}");
    assert_eq!(attendance::search(&t, &m.id, None, "vergne", 10).unwrap()[0].status, Some(AttendanceStatus::Present));
    attendance::undo(&t, &id).unwrap();
    assert_eq!(figures(&t, &m.id).present, 0);
    attendance::check_in(&t, &m.id, None, &p.id).unwrap();

    // Someone of the directory who was not invited shows up after the invited ones.
    let other = make_person(&t, "Hélio", "Nonin", None);
    let hits = attendance::search(&t, &m.id, None, "hel", 10).unwrap();
    assert_eq!(hits.iter().map(|h| (h.person_id.clone(), h.invited)).collect::<Vec<_>>(), [(p.id.clone(), true), (other.id.clone(), false)]);

    // Walk-ins: a known organisation is linked, an unknown one noted on the person.
    let known = attendance::walk_in(&t, WalkInInput { meeting_id: m.id.clone(), name: "Marc Passant".into(), organisation: Some("SECOURS POPULAIRE".into()), ..Default::default() }).unwrap();
    assert_eq!(known.organisation.unwrap().id, secours.id);
    let unknown = attendance::walk_in(&t, WalkInInput { meeting_id: m.id.clone(), name: "Inconnue".into(), organisation: Some("Association X".into()), ..Default::default() }).unwrap();
    let person = maillage_core::queries::persons::get(&t, &unknown.person_id).unwrap();
    assert!(person.notes.unwrap().contains("organisme déclaré : Association X"));
    assert!(attendance::walk_in(&t, WalkInInput { meeting_id: m.id.clone(), name: "  ".into(), ..Default::default() }).unwrap_err().to_string().contains("au moins le nom"));
    let f = figures(&t, &m.id);
    assert_eq!((f.present, f.walk_ins, f.non_members_present, f.organisations_present), (3, 2, 3, 1));
    let c = attendance::counts(&t, &m.id).unwrap();
    assert_eq!((c.people_present, c.people_invited, c.organisations_present, c.organisations_invited), (3, 1, 1, 1));
}

#[test]
fn deleting_a_meeting_with_attendance_needs_confirmation_and_removes_everything() {
    let t = fresh();
    let b = body(&t, "Plénière");
    let p = make_person(&t, "Jean", "Martin", None);
    let m = meeting(&t, &b.id, TODAY_OR_PAST);
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![p.id.clone()], ..Default::default() }).unwrap();
    attendance::check_in(&t, &m.id, None, &p.id).unwrap();
    let err = meetings::remove(&t, &m.id, false).unwrap_err();
    assert!(err.to_string().contains("confirmez la suppression"), "{err}");
    assert!(meetings::get(&t, &m.id).is_ok(), "nothing deleted without confirmation");
    meetings::remove(&t, &m.id, true).unwrap();
    for table in ["meeting", "invitation", "attendance"] {
        let live: i64 = t.query_row(&format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"), [], |r| r.get(0)).unwrap();
        assert_eq!(live, 0, "{table}");
    }
}

/// The bytes of a small PDF-like file: every byte value, so that a text-only path would show.
fn minutes_bytes() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(3000));
    bytes
}

#[test]
fn the_minutes_file_is_kept_in_the_database_and_goes_out_attached() {
    use mail_parser::MimeHeaders;
    let t = fresh();
    settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), secretariat_email: Some("secretariat@ccas-brive.fr".into()), ..Default::default() }).unwrap();
    let b = body(&t, "Comité de suivi");
    let m = meeting(&t, &b.id, TODAY_OR_PAST);
    let a = make_person(&t, "Anne", "Durand", Some("anne@caf.fr"));
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![a.id.clone()], ..Default::default() }).unwrap();
    let out = tempfile::tempdir().unwrap();
    let minutes = |t: &maillage_core::db::Connection| {
        mailings::produce(t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::CompteRendu), audience: Some(MailingAudience::Tous), folder: out.path().display().to_string(), ..Default::default() })
    };

    // Refused, and nothing kept: a missing file, a kind that is not minutes, an empty file, a file too big for an e-mail.
    let err = minutes_files::attach(&t, &m.id, &t.dir.path().join("absent.pdf")).unwrap_err().to_string();
    assert!(err.contains("absent.pdf") && err.contains("il n'existe pas"), "{err}");
    let exe = t.dir.path().join("programme.exe");
    std::fs::write(&exe, b"MZ").unwrap();
    assert_eq!(
        minutes_files::attach(&t, &m.id, &exe).unwrap_err().to_string(),
        "Le fichier « programme.exe » n'est pas d'un type accepté pour un compte rendu : choisissez un fichier .pdf, .odt, .docx, .doc, .rtf ou .txt."
    );
    let empty = t.dir.path().join("vide.pdf");
    std::fs::write(&empty, b"").unwrap();
    assert!(minutes_files::attach(&t, &m.id, &empty).unwrap_err().to_string().contains("« vide.pdf » est vide"));
    let huge = t.dir.path().join("scan.pdf");
    std::fs::File::create(&huge).unwrap().set_len(minutes_files::MAX_SIZE + 1).unwrap();
    let err = minutes_files::attach(&t, &m.id, &huge).unwrap_err().to_string();
    assert!(err.contains("« scan.pdf » pèse 10,0 Mo") && err.contains("ne doit pas dépasser 10,0 Mo"), "{err}");
    assert_eq!(rows(&t, "minutes_file"), 0);

    // Kept in the database: the original can go, the e-mail still carries it.
    let file = t.dir.path().join("Compte rendu 9 nov.PDF");
    std::fs::write(&file, minutes_bytes()).unwrap();
    let after = minutes_files::attach(&t, &m.id, &file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let kept = after.minutes_file.expect("the file is kept");
    assert_eq!((kept.file_name.as_str(), kept.media_type.as_str(), kept.size as usize), ("Compte rendu 9 nov.PDF", "application/pdf", minutes_bytes().len()));
    assert_eq!(kept.sha256, maillage_core::text::sha256_hex(&minutes_bytes()));
    let sent = minutes(&t).unwrap();
    let raw = std::fs::read(sent.files.iter().find(|f| f.ends_with(".eml")).unwrap()).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let part = msg.attachments().find(|p| p.attachment_name() == Some("Compte rendu 9 nov.PDF")).expect("the minutes are attached");
    assert_eq!(part.contents(), minutes_bytes().as_slice(), "the same bytes");
    let ct = part.content_type().unwrap();
    assert_eq!((ct.ctype(), ct.subtype()), ("application", Some("pdf")));
    assert_eq!(msg.attachments().count(), 1, "no calendar file with the minutes");
    let text = msg.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.contains("Veuillez trouver ci-joint le compte rendu de la réunion « Comité de suivi »") && text.contains("(« Compte rendu 9 nov.PDF »)"), "{text}");

    // Typed minutes and a file: the text in the message, the file attached too.
    t.execute("UPDATE meeting SET minutes_text = 'Relevé de décisions' WHERE id = ?1", [&m.id]).unwrap();
    let sent = minutes(&t).unwrap();
    let raw = std::fs::read(sent.files.iter().find(|f| f.ends_with(".eml")).unwrap()).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let text = msg.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.contains("ci-dessous") && text.contains("Relevé de décisions") && text.contains("Il est aussi joint à ce message (« Compte rendu 9 nov.PDF »)."), "{text}");
    assert_eq!(msg.attachments().count(), 1);

    // A copy on disk: the same bytes; an existing file is not replaced without being asked.
    let copy = out.path().join("copie.pdf");
    minutes_files::save_copy(&t, &m.id, &copy, false).unwrap();
    assert_eq!(std::fs::read(&copy).unwrap(), minutes_bytes());
    assert!(minutes_files::save_copy(&t, &m.id, &copy, false).is_err());
    // Asked, it replaces a document (here the PDF itself), never a file of another kind.
    minutes_files::save_copy(&t, &m.id, &copy, true).unwrap();
    let encrypted_like: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&copy, &encrypted_like).unwrap();
    let err = minutes_files::save_copy(&t, &m.id, &copy, true).unwrap_err().to_string();
    assert!(err.contains("semble être un fichier binaire inconnu"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), encrypted_like);

    // Replaced: one row per meeting, the new bytes.
    let second = t.dir.path().join("cr-v2.odt");
    std::fs::write(&second, b"version 2").unwrap();
    let after = minutes_files::attach(&t, &m.id, &second).unwrap();
    assert_eq!(after.minutes_file.as_ref().map(|f| (f.file_name.as_str(), f.media_type.as_str())), Some(("cr-v2.odt", "application/vnd.oasis.opendocument.text")));
    assert_eq!(rows(&t, "minutes_file"), 1);

    // Removed: a tombstone without the bytes; the minutes e-mail goes back to the typed text only.
    let after = minutes_files::remove(&t, &m.id).unwrap();
    assert!(after.minutes_file.is_none());
    let left: (i64, Option<String>) = t.query_row("SELECT length(content), deleted_at FROM minutes_file WHERE id = ?1", [&m.id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(left.0, 0);
    assert!(left.1.is_some());
    assert_eq!(minutes_files::remove(&t, &m.id).unwrap_err().to_string(), "Cette réunion n'a pas de fichier de compte rendu joint.");
    t.execute("UPDATE meeting SET minutes_text = NULL WHERE id = ?1", [&m.id]).unwrap();
    assert!(minutes(&t).unwrap_err().to_string().contains("pas encore de compte rendu"));

    // A file referenced by its path before schema 10: the e-mail asks for it to be attached again, which clears the reference.
    t.execute("UPDATE meeting SET minutes_path = 'C:\\CR\\novembre.pdf' WHERE id = ?1", [&m.id]).unwrap();
    assert_eq!(meetings::get(&t, &m.id).unwrap().minutes_path.as_deref(), Some("C:\\CR\\novembre.pdf"));
    let err = minutes(&t).unwrap_err().to_string();
    assert!(err.contains("n'est référencé que par son chemin (« C:\\CR\\novembre.pdf »)"), "{err}");
    let after = minutes_files::attach(&t, &m.id, &second).unwrap();
    assert!(after.minutes_path.is_none() && after.minutes_file.is_some());
    assert_eq!(rows(&t, "minutes_file"), 1, "the tombstone comes back to life");

    // Removing the meeting takes the file's bytes with it.
    meetings::remove(&t, &m.id, true).unwrap();
    assert_eq!(t.query_row("SELECT length(content) FROM minutes_file", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
}

#[test]
fn eml_drafts_and_ics_parse_back() {
    let t = fresh();
    settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), secretariat_email: Some("secretariat@ccas-brive.fr".into()), ..Default::default() }).unwrap();
    let b = body(&t, "Séance plénière");
    let m = meeting(&t, &b.id, "2026-11-09");
    let a = make_person(&t, "Anne", "Durand", Some("anne@caf.fr"));
    let z = make_person(&t, "Zoé", "Martin", Some("zoe@udaf.fr"));
    let nomail = make_person(&t, "Sans", "Adresse", None);
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![a.id.clone(), z.id.clone(), nomail.id.clone()], ..Default::default() }).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::Invitation), individual: false, folder: dir.path().display().to_string(), ..Default::default() }).unwrap();
    assert_eq!(out.recipients, 2);
    assert_eq!(out.without_email, ["Sans Adresse"]);
    let eml_path = out.files.iter().find(|f| f.ends_with(".eml")).unwrap();
    let raw = std::fs::read(eml_path).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(msg.subject(), Some("Invitation : Séance plénière du 09/11/2026"));
    let bcc: Vec<&str> = msg.bcc().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(bcc, ["anne@caf.fr", "zoe@udaf.fr"], "addresses go in Bcc by default");
    assert_eq!(msg.to().unwrap().first().unwrap().address(), Some("secretariat@ccas-brive.fr"));
    assert_eq!(msg.from().unwrap().first().unwrap().address(), Some("secretariat@ccas-brive.fr"));
    let text = msg.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.contains("lundi 9 novembre 2026 de 14 h 00 à 16 h 30, Salle du conseil"), "{text}");
    assert!(text.contains("Ordre du jour :\n1. Bilan"), "{text}");
    let ics_part = msg.attachments().next().expect("the calendar invitation is attached");
    let ics_text = std::str::from_utf8(ics_part.contents()).unwrap().to_owned();

    for ics in [ics_text, std::fs::read_to_string(out.files.iter().find(|f| f.ends_with(".ics")).unwrap()).unwrap()] {
        let unfolded = icalendar::parser::unfold(&ics);
        let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
        let ev = cal.components.iter().find(|c| c.name == "VEVENT").unwrap();
        assert_eq!(ev.find_prop("SUMMARY").unwrap().val.as_str(), "Séance plénière");
        assert_eq!(ev.find_prop("LOCATION").unwrap().val.as_str(), "Salle du conseil");
        // In UTC (the instant in Paris is checked in local_day.rs, where the zone is set).
        let start = ev.find_prop("DTSTART").unwrap();
        assert!(start.val.as_str().starts_with("20261109T") && start.val.as_str().ends_with('Z'), "{}", start.val.as_str());
        assert!(start.params.iter().all(|p| p.key != "TZID"));
        let expected = mailings::utc_instant(chrono::NaiveDate::from_ymd_opt(2026, 11, 9).unwrap(), chrono::NaiveTime::from_hms_opt(16, 30, 0).unwrap());
        assert_eq!(ev.find_prop("DTEND").unwrap().val.as_str(), expected.format("%Y%m%dT%H%M%SZ").to_string());
        assert_eq!(ev.find_prop("UID").unwrap().val.as_str(), format!("{}@maillage", m.id));
        assert_eq!(ev.find_prop("STATUS").unwrap().val.as_str(), "CONFIRMED");
        assert_eq!(ev.find_prop("ORGANIZER").unwrap().val.as_str(), "mailto:secretariat@ccas-brive.fr");
        assert!(ev.find_prop("SEQUENCE").is_some());
        assert_eq!(cal.properties.iter().find(|p| p.name == "METHOD").map(|p| p.val.as_str()), Some("PUBLISH"));
    }
    let addresses = std::fs::read_to_string(out.files.iter().find(|f| f.ends_with("_adresses.txt")).unwrap()).unwrap();
    assert_eq!(addresses, "anne@caf.fr; zoe@udaf.fr\r\n");

    // One draft per person, each to one address.
    let each = tempfile::tempdir().unwrap();
    let out = mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::Invitation), individual: true, folder: each.path().display().to_string(), ..Default::default() }).unwrap();
    let emls: Vec<&String> = out.files.iter().filter(|f| f.ends_with(".eml")).collect();
    assert_eq!(emls.len(), 2);
    for f in emls {
        let raw = std::fs::read(f).unwrap();
        let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
        assert_eq!(msg.to().unwrap().iter().count(), 1);
        assert!(msg.bcc().is_none());
    }
    // The minutes (here to everyone invited: nobody was marked), and the date they were sent is recorded.
    let err = mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::CompteRendu), folder: dir.path().display().to_string(), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("pas encore de compte rendu"), "{err}");
    let mut input = MeetingInput { body_id: b.id.clone(), date: Some(m.date.clone()), minutes_text: Some("Relevé de conclusions : …".into()), ..Default::default() };
    input.start_time = m.start_time.clone();
    meetings::update(&t, &m.id, input).unwrap();
    let err = mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::CompteRendu), folder: dir.path().display().to_string(), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("Personne à qui écrire parmi « Les présents et les excusés »"), "{err}");
    mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::CompteRendu), audience: Some(MailingAudience::Tous), folder: dir.path().display().to_string(), ..Default::default() }).unwrap();
    let after = meetings::get(&t, &m.id).unwrap();
    assert!(after.minutes_sent_on.is_some());
    let formats: Vec<(MailingPurpose, MailingFormat)> = after.mailings.iter().map(|l| (l.purpose, l.format)).collect();
    assert!(formats.contains(&(MailingPurpose::CompteRendu, MailingFormat::EmlCci)));
    assert!(formats.contains(&(MailingPurpose::Invitation, MailingFormat::EmlIndividuels)));
    assert_eq!(after.mailings.len(), 8);
}

/// The `.ics` attached to a draft: its METHOD and its one event's properties (name → value).
fn attached_calendar(raw: &[u8]) -> (String, std::collections::BTreeMap<String, String>, Vec<String>) {
    use mail_parser::MimeHeaders;
    let msg = mail_parser::MessageParser::default().parse(raw).unwrap();
    let part = msg.attachments().find(|a| a.attachment_name().is_some_and(|n| n.ends_with(".ics"))).expect("un .ics joint");
    let content_type = part.content_type().map(|c| c.attribute("method").unwrap_or_default().to_owned()).unwrap_or_default();
    let text = std::str::from_utf8(part.contents()).unwrap();
    let unfolded = icalendar::parser::unfold(text);
    let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
    let method = cal.properties.iter().find(|p| p.name == "METHOD").map(|p| p.val.to_string()).unwrap_or_default();
    assert_eq!(content_type.to_uppercase(), method, "Content-Type et METHOD s'accordent");
    let ev = cal.components.iter().find(|c| c.name == "VEVENT").unwrap();
    let props = ev.properties.iter().map(|p| (p.name.to_string(), p.val.to_string())).collect();
    let attendees = ev.properties.iter().filter(|p| p.name == "ATTENDEE").map(|p| {
        let params: Vec<String> = p.params.iter().map(|x| format!("{}={}", x.key, x.val.as_ref().map(|v| v.to_string()).unwrap_or_default())).collect();
        format!("{} {}", p.val, params.join(";"))
    }).collect();
    (method, props, attendees)
}

#[test]
fn mailings_by_reply_status_reminders_thanks_and_cancellation() {
    let t = fresh();
    settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), secretariat_email: Some("secretariat@ccas-brive.fr".into()), ..Default::default() }).unwrap();
    let b = body(&t, "Comité de pilotage");
    let m = meeting(&t, &b.id, "2026-11-09");
    let came = make_person(&t, "Anne", "Présente", Some("anne@caf.fr"));
    let sorry = make_person(&t, "Zoé", "Excusée", Some("zoe@udaf.fr"));
    let silent = make_person(&t, "Paul", "Muet", Some("paul@mairie.fr"));
    let no = make_person(&t, "Lou", "Décline", Some("lou@cpam.fr"));
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![came.id.clone(), sorry.id.clone(), silent.id.clone(), no.id.clone()], ..Default::default() }).unwrap();
    let inv_of = |p: &str| invitations::of_meeting(&t, &m.id).unwrap().into_iter().find(|i| i.person.as_ref().unwrap().id == p).unwrap().id;
    invitations::set_reply(&t, &inv_of(&sorry.id), Reply::Excuse, None).unwrap();
    invitations::set_reply(&t, &inv_of(&no.id), Reply::Decline, None).unwrap();
    attendance::check_in(&t, &m.id, None, &came.id).unwrap();

    let produce = |purpose: MailingPurpose, audience: Option<MailingAudience>, individual: bool, calendar: Option<CalendarMethod>| {
        let dir = tempfile::tempdir().unwrap();
        let req = MailingRequest { meeting_id: m.id.clone(), purpose: Some(purpose), audience, calendar, individual, folder: dir.path().display().to_string() };
        mailings::produce(&t, req).map(|out| {
            let emls: Vec<Vec<u8>> = out.files.iter().filter(|f| f.ends_with(".eml")).map(|f| std::fs::read(f).unwrap()).collect();
            let ics: Option<String> = out.files.iter().find(|f| f.ends_with(".ics")).map(|f| std::fs::read_to_string(f).unwrap());
            (out, emls, ics)
        })
    };
    let bcc = |raw: &[u8]| -> Vec<String> {
        let msg = mail_parser::MessageParser::default().parse(raw).unwrap();
        let mut v: Vec<String> = msg.bcc().map(|a| a.iter().filter_map(|x| x.address()).map(str::to_owned).collect()).unwrap_or_default();
        v.sort();
        v
    };

    // Each purpose goes to its usual people.
    let (out, emls, _) = produce(MailingPurpose::Relance, None, false, None).unwrap();
    assert_eq!(bcc(&emls[0]), ["paul@mairie.fr"], "la relance : ceux qui n'ont pas répondu");
    assert_eq!(out.recipients, 1);
    let msg = mail_parser::MessageParser::default().parse(&emls[0]).unwrap();
    assert_eq!(msg.subject(), Some("Relance — invitation : Comité de pilotage du 09/11/2026"));
    assert!(msg.body_text(0).unwrap().contains("nous n'avons pas encore reçu votre réponse"));
    let (invite_method, invite_event, _) = attached_calendar(&emls[0]);
    assert_eq!(invite_method, "PUBLISH");
    t.execute("UPDATE meeting SET minutes_text = 'Relevé de décisions' WHERE id = ?1", [&m.id]).unwrap();
    let (_, emls, ics) = produce(MailingPurpose::CompteRendu, None, false, None).unwrap();
    assert_eq!(bcc(&emls[0]), ["anne@caf.fr", "zoe@udaf.fr"], "le compte rendu : les présents et les excusés");
    assert!(ics.is_none(), "pas de fichier agenda avec le compte rendu");
    let (_, emls, _) = produce(MailingPurpose::CompteRendu, Some(MailingAudience::Tous), false, None).unwrap();
    assert_eq!(bcc(&emls[0]).len(), 4, "ou toutes les personnes invitées, au choix");
    let (_, emls, _) = produce(MailingPurpose::Remerciement, None, false, None).unwrap();
    assert_eq!(bcc(&emls[0]), ["anne@caf.fr"], "les remerciements : les présents");
    assert!(mail_parser::MessageParser::default().parse(&emls[0]).unwrap().body_text(0).unwrap().contains("Merci de votre participation"));

    // A meeting request: one draft per person, each answering to the secretariat.
    let err = produce(MailingPurpose::Invitation, None, false, Some(CalendarMethod::Request)).unwrap_err();
    assert!(err.to_string().contains("un brouillon par personne"), "{err}");
    let (_, emls, ics) = produce(MailingPurpose::Invitation, None, true, Some(CalendarMethod::Request)).unwrap();
    assert_eq!(emls.len(), 4);
    for raw in &emls {
        let (method, ev, attendees) = attached_calendar(raw);
        assert_eq!(method, "REQUEST");
        assert_eq!(ev["ORGANIZER"], "mailto:secretariat@ccas-brive.fr");
        assert_eq!(attendees.len(), 1, "{attendees:?}");
        let to = mail_parser::MessageParser::default().parse(raw).unwrap().to().unwrap().first().unwrap().address().unwrap().to_owned();
        assert!(attendees[0].starts_with(&format!("mailto:{to} ")) && attendees[0].contains("RSVP=TRUE"), "{attendees:?}");
        assert_eq!(ev["UID"], invite_event["UID"], "le même UID à chaque envoi");
    }
    assert!(ics.unwrap().contains("METHOD:PUBLISH"), "le fichier seul n'est jamais une demande");

    // Cancellation (of next month's meeting, where nobody was marked yet): only once the meeting
    // is cancelled; then nothing that invites.
    let next = meeting(&t, &b.id, "2026-12-15");
    invitations::invite(&t, InviteRequest { meeting_id: next.id.clone(), person_ids: vec![came.id.clone(), sorry.id.clone(), silent.id.clone(), no.id.clone()], ..Default::default() }).unwrap();
    let for_next = |purpose: MailingPurpose| {
        let dir = tempfile::tempdir().unwrap();
        let req = MailingRequest { meeting_id: next.id.clone(), purpose: Some(purpose), folder: dir.path().display().to_string(), ..Default::default() };
        mailings::produce(&t, req).map(|out| {
            let eml = std::fs::read(out.files.iter().find(|f| f.ends_with(".eml")).unwrap()).unwrap();
            let ics = std::fs::read_to_string(out.files.iter().find(|f| f.ends_with(".ics")).unwrap()).unwrap();
            (out, eml, ics)
        })
    };
    let (_, eml, _) = for_next(MailingPurpose::Invitation).unwrap();
    let (_, invite_event, _) = attached_calendar(&eml);
    let err = for_next(MailingPurpose::Annulation).unwrap_err();
    assert!(err.to_string().contains("n'est pas annulée"), "{err}");
    // The change comes later than the invitation (SEQUENCE counts seconds since the creation).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let input = MeetingInput { body_id: b.id.clone(), date: Some(next.date.clone()), status: Some(MeetingStatus::Annulee), start_time: next.start_time.clone(), end_time: next.end_time.clone(), place: next.place.clone(), ..Default::default() };
    meetings::update(&t, &next.id, input).unwrap();
    let err = for_next(MailingPurpose::Relance).unwrap_err();
    assert!(err.to_string().contains("préparez plutôt le courriel d'annulation"), "{err}");
    let (out, eml, ics) = for_next(MailingPurpose::Annulation).unwrap();
    assert_eq!(out.recipients, 4, "l'annulation : toutes les personnes invitées");
    let (method, ev, _) = attached_calendar(&eml);
    assert_eq!(method, "CANCEL");
    assert_eq!(ev["STATUS"], "CANCELLED");
    assert_eq!(ev["UID"], invite_event["UID"]);
    assert!(ev["SEQUENCE"].parse::<u32>().unwrap() > invite_event["SEQUENCE"].parse::<u32>().unwrap(), "{} > {}", ev["SEQUENCE"], invite_event["SEQUENCE"]);
    assert!(ics.contains("METHOD:CANCEL"));
    assert!(mail_parser::MessageParser::default().parse(&eml).unwrap().subject().unwrap().starts_with("Annulation : Comité de pilotage"));
    assert_eq!(meetings::get(&t, &next.id).unwrap().mailings.iter().filter(|l| l.purpose == MailingPurpose::Annulation).count(), 3);

    // The log says to whom each went.
    let mut log = meetings::get(&t, &m.id).unwrap().mailings;
    log.extend(meetings::get(&t, &next.id).unwrap().mailings);
    let seen: std::collections::BTreeSet<(MailingPurpose, MailingAudience)> = log.iter().map(|l| (l.purpose, l.audience)).collect();
    for pair in [
        (MailingPurpose::Relance, MailingAudience::SansReponse),
        (MailingPurpose::CompteRendu, MailingAudience::PresentsExcuses),
        (MailingPurpose::CompteRendu, MailingAudience::Tous),
        (MailingPurpose::Remerciement, MailingAudience::Presents),
        (MailingPurpose::Annulation, MailingAudience::Tous),
    ] {
        assert!(seen.contains(&pair), "{pair:?} manque dans {seen:?}");
    }
}

/// The modules of the QR code in a PNG, decoded back as a scanner would.
fn scan_png(png_bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().unwrap().1
}

#[test]
fn a_scanned_check_in_code_checks_the_person_in_and_travels_in_the_invitation() {
    use mail_parser::MimeHeaders;
    let t = fresh();
    settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), secretariat_email: Some("secretariat@ccas-brive.fr".into()), ..Default::default() }).unwrap();
    let b = body(&t, "Séance plénière");
    let today = chrono::Local::now().date_naive().to_string();
    let m = meetings::create(&t, MeetingInput { body_id: b.id.clone(), date: Some(today.clone()), start_time: Some("09:00".into()), ..Default::default() }).unwrap();
    let other = meetings::create(&t, MeetingInput { body_id: b.id.clone(), date: Some(today), start_time: Some("14:00".into()), title: Some("Atelier logement".into()), ..Default::default() }).unwrap();
    let caf = make_org(&t, "CAF", Some("Tulle"));
    let anne = make_person(&t, "Anne", "Durand", Some("anne@caf.fr"));
    post(&t, &anne.id, &caf.id, "2020-01-01");
    let zoe = make_person(&t, "Zoé", "Martin", Some("zoe@udaf.fr"));
    for meeting in [&m.id, &other.id] {
        invitations::invite(&t, InviteRequest { meeting_id: meeting.clone(), person_ids: vec![anne.id.clone(), zoe.id.clone()], ..Default::default() }).unwrap();
    }
    let inv = invitation_of(&t, &m.id, &anne.id);
    let code = maillage_core::checkin_code::of_invitation(&inv.id);

    // The person's own invitation draft carries the code, as text and as a QR code a scanner reads.
    let dir = tempfile::tempdir().unwrap();
    let out = mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::Invitation), individual: true, folder: dir.path().display().to_string(), ..Default::default() }).unwrap();
    let anne_draft = out.files.iter().find(|f| f.ends_with("Anne_Durand.eml")).expect("Anne's draft");
    let raw = std::fs::read(anne_draft).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert!(msg.body_text(0).unwrap().contains(&format!("Code : {code}")));
    let image = msg.attachments().find(|a| a.attachment_name() == Some("code-accueil.png")).expect("the QR code is attached");
    assert_eq!(image.content_type().map(|c| (c.ctype().to_owned(), c.subtype().map(str::to_owned))), Some(("image".into(), Some("png".into()))));
    assert_eq!(scan_png(image.contents()), code);
    // A draft in Bcc is everyone's: no personal code. Nor do the minutes carry one.
    let bcc = tempfile::tempdir().unwrap();
    let out = mailings::produce(&t, MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::Invitation), folder: bcc.path().display().to_string(), ..Default::default() }).unwrap();
    let raw = std::fs::read(out.files.iter().find(|f| f.ends_with(".eml")).unwrap()).unwrap();
    let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert!(msg.attachments().all(|a| a.attachment_name() != Some("code-accueil.png")));

    // Printed letters get the same code as SVG.
    let codes = maillage_core::checkin_code::codes(&t, &m.id).unwrap();
    let printed = codes.iter().find(|c| c.person_id == anne.id).unwrap();
    assert_eq!(printed.code, code);
    assert!(printed.svg.contains("<svg") && printed.svg.contains("viewBox"));

    // At the door: a name being typed is not a code; the code checks Anne in at once, even typed by
    // a US-layout scanner on a French keyboard; a second scan says she is already there.
    assert!(attendance::check_in_by_code(&t, &m.id, None, "Dur").unwrap().is_none());
    let azerty = maillage_core::checkin_code::as_typed_on_azerty(&code);
    let hit = attendance::check_in_by_code(&t, &m.id, None, &azerty).unwrap().expect("checked in");
    assert_eq!((hit.display_name.as_str(), hit.organisation.as_ref().map(|o| o.label.as_str()), hit.status), ("Anne Durand", Some("CAF"), Some(AttendanceStatus::Present)));
    assert_eq!(figures(&t, &m.id).present, 1);
    let again = attendance::check_in_by_code(&t, &m.id, None, &code).unwrap_err().to_string();
    assert!(again.starts_with("Anne Durand est déjà pointé(e) présent(e)"), "{again}");
    // The undo is the same as for any check-in.
    attendance::undo(&t, hit.attendance_id.as_deref().unwrap()).unwrap();
    assert_eq!(figures(&t, &m.id).present, 0);

    // The code of the afternoon workshop's invitation, scanned at the morning's door.
    let afternoon = maillage_core::checkin_code::of_invitation(&invitation_of(&t, &other.id, &zoe.id).id);
    assert_eq!(
        attendance::check_in_by_code(&t, &m.id, None, &afternoon).unwrap_err().to_string(),
        format!("Ce code d'accueil est celui d'une invitation à une autre réunion (« Atelier logement » du {}) : cherchez la personne par son nom.", maillage_core::text::french_date(&other.date))
    );
    // A removed invitation's code.
    let zoe_here = invitation_of(&t, &m.id, &zoe.id);
    invitations::remove(&t, &zoe_here.id).unwrap();
    let err = attendance::check_in_by_code(&t, &m.id, None, &maillage_core::checkin_code::of_invitation(&zoe_here.id)).unwrap_err().to_string();
    assert!(err.starts_with("Ce code d'accueil ne correspond à aucune invitation en cours"), "{err}");
    assert_eq!(figures(&t, &m.id).present, 0);
}

/// A Python that has both `icalendar` and `vobject` (the system's, as `setup.sh --test` installs
/// them, else the one on the PATH), if any.
fn python_with_calendar_parsers() -> Option<&'static str> {
    ["/usr/bin/python3", "python3"].into_iter().find(|py| {
        std::process::Command::new(py).args(["-c", "import icalendar, vobject"]).output().is_ok_and(|o| o.status.success())
    })
}

/// Parses `ics` with Python's `icalendar` and `vobject` and returns, per parser, the event's
/// DTSTART, DTEND and number of ATTENDEE lines.
fn python_reads(py: &str, ics: &str) -> Vec<String> {
    let script = r#"
import sys, icalendar, vobject
text = sys.stdin.read()
cal = icalendar.Calendar.from_ical(text)
ev = [c for c in cal.walk('VEVENT')][0]
att = ev.get('ATTENDEE')
n = 0 if att is None else (len(att) if isinstance(att, list) else 1)
print('icalendar', ev.decoded('DTSTART'), ev.decoded('DTEND'), n)
v = vobject.readOne(text)
ev = v.vevent
print('vobject', ev.dtstart.value, ev.dtend.value, len(ev.contents.get('attendee', [])))
"#;
    use std::io::Write;
    let mut child = std::process::Command::new(py).args(["-c", script]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "Python ne lit pas le .ics : {}\n{ics}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect()
}

#[test]
fn an_all_day_meeting_ends_the_next_day_and_a_publish_names_no_attendee() {
    let t = fresh();
    settings::save(&t, Settings { agency_name: Some("CCAS de Brive".into()), secretariat_email: Some("secretariat@ccas-brive.fr".into()), ..Default::default() }).unwrap();
    let b = body(&t, "Forum des partenaires");
    let m = meetings::create(&t, MeetingInput { body_id: b.id.clone(), date: Some("2026-12-31".into()), place: Some("Salle des fêtes".into()), ..Default::default() }).unwrap();
    let a = make_person(&t, "Anne", "Durand", Some("anne@caf.fr"));
    let z = make_person(&t, "Zoé", "Martin", Some("zoe@udaf.fr"));
    invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: vec![a.id.clone(), z.id.clone()], ..Default::default() }).unwrap();
    let python = python_with_calendar_parsers();
    if python.is_none() {
        eprintln!("Python avec icalendar et vobject absent : seul le lecteur Rust lit les .ics (scripts/setup.sh --test les installe)");
    }
    for (individual, calendar) in [(false, CalendarMethod::Publish), (true, CalendarMethod::Publish), (true, CalendarMethod::Request)] {
        let dir = tempfile::tempdir().unwrap();
        let req = MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::Invitation), calendar: Some(calendar), individual, folder: dir.path().display().to_string(), ..Default::default() };
        let out = mailings::produce(&t, req).unwrap();
        let mut calendars: Vec<String> = out.files.iter().filter(|f| f.ends_with(".ics")).map(|f| std::fs::read_to_string(f).unwrap()).collect();
        for eml in out.files.iter().filter(|f| f.ends_with(".eml")) {
            use mail_parser::MimeHeaders;
            let raw = std::fs::read(eml).unwrap();
            let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
            let part = msg.attachments().find(|p| p.attachment_name().is_some_and(|n| n.ends_with(".ics"))).unwrap();
            calendars.push(std::str::from_utf8(part.contents()).unwrap().to_owned());
        }
        assert!(calendars.len() >= 2);
        for ics in &calendars {
            let unfolded = icalendar::parser::unfold(ics);
            let cal = icalendar::parser::read_calendar(&unfolded).unwrap();
            let method = cal.properties.iter().find(|p| p.name == "METHOD").unwrap().val.to_string();
            let ev = cal.components.iter().find(|c| c.name == "VEVENT").unwrap();
            assert_eq!(ev.find_prop("DTSTART").unwrap().val.as_str(), "20261231");
            assert_eq!(ev.find_prop("DTEND").unwrap().val.as_str(), "20270101", "RFC 5545 : la fin d'une journée entière est le lendemain\n{ics}");
            let attendees = ev.properties.iter().filter(|p| p.name == "ATTENDEE").count();
            match method.as_str() {
                "PUBLISH" => assert_eq!(attendees, 0, "RFC 5546 § 3.2.1 : pas d'ATTENDEE dans un PUBLISH\n{ics}"),
                "REQUEST" => assert_eq!(attendees, 1, "{ics}"),
                other => panic!("{other}"),
            }
            if let Some(py) = python {
                let seen = python_reads(py, ics);
                let n = if method == "REQUEST" { 1 } else { 0 };
                assert_eq!(seen, [format!("icalendar 2026-12-31 2027-01-01 {n}"), format!("vobject 2026-12-31 2027-01-01 {n}")], "{ics}");
            }
        }
    }
}

/// The files a mailing wrote, with the folder they are in (a new one each time).
fn written(out: &MailingFiles) -> (std::path::PathBuf, Vec<String>) {
    let paths: Vec<std::path::PathBuf> = out.files.iter().map(std::path::PathBuf::from).collect();
    let folder = paths[0].parent().unwrap().to_path_buf();
    assert!(paths.iter().all(|p| p.parent() == Some(folder.as_path())));
    let on_disk = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(on_disk, paths.len(), "every file written is listed, none replaced");
    (folder, paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect())
}

#[test]
fn namesakes_get_a_draft_each_and_long_names_keep_the_date() {
    let t = fresh();
    let long = "Commission de suivi et d'orientation « Une visite, un sourire »";
    let b = body(&t, long);
    let first = meeting(&t, &b.id, "2025-03-14");
    let second = meeting(&t, &b.id, "2025-06-13");
    let mut people = Vec::new();
    for (i, (first_name, last)) in [("Marie", "Martin"), ("Marie", "Martin"), ("marie", "MARTIN"), ("Jean", "Dupont")].into_iter().enumerate() {
        people.push(make_person(&t, first_name, last, Some(&format!("p{i}@exemple.fr"))).id);
    }
    let folder = tempfile::tempdir().unwrap();
    let mut folders = std::collections::BTreeSet::new();
    for m in [&first, &second] {
        invitations::invite(&t, InviteRequest { meeting_id: m.id.clone(), person_ids: people.clone(), ..Default::default() }).unwrap();
        for p in &people {
            attendance::check_in(&t, &m.id, None, p).unwrap();
        }
        for individual in [false, true] {
            let req = MailingRequest { meeting_id: m.id.clone(), purpose: Some(MailingPurpose::Remerciement), individual, folder: folder.path().display().to_string(), ..Default::default() };
            let out = mailings::produce(&t, req).unwrap();
            let (dir, names) = written(&out);
            assert!(folders.insert(dir.clone()), "a new folder each time: {dir:?}");
            let dir_name = dir.file_name().unwrap().to_string_lossy().into_owned();
            assert!(dir_name.chars().count() <= 82 && dir_name.starts_with("Remerciements_Commission") && dir_name.contains(&m.date), "{dir_name}");
            for n in &names {
                assert!(n.contains(&m.date), "the date stays in every name: {n}");
                assert!(n.trim_end_matches(".eml").trim_end_matches(".txt").trim_end_matches(".ics").chars().count() <= 82, "{n}");
            }
            let emls: Vec<&String> = names.iter().filter(|n| n.ends_with(".eml")).collect();
            if individual {
                assert_eq!(emls.len(), people.len(), "one draft per person, namesakes included: {names:?}");
                let lower: std::collections::BTreeSet<String> = emls.iter().map(|n| n.to_lowercase()).collect();
                assert_eq!(lower.len(), emls.len(), "distinct even where case does not count: {names:?}");
                // Each draft goes to its own person.
                let mut to: Vec<String> = emls.iter().map(|n| {
                    let raw = std::fs::read(dir.join(n)).unwrap();
                    mail_parser::MessageParser::default().parse(&raw).unwrap().to().unwrap().first().unwrap().address().unwrap().to_owned()
                }).collect();
                to.sort();
                assert_eq!(to, ["p0@exemple.fr", "p1@exemple.fr", "p2@exemple.fr", "p3@exemple.fr"]);
            } else {
                assert_eq!(emls.len(), 1);
            }
        }
    }
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 4);

    // A file or folder already there is never replaced, nor a failed mailing left half-written.
    let taken = folder.path().join(folders.iter().next().unwrap().file_name().unwrap());
    let before = std::fs::read_dir(&taken).unwrap().count();
    t.execute("UPDATE meeting SET minutes_text = NULL", []).unwrap();
    let req = MailingRequest { meeting_id: first.id.clone(), purpose: Some(MailingPurpose::CompteRendu), folder: folder.path().display().to_string(), ..Default::default() };
    assert!(mailings::produce(&t, req).is_err());
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 4);
    assert_eq!(std::fs::read_dir(&taken).unwrap().count(), before);
}

#[test]
fn the_demos_namesakes_get_one_draft_each() {
    let t = fresh();
    maillage_core::demo::generate(&t, "démo").unwrap();
    // The demo's namesakes (7 pairs), all invited to its last meeting (today's plenary).
    let namesakes: Vec<String> = t.prepare(
        "SELECT id FROM person p WHERE email IS NOT NULL AND deleted_at IS NULL AND
         (SELECT count(*) FROM person q WHERE lower(q.first_name || ' ' || q.last_name) = lower(p.first_name || ' ' || p.last_name)) > 1").unwrap()
        .query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(namesakes.len() >= 4, "{namesakes:?}");
    let id: String = t.query_row("SELECT id FROM meeting WHERE status <> 'annulee' ORDER BY date DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    invitations::invite(&t, InviteRequest { meeting_id: id.clone(), person_ids: namesakes.clone(), ..Default::default() }).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let req = MailingRequest { meeting_id: id, purpose: Some(MailingPurpose::Invitation), individual: true, folder: folder.path().display().to_string(), ..Default::default() };
    let out = mailings::produce(&t, req).unwrap();
    let (_, names) = written(&out);
    let emls = names.iter().filter(|n| n.ends_with(".eml")).count();
    assert_eq!(emls, out.recipients as usize, "{names:?}");
    assert!(out.recipients as usize >= namesakes.len());
    assert!(names.iter().filter(|n| n.ends_with("_2.eml")).count() >= namesakes.len() / 2, "{names:?}");
    eprintln!("{emls} brouillons pour {} destinataires", out.recipients);
}
