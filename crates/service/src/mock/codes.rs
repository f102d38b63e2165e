//! Second-factor codes and phone numbers: cleaning what was typed, checking app and phone
//! codes against their limits, and enrolling a method once its first code passed.
use super::*;

/// Checks the code that proves a method being set up works: from the new app, or the
/// one sent to the new phone. Returns the app's time step, to stop its reuse.
pub(super) fn check_enrollment_code(
    pending: &mut PendingEnrollment,
    sent: &mut Option<PendingCode>,
    typed: &str,
    now: u64,
) -> Result<Option<u64>, BackendError> {
    let checked = check_new_method_code(pending, sent, typed, now);
    if is_wrong_code(&checked) {
        pending.wrong_codes += 1;
    }
    checked
}

pub(super) fn is_wrong_code<T>(checked: &Result<T, BackendError>) -> bool {
    matches!(checked, Err(BackendError::InvalidInput { problem: Problem::Mismatch, .. }))
}

pub(super) fn check_new_method_code(
    pending: &PendingEnrollment,
    sent: &mut Option<PendingCode>,
    typed: &str,
    now: u64,
) -> Result<Option<u64>, BackendError> {
    let code = clean_code(typed)?;
    if pending.method != MethodKind::AuthenticatorApp {
        return match take_phone_code(sent, |_| true, &code, now)? {
            true => Ok(None),
            false => Err(invalid(Field::Code, Problem::Mismatch)),
        };
    }
    match totp::verify(&pending.secret, &code, now / 1000, None) {
        Ok(step) => Ok(Some(step)),
        Err(totp::TotpError::Malformed) => Err(invalid(Field::Code, Problem::NotACode)),
        Err(_) => Err(invalid(Field::Code, Problem::Mismatch)),
    }
}

/// The account gains the method that was just proven.
pub(super) fn enrol(account: &mut Account, done: PendingEnrollment, last_step: Option<u64>) {
    if done.method == MethodKind::AuthenticatorApp {
        account.totp = Some(TotpDevice { secret: done.secret, last_step });
    } else {
        account.phone = done.phone;
    }
    if !account.has_method(done.method) {
        account.state.methods.push(done.method);
    }
}

/// An input for step `sent` of a flow that is on step `current` and lasts until
/// `ends_ms`: refused if the flow has expired or the input names another step.
pub(super) fn check_current(ends_ms: u64, current: u32, sent: u32, now: u64) -> Result<(), BackendError> {
    if now > ends_ms {
        return Err(BackendError::FlowExpired);
    }
    if sent != current {
        return Err(BackendError::StaleStep { expected: current });
    }
    Ok(())
}

/// A new password and its confirmation, as typed, before anything else is checked.
pub(super) fn check_confirmed(new: &str, confirm: &str) -> Result<(), BackendError> {
    if new.is_empty() {
        return Err(invalid(Field::NewPassword, Problem::Empty));
    }
    check_new_password_length(new)?;
    if new != confirm {
        return Err(invalid(Field::Confirm, Problem::Mismatch));
    }
    Ok(())
}

/// A new password longer than any allowed is refused before it is hashed or scored.
pub(super) fn check_new_password_length(new: &str) -> Result<(), BackendError> {
    match new.chars().count() > password::MAX_LENGTH {
        true => Err(invalid(Field::NewPassword, Problem::TooLong)),
        false => Ok(()),
    }
}

/// Checks a typed phone code against the one in `slot` (if `fits`); true when it
/// matches, and then it is used up. Expired codes are dropped.
pub(super) fn take_phone_code(
    slot: &mut Option<PendingCode>,
    fits: impl Fn(&PendingCode) -> bool,
    typed: &str,
    now: u64,
) -> Result<bool, BackendError> {
    let pending = slot.as_ref().filter(|c| fits(c)).ok_or(invalid(Field::Code, Problem::NoCodeSent))?;
    if pending.expires_ms <= now {
        *slot = None;
        return Err(invalid(Field::Code, Problem::CodeExpired));
    }
    let matches = hash::constant_time_eq(pending.code.as_bytes(), typed.as_bytes());
    if matches {
        *slot = None; // single use
    }
    Ok(matches)
}

