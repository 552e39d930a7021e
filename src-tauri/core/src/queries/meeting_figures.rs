//! The figures of a meeting, by the counting rules of the network's evaluation:
//!
//! - **Invited (people)**: distinct people invited; **invited members** leave out non-member
//!   guests; **invited (organisations)**: distinct organisations invited, with or without a named
//!   person (a person's invitation counts for the organisation they represent).
//! - **Present**: distinct people marked present, in the meeting or any of its sessions — a
//!   person counts once per meeting — including stand-ins, guests and walk-ins.
//! - **Represented**: invited people who did not come but for whom someone else came
//!   (« représenté par »).
//! - **Excused**: invited people not present nor represented, marked excused or who replied
//!   « excusé ». Excused people never count as present.
//! - **Absent**: invited people of a held meeting neither present, represented nor excused, who
//!   replied (accepted or declined) or were marked absent.
//! - **No reply**: invited people who never replied and were not marked.
//! - **Organisations present**: distinct organisations with at least one person present for
//!   them; **present or excused** adds those whose people were excused or represented.
//! - **Non-members present**: people present who are not members of the body (guests, walk-ins).
//! - **Participation rate** = invited members present or represented ÷ invited members. None for
//!   a cancelled meeting (cancelled meetings never count in rates) or when no member was invited.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::Connection;

use crate::error::Result;
use crate::model::*;

/// One invitation, as the rules need it.
#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub person_id: Option<String>,
    pub organisation_id: Option<String>,
    pub is_member: bool,
    pub reply: Reply,
}

/// One attendance row. `person_key` is the person's id, or the row's own id once the person was
/// erased (so an erased person still counts once).
#[derive(Debug, Clone)]
pub struct AttendanceRow {
    pub person_key: String,
    pub category: PersonCategory,
    pub organisation_id: Option<String>,
    pub status: AttendanceStatus,
    pub is_member: bool,
    pub walk_in: bool,
    pub stand_in_for: Option<String>,
}

pub fn compute(status: MeetingStatus, headcount: Option<u32>, invitations: &[InvitationRow], attendance: &[AttendanceRow]) -> MeetingFigures {
    let held = status == MeetingStatus::Tenue;
    let present: HashSet<&str> = attendance.iter().filter(|a| a.status == AttendanceStatus::Present).map(|a| a.person_key.as_str()).collect();
    let represented_ids: HashSet<&str> = attendance
        .iter()
        .filter(|a| a.status == AttendanceStatus::Present)
        .filter_map(|a| a.stand_in_for.as_deref())
        .filter(|p| !present.contains(p))
        .collect();
    // A person's marks other than present (excused or absent), the last one wins.
    let mut marked: HashMap<&str, AttendanceStatus> = HashMap::new();
    for a in attendance.iter().filter(|a| a.status != AttendanceStatus::Present) {
        marked.insert(a.person_key.as_str(), a.status);
    }

    let mut f = MeetingFigures { headcount, ..Default::default() };
    let mut invited: HashSet<&str> = HashSet::new();
    let mut invited_orgs: HashSet<&str> = HashSet::new();
    let mut orgs_excused: HashSet<&str> = HashSet::new();
    for inv in invitations {
        if let Some(o) = inv.organisation_id.as_deref() {
            invited_orgs.insert(o);
        }
        let Some(p) = inv.person_id.as_deref() else {
            if inv.reply == Reply::Excuse {
                orgs_excused.extend(inv.organisation_id.as_deref());
            }
            continue;
        };
        if !invited.insert(p) {
            continue;
        }
        f.invited_people += 1;
        let is_present = present.contains(p);
        let is_represented = !is_present && represented_ids.contains(p);
        if inv.is_member {
            f.invited_members += 1;
            if is_present || is_represented {
                f.members_present += 1;
            }
        }
        if is_present {
            continue;
        }
        if is_represented {
            f.represented += 1;
            orgs_excused.extend(inv.organisation_id.as_deref());
            continue;
        }
        match (marked.get(p), inv.reply) {
            (Some(AttendanceStatus::Excuse), _) | (None, Reply::Excuse) => {
                f.excused += 1;
                orgs_excused.extend(inv.organisation_id.as_deref());
            }
            (Some(_), _) => f.absent += 1,
            (None, Reply::EnAttente) => f.no_reply += 1,
            (None, Reply::Accepte | Reply::Decline) if held => f.absent += 1,
            (None, _) => {}
        }
    }
    f.invited_organisations = invited_orgs.len() as u32;
    f.present = present.len() as u32;

    let mut orgs_present: HashSet<&str> = HashSet::new();
    let mut non_members: HashSet<&str> = HashSet::new();
    let mut walk_ins: HashSet<&str> = HashSet::new();
    for a in attendance.iter().filter(|a| a.status == AttendanceStatus::Present) {
        orgs_present.extend(a.organisation_id.as_deref());
        if !a.is_member {
            non_members.insert(&a.person_key);
        }
        if a.walk_in {
            walk_ins.insert(&a.person_key);
        }
    }
    // Someone present for a member seat (a stand-in) is not a non-member.
    f.organisations_present = orgs_present.len() as u32;
    f.organisations_present_or_excused = orgs_present.union(&orgs_excused).count() as u32;
    f.non_members_present = non_members.len() as u32;
    f.walk_ins = walk_ins.len() as u32;
    f.participation_rate = (status != MeetingStatus::Annulee && f.invited_members > 0)
        .then(|| f.members_present as f64 / f.invited_members as f64);
    f
}

