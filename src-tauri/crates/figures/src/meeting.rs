//! The figures of one meeting, by the counting rules of the network's evaluation (their French
//! wording is in [`super::definitions`], which the workbook prints):
//!
//! - **Invited (people)**: distinct people invited; **invited members** leave out non-member
//!   guests; **invited (organisations)**: distinct organisations invited, with or without a named
//!   person (a person's invitation counts for the organisation they were invited for).
//! - **Present**: distinct people marked present, in the meeting or any of its sessions — a person
//!   counts once per meeting — including stand-ins, guests and walk-ins.
//! - **Represented**: invited people who did not come but for whom someone else came
//!   (« représenté par »).
//! - **Excused**: invited people neither present nor represented, marked excused (at one session
//!   at least) or, with no mark, who replied « excusé ». Excused people never count as present.
//! - **Absent**: invited people neither present, represented nor excused, marked absent or, with
//!   no mark, who replied (accepted or declined) to a held meeting.
//! - **No reply**: invited people with no mark who never replied.
//! - **Organisations present**: distinct organisations with someone present for them (the
//!   organisation recorded on the day); **present or excused** adds those whose invited people
//!   were excused or represented, and those invited alone who sent apologies.
//! - **Non-members present**: people present only on non-member seats (guests, walk-ins).
//! - **Members present or represented** (numerator of the participation rate): invited members
//!   present, plus the seats of invited members who did not come but were represented by someone
//!   who was not an invited member themselves — at most one seat per stand-in, one per member.
//! - **Participation rate** = members present or represented ÷ invited members, for a held
//!   meeting only: none for a planned, postponed or cancelled meeting, or when no member was
//!   invited.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as Set};

use super::rows::{AttendanceRow, InvitationRow, Key};
use crate::model::*;

/// A meeting's figures and the sets they were counted from, so that figures over a period can
/// count distinct people and organisations by the same classification.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub figures: MeetingFigures,
    /// People present.
    pub present: Set<Key>,
    /// Invited people who were excused or represented.
    pub excused_or_represented: Set<Key>,
    pub organisations_invited: Set<Key>,
    pub organisations_present: Set<Key>,
    /// Organisations excused or represented (see the module's rules), present or not.
    pub organisations_excused: Set<Key>,
}

pub fn compute(status: MeetingStatus, headcount: Option<u32>, invitations: &[InvitationRow], attendance: &[AttendanceRow]) -> MeetingFigures {
    tally(status, headcount, invitations, attendance).figures
}

pub fn tally(status: MeetingStatus, headcount: Option<u32>, invitations: &[InvitationRow], attendance: &[AttendanceRow]) -> Tally {
    let held = status == MeetingStatus::Tenue;
    let mut t = Tally { figures: MeetingFigures { headcount, ..Default::default() }, ..Default::default() };
    let f = &mut t.figures;

    // Each invited person once (the first invitation wins; the schema allows one anyway).
    let mut invited: HashMap<Key, &InvitationRow> = HashMap::default();
    for inv in invitations {
        t.organisations_invited.extend(inv.organisation);
        match inv.person {
            Some(p) => {
                invited.entry(p).or_insert(inv);
            }
            None if inv.reply == Reply::Excuse => {
                t.organisations_excused.extend(inv.organisation);
            }
            None => {}
        }
    }
    let invited_member = |p: &Key| invited.get(p).is_some_and(|i| i.is_member);

    // What the marks say, person by person.
    let mut member_seat: Set<Key> = Set::default();
    let mut non_member_seat: Set<Key> = Set::default();
    let mut walk_ins: Set<Key> = Set::default();
    let mut marked_excused: Set<Key> = Set::default();
    let mut marked_absent: Set<Key> = Set::default();
    // Who stood in for whom: stand-in → people they came for.
    let mut stood_in: HashMap<Key, Set<Key>> = HashMap::default();
    for a in attendance {
        let key = a.person;
        match a.status {
            AttendanceStatus::Present => {
                t.present.insert(key);
                t.organisations_present.extend(a.organisation);
                if a.is_member { member_seat.insert(key) } else { non_member_seat.insert(key) };
                if a.walk_in {
                    walk_ins.insert(key);
                }
                if let Some(other) = a.stand_in_for {
                    stood_in.entry(key).or_default().insert(other);
                }
            }
            AttendanceStatus::Excuse => {
                marked_excused.insert(key);
            }
            AttendanceStatus::Absent => {
                marked_absent.insert(key);
            }
        }
    }
    let represented: Set<Key> = stood_in.values().flatten().copied().filter(|p| !t.present.contains(p) && invited.contains_key(p)).collect();

    for (p, inv) in &invited {
        f.invited_people += 1;
        if inv.is_member {
            f.invited_members += 1;
            if t.present.contains(p) {
                f.members_present += 1;
            }
        }
        if t.present.contains(p) {
            continue;
        }
        if represented.contains(p) {
            f.represented += 1;
            t.excused_or_represented.insert(*p);
            t.organisations_excused.extend(inv.organisation);
        } else if marked_excused.contains(p) || (!marked_absent.contains(p) && inv.reply == Reply::Excuse) {
            f.excused += 1;
            t.excused_or_represented.insert(*p);
            t.organisations_excused.extend(inv.organisation);
        } else if marked_absent.contains(p) || (held && matches!(inv.reply, Reply::Accepte | Reply::Decline)) {
            f.absent += 1;
        } else if inv.reply == Reply::EnAttente {
            f.no_reply += 1;
        }
    }

    // Seats of absent members filled by stand-ins who were not invited members themselves: one
    // seat per stand-in and per member, so a person never counts twice.
    let mut seats_represented: Set<Key> = Set::default();
    let mut stand_ins: Set<Key> = Set::default();
    for (&who, targets) in &stood_in {
        if invited_member(&who) {
            continue;
        }
        let filled: Vec<Key> = targets.iter().copied().filter(|p| represented.contains(p) && invited_member(p)).collect();
        if !filled.is_empty() {
            stand_ins.insert(who);
            seats_represented.extend(filled);
        }
    }
    f.members_present += seats_represented.len().min(stand_ins.len()) as u32;

    f.invited_organisations = t.organisations_invited.len() as u32;
    f.present = t.present.len() as u32;
    f.organisations_present = t.organisations_present.len() as u32;
    f.organisations_present_or_excused = t.organisations_present.union(&t.organisations_excused).count() as u32;
    f.non_members_present = non_member_seat.difference(&member_seat).count() as u32;
    f.walk_ins = walk_ins.len() as u32;
    f.participation_rate = (held && f.invited_members > 0).then(|| f.members_present as f64 / f.invited_members as f64);
    t
}
