//! One-time passcodes for authenticator apps: RFC 4226 HOTP and RFC 6238 TOTP (HMAC-SHA1),
//! base32 keys, `otpauth://` enrolment URIs and the QR code that carries them.
//!
//! No clock here: callers pass the Unix time in, so tests and the wasm build behave the same.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Digits in a TOTP code; authenticator apps default to 6.
pub const DIGITS: u32 = 6;
/// Seconds per TOTP time step (RFC 6238 default).
pub const STEP_SECS: u64 = 30;
/// Steps either side of the current one that still count, to allow for clock drift and typing time.
pub const WINDOW: u64 = 1;

const BASE32_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TotpError {
    /// Not `DIGITS` decimal digits once spaces and dashes are removed.
    Malformed,
    /// Well formed but matches no step in the window.
    Invalid,
    /// Matches a step that was already used, so it may have been observed and replayed.
    Replayed,
}

/// RFC 4226 HOTP value for `counter`, zero-padded to `digits` characters.
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> String {
    let value = truncate(&hmac_sha1(secret, &counter.to_be_bytes()));
    // checked_pow guards absurd digit counts; the 31-bit value is then already below the modulus.
    let modulus = 10u64.checked_pow(digits).unwrap_or(u64::MAX);
    format!("{:0width$}", u64::from(value) % modulus, width = digits as usize)
}

/// The 6-digit TOTP code for the 30-second step containing `unix_secs`.
pub fn code_at(secret: &[u8], unix_secs: u64) -> String {
    hotp(secret, step_of(unix_secs), DIGITS)
}

/// The TOTP time step (counter) containing `unix_secs`.
pub fn step_of(unix_secs: u64) -> u64 {
    unix_secs / STEP_SECS
}

/// Accepts a code for the current step or +-WINDOW steps; spaces and dashes in the typed code are ignored
/// (people paste "123 456"); a step at or below `last_used_step` is a replay.
/// Returns the matched step so the caller can store it.
pub fn verify(
    secret: &[u8],
    typed: &str,
    unix_secs: u64,
    last_used_step: Option<u64>,
) -> Result<u64, TotpError> {
    let code = normalize_code(typed).ok_or(TotpError::Malformed)?;
    let now = step_of(unix_secs);
    let mut replayed = false;
    for step in now.saturating_sub(WINDOW)..=now.saturating_add(WINDOW) {
        if !codes_equal(&hotp(secret, step, DIGITS), &code) {
            continue;
        }
        if last_used_step.is_some_and(|last| step <= last) {
            // Keep looking: a later step in the window may match too.
            replayed = true;
            continue;
        }
        return Ok(step);
    }
    Err(if replayed { TotpError::Replayed } else { TotpError::Invalid })
}

/// RFC 4648 base32, upper case, without `=` padding (authenticator apps expect it unpadded).
pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut block = [0u8; 5];
        block[..chunk.len()].copy_from_slice(chunk);
        let bits = block.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..chars {
            let index = (bits >> (35 - 5 * i)) & 0x1f;
            out.push(char::from(BASE32_ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes RFC 4648 base32; case-insensitive, ignores whitespace and `=` padding.
/// Returns `None` for characters outside the alphabet or a length no encoding can produce.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut bits: u32 = 0;
    let mut bit_count = 0;
    let mut char_count = 0;
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        bits = (bits << 5) | base32_value(c)?;
        bit_count += 5;
        char_count += 1;
        if bit_count >= 8 {
            bit_count -= 8;
            out.push((bits >> bit_count) as u8);
            bits &= (1 << bit_count) - 1;
        }
    }
    // 1, 3 or 6 trailing characters cannot come from whole bytes; likely a typo.
    matches!(char_count % 8, 0 | 2 | 4 | 5 | 7).then_some(out)
}

/// Splits a base32 key into space-separated groups of 4 ("JBSW Y3DP ...") so people can type it.
pub fn group_key(base32: &str) -> String {
    let chars: Vec<char> =
        base32.chars().filter(|c| !c.is_whitespace() && *c != '=').map(|c| c.to_ascii_uppercase()).collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// Key URI for authenticator apps:
/// `otpauth://totp/Issuer:account?secret=..&issuer=..&algorithm=SHA1&digits=6&period=30`.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let issuer = percent_encode(issuer);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        account = percent_encode(account),
        secret = base32_encode(secret),
    )
}

pub use riskgate_api::qr::qr_svg;

fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// RFC 4226 section 5.3 dynamic truncation to a 31-bit number.
fn truncate(digest: &[u8; 20]) -> u32 {
    let offset = usize::from(digest[19] & 0x0f);
    let word = [digest[offset], digest[offset + 1], digest[offset + 2], digest[offset + 3]];
    u32::from_be_bytes(word) & 0x7fff_ffff
}

/// Removes spaces and dashes; `None` unless exactly `DIGITS` ASCII digits remain.
fn normalize_code(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    let well_formed = code.len() == DIGITS as usize && code.bytes().all(|b| b.is_ascii_digit());
    well_formed.then_some(code)
}

/// Compares without stopping at the first difference, so timing does not reveal matching digits.
fn codes_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn base32_value(c: char) -> Option<u32> {
    match c.to_ascii_uppercase() {
        c @ 'A'..='Z' => Some(c as u32 - 'A' as u32),
        c @ '2'..='7' => Some(c as u32 - '2' as u32 + 26),
        _ => None,
    }
}

/// Percent-encodes everything except RFC 3986 unreserved characters (space becomes %20, not +).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";
    // Middle of a step, so +-30 s moves exactly one step.
    const NOW: u64 = 1_700_000_025;

    fn code_for_step(step: u64) -> String {
        hotp(RFC_SECRET, step, DIGITS)
    }

    #[test]
    fn totp_matches_rfc_6238_sha1_vectors() {
        let vectors = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, expected) in vectors {
            assert_eq!(hotp(RFC_SECRET, step_of(time), 8), expected, "T = {time}");
        }
    }

    #[test]
    fn hotp_matches_rfc_4226_appendix_d() {
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
            "520489",
        ];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(RFC_SECRET, counter as u64, 6), *code, "counter {counter}");
        }
    }

    #[test]
    fn hotp_pads_with_leading_zeros() {
        // Counter 1_111_111_109 / 30 gives 07081804 at 8 digits; the last 6 are 081804.
        assert_eq!(hotp(RFC_SECRET, step_of(1_111_111_109), 6), "081804");
    }

    #[test]
    fn code_at_uses_thirty_second_steps() {
        assert_eq!(step_of(0), 0);
        assert_eq!(step_of(29), 0);
        assert_eq!(step_of(30), 1);
        assert_eq!(code_at(RFC_SECRET, 59), "287082");
        assert_eq!(code_at(RFC_SECRET, 59).len(), DIGITS as usize);
    }

    #[test]
    fn verify_accepts_current_step_and_returns_it() {
        let code = code_at(RFC_SECRET, NOW);
        assert_eq!(verify(RFC_SECRET, &code, NOW, None), Ok(step_of(NOW)));
    }

    #[test]
    fn verify_accepts_one_step_either_side() {
        let now = step_of(NOW);
        assert_eq!(verify(RFC_SECRET, &code_at(RFC_SECRET, NOW - 30), NOW, None), Ok(now - 1));
        assert_eq!(verify(RFC_SECRET, &code_at(RFC_SECRET, NOW + 30), NOW, None), Ok(now + 1));
    }

    #[test]
    fn verify_rejects_two_steps_either_side() {
        assert_eq!(verify(RFC_SECRET, &code_at(RFC_SECRET, NOW - 60), NOW, None), Err(TotpError::Invalid));
        assert_eq!(verify(RFC_SECRET, &code_at(RFC_SECRET, NOW + 60), NOW, None), Err(TotpError::Invalid));
    }

    #[test]
    fn verify_rejects_wrong_code_as_invalid() {
        let code = code_at(RFC_SECRET, NOW);
        let wrong = if code == "000000" { "000001" } else { "000000" };
        assert_eq!(verify(RFC_SECRET, wrong, NOW, None), Err(TotpError::Invalid));
    }

    #[test]
    fn verify_rejects_reuse_of_the_same_code() {
        let code = code_at(RFC_SECRET, NOW);
        let step = verify(RFC_SECRET, &code, NOW, None).unwrap();
        assert_eq!(verify(RFC_SECRET, &code, NOW + 5, Some(step)), Err(TotpError::Replayed));
    }

    #[test]
    fn verify_rejects_older_code_after_newer_one_was_used() {
        let older = code_at(RFC_SECRET, NOW - 30);
        assert_eq!(verify(RFC_SECRET, &older, NOW, Some(step_of(NOW))), Err(TotpError::Replayed));
    }

    #[test]
    fn verify_accepts_next_step_after_previous_was_used() {
        let next = code_at(RFC_SECRET, NOW + 30);
        assert_eq!(verify(RFC_SECRET, &next, NOW + 30, Some(step_of(NOW))), Ok(step_of(NOW) + 1));
    }

    #[test]
    fn verify_ignores_spaces_and_dashes() {
        let code = code_at(RFC_SECRET, NOW);
        let step = Ok(step_of(NOW));
        assert_eq!(verify(RFC_SECRET, &format!("{} {}", &code[..3], &code[3..]), NOW, None), step);
        assert_eq!(verify(RFC_SECRET, &format!("{}-{}", &code[..3], &code[3..]), NOW, None), step);
        assert_eq!(verify(RFC_SECRET, &format!("  {code}\n"), NOW, None), step);
    }

    #[test]
    fn verify_rejects_malformed_input() {
        for typed in ["", "   ", "abcdef", "12a456", "12345", "1234567", "123 45", "１２３４５６", "+12345"]
        {
            assert_eq!(verify(RFC_SECRET, typed, NOW, None), Err(TotpError::Malformed), "{typed:?}");
        }
    }

    #[test]
    fn verify_near_time_zero_does_not_underflow() {
        assert_eq!(verify(RFC_SECRET, &code_for_step(0), 0, None), Ok(0));
        assert_eq!(verify(RFC_SECRET, &code_for_step(1), 0, None), Ok(1));
    }

    #[test]
    fn base32_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base32_encode(plain.as_bytes()), encoded);
            assert_eq!(base32_decode(encoded).as_deref(), Some(plain.as_bytes()));
        }
    }

    #[test]
    fn base32_decode_ignores_case_spaces_and_padding() {
        assert_eq!(base32_decode("mzxw 6ytb oi======").as_deref(), Some(&b"foobar"[..]));
        assert_eq!(base32_decode("MZXW6YQ=").as_deref(), Some(&b"foob"[..]));
    }

    #[test]
    fn base32_decode_rejects_bad_characters_and_lengths() {
        assert_eq!(base32_decode("MZ1W"), None);
        assert_eq!(base32_decode("MZ8W"), None);
        assert_eq!(base32_decode("MZX!"), None);
        assert_eq!(base32_decode("M"), None);
        assert_eq!(base32_decode("MZX"), None);
        assert_eq!(base32_decode("MZXW6Y"), None);
    }

    #[test]
    fn group_key_splits_into_groups_of_four() {
        assert_eq!(group_key("JBSWY3DPEHPK3PXP"), "JBSW Y3DP EHPK 3PXP");
        assert_eq!(group_key("MZXW6YTBOI"), "MZXW 6YTB OI");
        assert_eq!(group_key("mzxw6ytboi======"), "MZXW 6YTB OI");
        assert_eq!(group_key(""), "");
    }

    #[test]
    fn otpauth_uri_has_label_secret_and_parameters() {
        assert_eq!(
            otpauth_uri("Riskgate", "alice@contoso.com", RFC_SECRET),
            "otpauth://totp/Riskgate:alice%40contoso.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Riskgate&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn otpauth_uri_percent_encodes_labels() {
        let uri = otpauth_uri("Contoso Ltd", "bob:smith&co", b"k");
        assert!(uri.starts_with("otpauth://totp/Contoso%20Ltd:bob%3Asmith%26co?secret=NM&"), "{uri}");
        assert!(uri.contains("&issuer=Contoso%20Ltd&"), "{uri}");
    }

    #[test]
    fn qr_svg_is_inline_svg_with_view_box() {
        let svg = qr_svg(&otpauth_uri("Riskgate", "alice@contoso.com", RFC_SECRET));
        assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(!svg.contains("<?xml"));
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(svg.contains(" width=\"") && svg.contains(" height=\""));
        assert!(svg.contains("fill=\"#000000\"") && svg.contains("fill=\"#ffffff\""));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn qr_svg_is_empty_when_data_does_not_fit() {
        assert_eq!(qr_svg(&"x".repeat(10_000)), "");
    }

    // proptest is a native-only dev-dependency of the main crate.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
                let encoded = base32_encode(&bytes);
                prop_assert_eq!(base32_decode(&encoded), Some(bytes.clone()));
                prop_assert_eq!(base32_decode(&group_key(&encoded).to_lowercase()), Some(bytes));
            }

            #[test]
            fn current_code_always_verifies(secret in proptest::collection::vec(any::<u8>(), 1..40), now in 0u64..4_000_000_000) {
                let code = code_at(&secret, now);
                prop_assert_eq!(code.len(), DIGITS as usize);
                prop_assert!(code.bytes().all(|b| b.is_ascii_digit()));
                prop_assert_eq!(verify(&secret, &code, now, None), Ok(step_of(now)));
            }
        }
    }
}