/// Invitation and attendance rows of the meetings matching `filter` (a condition on the meeting
/// `g`, with `?1`, `?2` bound to `params`), by meeting id. One loader for one meeting and for a
/// whole period, so both count the same rows.
pub(crate) fn load_rows(
    conn: &Connection,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<BTreeMap<String, (Vec<InvitationRow>, Vec<AttendanceRow>)>> {
    let mut out: BTreeMap<String, (Vec<InvitationRow>, Vec<AttendanceRow>)> = BTreeMap::new();
    let mut inv = conn.prepare_cached(&format!(
        "SELECT i.meeting_id, i.person_id, i.organisation_id, i.is_member, i.reply FROM invitation i
         JOIN meeting g ON g.id = i.meeting_id LEFT JOIN person p ON p.id = i.person_id
         WHERE {filter} AND g.deleted_at IS NULL AND i.deleted_at IS NULL AND (i.person_id IS NULL OR p.deleted_at IS NULL)"
    ))?;
    let mut rows = inv.query(params)?;
    while let Some(r) = rows.next()? {
        let row = InvitationRow { person_id: r.get(1)?, organisation_id: r.get(2)?, is_member: r.get(3)?, reply: r.get(4)? };
        out.entry(r.get(0)?).or_default().0.push(row);
    }
    let mut att = conn.prepare_cached(&format!(
        "SELECT a.meeting_id, coalesce(a.person_id, a.id), a.person_category, a.organisation_id, a.status, a.is_member,
                a.walk_in, a.stand_in_for_person_id
         FROM attendance a JOIN meeting g ON g.id = a.meeting_id
         WHERE {filter} AND g.deleted_at IS NULL AND a.deleted_at IS NULL ORDER BY a.recorded_at"
    ))?;
    let mut rows = att.query(params)?;
    while let Some(r) = rows.next()? {
        let row = AttendanceRow {
            person_key: r.get(1)?,
            category: r.get(2)?,
            organisation_id: r.get(3)?,
            status: r.get(4)?,
            is_member: r.get(5)?,
            walk_in: r.get(6)?,
            stand_in_for: r.get(7)?,
        };
        out.entry(r.get(0)?).or_default().1.push(row);
    }
    Ok(out)
}

/// Loads a meeting's rows and computes its figures.
pub fn of_meeting(conn: &Connection, meeting_id: &str) -> Result<MeetingFigures> {
    let (status, headcount): (MeetingStatus, Option<u32>) =
        conn.query_row("SELECT status, headcount FROM meeting WHERE id = ?", [meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let rows = load_rows(conn, "g.id = ?1", &[&meeting_id])?;
    let (invitations, attendance) = rows.get(meeting_id).map(|(i, a)| (i.as_slice(), a.as_slice())).unwrap_or((&[], &[]));
    Ok(compute(status, headcount, invitations, attendance))
}
