//! The check-in code of an invitation as images: a QR code in SVG on printed letters, in PNG
//! attached to the person's own e-mail draft. The code itself (its text, and reading it back as a
//! scanner types it) is the model's.

use qrcode::render::svg;
use qrcode::QrCode;

pub use crate::model::checkin_code::*;

fn qr(code: &str) -> QrCode {
    // Medium error correction: still read when the paper is creased or the phone's screen dim.
    QrCode::with_error_correction_level(code.as_bytes(), qrcode::EcLevel::M).expect("a 35-character code fits in a QR code")
}

/// The QR code of `code` as SVG, scaled by its container (printed letters).
pub fn svg(code: &str) -> String {
    qr(code).render::<svg::Color>().quiet_zone(true).min_dimensions(160, 160).build()
}

/// The QR code of `code` as a PNG image (e-mail attachment): black on white, 8 pixels per module,
/// the quiet zone of 4 modules scanners need.
pub fn png(code: &str) -> Vec<u8> {
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let q = qr(code);
    let width = q.width();
    let colors = q.to_colors();
    let side = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            for dy in 0..SCALE {
                let row = (y * SCALE + dy) * side;
                pixels[row + x * SCALE..row + (x + 1) * SCALE].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("writing to memory");
        writer.write_image_data(&pixels).expect("writing to memory");
    }
    out
}

/// The check-in codes of a meeting's invited people (an organisation invited alone has none).
pub fn codes(conn: &rusqlite::Connection, meeting_id: &str) -> crate::error::Result<Vec<crate::model::InvitationCode>> {
    Ok(crate::queries::invitations::of_meeting(conn, meeting_id)?
        .into_iter()
        .filter_map(|i| {
            let person = i.person?;
            let code = of_invitation(&i.id);
            Some(crate::model::InvitationCode { svg: svg(&code), code, invitation_id: i.id, person_id: person.id })
        })
        .collect())
}

