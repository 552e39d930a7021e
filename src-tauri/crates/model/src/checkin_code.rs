//! The check-in code of an invitation: printed as a QR code on the letter and attached to the
//! person's own e-mail draft, scanned at the door by a USB barcode scanner (which types it like a
//! keyboard, then Enter) into the check-in field.
//!
//! The code is « INV » and the invitation's id in upper-case hexadecimal (35 characters: QR
//! alphanumeric mode, a small code). Most scanners type as a US keyboard; on a French (AZERTY)
//! computer the digits then arrive as « &é"'(-è_çà » and A as Q. [`parse`] reads both, so the
//! secretariat does not have to reconfigure the scanner.

const PREFIX: &str = "INV";

/// The name of the QR code attached to a person's e-mail draft.
pub const IMAGE_FILE_NAME: &str = "code-accueil.png";

/// The code of the invitation `invitation_id`.
pub fn of_invitation(invitation_id: &str) -> String {
    let hex: String = invitation_id.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    format!("{PREFIX}{}", hex.to_ascii_uppercase())
}

/// The characters of a code a US-layout scanner sends, as an AZERTY keyboard turns them: the
/// digit row without Shift, and A and Q swapped (Q never occurs in a code).
const AZERTY: &[(char, char)] =
    &[('1', '&'), ('2', 'é'), ('3', '"'), ('4', '\''), ('5', '('), ('6', '-'), ('7', 'è'), ('8', '_'), ('9', 'ç'), ('0', 'à'), ('A', 'Q')];

/// What a US-layout scanner types on an AZERTY keyboard, back to what it meant.
fn from_azerty(c: char) -> char {
    let c = c.to_uppercase().next().unwrap_or(c);
    AZERTY.iter().find(|(_, typed)| typed.to_uppercase().next() == Some(c)).map_or(c, |(meant, _)| *meant)
}

/// `code` as a scanner set to a US keyboard types it on a French one (« INVà&ç… »): what the
/// check-in field receives in that case (the tests type it).
pub fn as_typed_on_azerty(code: &str) -> String {
    code.chars().map(|c| AZERTY.iter().find(|(meant, _)| *meant == c).map_or(c, |(_, typed)| *typed)).collect()
}

/// The invitation id in `typed` when it is a check-in code (as typed by a scanner on a US or
/// French keyboard); `None` for anything else (a name typed to search).
pub fn parse(typed: &str) -> Option<String> {
    let text: String = typed.trim().chars().map(from_azerty).collect();
    let hex = text.strip_prefix(PREFIX)?;
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    uuid::Uuid::parse_str(hex).ok().map(|u| u.hyphenated().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "01935f2a-7b3c-7d4e-8f90-a1b2c3d4e5f6";

    #[test]
    fn a_code_reads_back_whatever_the_keyboard() {
        let code = of_invitation(ID);
        assert_eq!(code, "INV01935F2A7B3C7D4E8F90A1B2C3D4E5F6");
        assert_eq!(parse(&code).as_deref(), Some(ID));
        assert_eq!(parse(&format!("  {}\n", code.to_lowercase())).as_deref(), Some(ID));
        // The same scan on a French keyboard with the scanner set to US.
        assert_eq!(as_typed_on_azerty(&code), "INVà&ç\"(FéQèB\"CèD'E_FçàQ&BéC\"D'E(F-");
        assert_eq!(parse(&as_typed_on_azerty(&code)).as_deref(), Some(ID));
        for not_a_code in ["dup", "Dupont", "INV", "INV123", &format!("{code}0"), "XYZ01935F2A7B3C7D4E8F90A1B2C3D4E5F6"] {
            assert_eq!(parse(not_a_code), None, "{not_a_code}");
        }
    }
}
