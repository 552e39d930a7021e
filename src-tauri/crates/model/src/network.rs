use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AgreementKind, MembershipStatus};

/// One dated step of an organisation's membership of the network.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MembershipEvent {
    pub id: String,
    pub status: MembershipStatus,
    pub effective_date: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MembershipEventInput {
    pub organisation_id: String,
    pub status: Option<MembershipStatus>,
    pub effective_date: Option<String>,
    pub note: Option<String>,
}

/// A charter, convention or protocol.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Agreement {
    pub id: String,
    pub kind: AgreementKind,
    pub title: String,
    pub version: Option<String>,
    pub dated: Option<String>,
    pub signatory_count: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AgreementInput {
    pub kind: Option<AgreementKind>,
    pub title: String,
    pub version: Option<String>,
    pub dated: Option<String>,
}

/// An organisation's signature of an agreement.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Signature {
    pub id: String,
    pub agreement_id: String,
    pub agreement_title: String,
    pub agreement_kind: AgreementKind,
    pub agreement_version: Option<String>,
    pub organisation_id: String,
    pub organisation_name: String,
    pub signed_on: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SignatureInput {
    pub agreement_id: String,
    pub organisation_id: String,
    pub signed_on: Option<String>,
}