/// Checks a code from the account's authenticator app and uses up its time step, so it
/// works once. `None`: the account has no app.
pub(super) fn app_code_passes(
    account: &mut Account,
    code: &str,
    now: u64,
) -> Result<Option<bool>, BackendError> {
    let Some(device) = account.totp.as_mut() else { return Ok(None) };
    match totp::verify(&device.secret, code, now / 1000, device.last_step) {
        Ok(step) => {
            device.last_step = Some(step);
            Ok(Some(true))
        }
        Err(totp::TotpError::Malformed) => Err(invalid(Field::Code, Problem::NotACode)),
        Err(_) => Ok(Some(false)),
    }
}

/// A second factor the account already had, checked: passed or wrong.
pub(super) fn count_second_factor(account: &mut Account, passed: bool, now: u64) {
    match passed {
        true => limits::second_factor_passed(account),
        false => limits::second_factor_failed(account, now),
    }
}

/// A temporary access pass works once: used, it is gone.
pub(super) fn use_up_pass(account: &mut Account) {
    if !account.state.has_password {
        account.password_hash.clear();
        account.pass_expires_ms = None;
    }
}

/// A keyed digest of `name` for `purpose`: decoys that cannot be computed without the key.
pub(super) fn keyed(key: &[u8; 32], purpose: &str, name: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(key);
    h.update(purpose.as_bytes());
    h.update([0]);
    h.update(name.to_ascii_lowercase().as_bytes());
    h.finalize().into()
}

pub(super) fn new_key(entropy: &dyn Entropy) -> [u8; 32] {
    let mut key = [0u8; 32];
    entropy.fill(&mut key);
    key
}

pub(super) fn unusual(detections: &[Detection], source: &SignInSource) -> Vec<Unusual> {
    let place = format!("{}, {}", source.location.city, source.location.country);
    detections
        .iter()
        .map(|d| Unusual {
            detection: d.kind,
            location: Some(place.clone()),
            device: Some(source.device.clone()),
            app: Some(source.app.clone()),
        })
        .collect()
}

/// A second-factor code as typed for one method, cleaned, with when it was typed.
pub(super) struct CodeTry {
    pub method: MethodKind,
    pub code: String,
    pub now: u64,
}

impl CodeTry {
    /// Refuses what cannot be a code before any flow or account is looked at.
    pub fn new(method: MethodKind, typed: &str, now: u64) -> Result<Self, BackendError> {
        Ok(CodeTry { method, code: clean_code(typed)?, now })
    }
}

/// Codes may be pasted with spaces, dashes or invisible joiners, and typed with
/// Arabic-Indic or full-width digits.
pub(super) fn clean_code(typed: &str) -> Result<String, BackendError> {
    if typed.chars().count() > MAX_INPUT_CHARS {
        return Err(invalid(Field::Code, Problem::NotACode));
    }
    let kept: Vec<char> = typed.chars().filter(|c| !c.is_whitespace() && !is_code_separator(*c)).collect();
    if kept.is_empty() {
        return Err(invalid(Field::Code, Problem::Empty));
    }
    match kept.into_iter().map(ascii_digit).collect::<Option<String>>() {
        Some(code) if code.len() == 6 => Ok(code),
        _ => Err(invalid(Field::Code, Problem::NotACode)),
    }
}

/// Dashes, and the invisible characters a copy from a message or a page can carry.
pub(super) fn is_code_separator(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}

/// The ASCII digit for a decimal digit as typed: ASCII, Arabic-Indic, Eastern Arabic-Indic
/// or full-width.
pub(super) fn ascii_digit(c: char) -> Option<char> {
    const ZEROS: [u32; 4] = [0x30, 0x660, 0x6F0, 0xFF10];
    let value = ZEROS.iter().find_map(|z| (c as u32).checked_sub(*z).filter(|d| *d < 10))?;
    char::from_digit(value, 10)
}

pub(super) fn clean_phone(typed: &str) -> Result<String, BackendError> {
    let digits = typed.chars().filter(|c| c.is_ascii_digit()).count();
    let allowed = typed.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if typed.trim().is_empty() {
        return Err(invalid(Field::Phone, Problem::Empty));
    }
    if typed.chars().count() > MAX_PHONE_CHARS {
        return Err(invalid(Field::Phone, Problem::NotAPhoneNumber));
    }
    if !allowed || !(7..=15).contains(&digits) {
        return Err(invalid(Field::Phone, Problem::NotAPhoneNumber));
    }
    Ok(typed.trim().to_string())
}

/// "+1 206 555 0147" -> "•••• 47": enough to recognise, not enough to read off.
pub(super) fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let tail: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("•••• {tail}")
}
