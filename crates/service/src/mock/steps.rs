//! What a flow's steps do with what was typed: phone codes sent, MFA codes checked, methods
//! registered, passwords changed. Each returns the engine event it amounts to.
use super::authority::{flow, flow_mut, Authority};
use super::sessions::revoke;
use super::{
    app_code_passes, check_confirmed, check_enrollment_code, clean_phone, count_second_factor, enrol,
    is_wrong_code, limits, mask_phone, take_phone_code, CodeTry, PhoneMessage, PHONE_CODE_TTL_MS,
    WRONG_CODES_PER_ENROLLMENT,
};
use crate::api::{invalid, BackendError, Enrollment, Field, Problem};
use crate::engine::{Event, MethodKind};
use crate::store::{AccountId, PendingCode, PendingEnrollment, Work};
use crate::totp;

impl Authority<'_> {
    pub(super) fn send_phone_code(
        &self,
        w: &mut Work,
        flow_id: &str,
        method: MethodKind,
        phone: &str,
        now: u64,
    ) -> Result<(), BackendError> {
        if !method.is_phone() {
            return Err(BackendError::Unexpected { input: "SendCode".into() });
        }
        let (rec, account) = w.flow_and_account(flow_id)?.ok_or(BackendError::UnknownFlow)?;
        limits::take_code_send(Some(account), &mut rec.codes_sent, now)?;
        let code = self.deliver_code(w, phone, method, now);
        let rec = flow_mut(w, flow_id)?;
        rec.code = Some(code);
        rec.code_sent_to = Some(mask_phone(phone));
        Ok(())
    }

    /// Texts or calls `phone` with a fresh code (to the simulated phone) and returns it.
    pub(super) fn deliver_code(
        &self,
        w: &mut Work,
        phone: &str,
        method: MethodKind,
        now: u64,
    ) -> PendingCode {
        let code = self.random_code();
        w.append_phone(PhoneMessage { to: phone.into(), method, code: code.clone(), at_ms: now });
        PendingCode { code, method, expires_ms: now + PHONE_CODE_TTL_MS }
    }

    /// What setting up `method` for account `idx` needs: a fresh secret and its QR code
    /// for an app, or the checked number for a phone.
    pub(super) fn new_enrollment(
        &self,
        w: &mut Work,
        idx: AccountId,
        method: MethodKind,
        phone: Option<&str>,
    ) -> Result<(PendingEnrollment, Enrollment), BackendError> {
        if method.is_phone() {
            let number = clean_phone(phone.unwrap_or_default())?;
            let view = Enrollment {
                method,
                key: String::new(),
                uri: String::new(),
                qr_svg: String::new(),
                phone_hint: Some(mask_phone(&number)),
            };
            return Ok((
                PendingEnrollment { method, secret: vec![], phone: Some(number), wrong_codes: 0 },
                view,
            ));
        }
        if method != MethodKind::AuthenticatorApp {
            return Err(BackendError::Unexpected { input: "BeginRegistration".into() });
        }
        let account = w.account(idx)?;
        let (username, home) = (account.username.clone(), account.home_tenant.clone());
        let issuer = w.tenant(&home)?.map_or("Riskgate".to_string(), |t| t.name.clone());
        let mut secret = vec![0u8; 20];
        self.entropy.fill(&mut secret);
        let uri = totp::otpauth_uri(&issuer, &username, &secret);
        let view = Enrollment {
            method,
            key: totp::group_key(&totp::base32_encode(&secret)),
            qr_svg: totp::qr_svg(&uri),
            uri,
            phone_hint: None,
        };
        Ok((PendingEnrollment { method, secret, phone: None, wrong_codes: 0 }, view))
    }

    pub(super) fn check_mfa_code(
        &self,
        w: &mut Work,
        flow_id: &str,
        tried: CodeTry,
    ) -> Result<Event, BackendError> {
        let CodeTry { method, code, now } = tried;
        let idx = flow(w, flow_id)?.account;
        // Locked by wrong second factors (here, in resets, anywhere): no code is checked.
        if limits::second_factors_locked(w.account(idx)?, now) {
            return Ok(Event::MfaFailed);
        }
        let passed = match method {
            // Asked for an app code when the account has none: the flow never offered it.
            MethodKind::AuthenticatorApp => app_code_passes(w.account_mut(idx)?, &code, now)?
                .ok_or(BackendError::Unexpected { input: "Code".into() })?,
            _ => take_phone_code(&mut flow_mut(w, flow_id)?.code, |c| c.method == method, &code, now)?,
        };
        count_second_factor(w.account_mut(idx)?, passed, now);
        Ok(if passed { Event::MfaPassed(method) } else { Event::MfaFailed })
    }

    pub(super) fn begin_registration(
        &self,
        w: &mut Work,
        flow_id: &str,
        method: MethodKind,
        phone: Option<&str>,
        now: u64,
    ) -> Result<(), BackendError> {
        let idx = flow(w, flow_id)?.account;
        let (pending, view) = self.new_enrollment(w, idx, method, phone)?;
        let number = pending.phone.clone();
        let rec = flow_mut(w, flow_id)?;
        rec.enrollment = Some(pending);
        rec.enrollment_view = Some(view);
        match number {
            Some(number) => self.send_phone_code(w, flow_id, method, &number, now),
            None => Ok(()),
        }
    }

    pub(super) fn confirm_registration(
        &self,
        w: &mut Work,
        flow_id: &str,
        typed: &str,
        now: u64,
    ) -> Result<Event, BackendError> {
        let (rec, account) = w.flow_and_account(flow_id)?.ok_or(BackendError::UnknownFlow)?;
        // Locked by wrong second factors: no code is checked. A new method proven does not
        // clear the count: it was not one the account had.
        if limits::second_factors_locked(account, now) {
            return Ok(Event::TooManyWrongCodes);
        }
        let pending = rec.enrollment.as_mut().ok_or(invalid(Field::Code, Problem::NoCodeSent))?;
        let checked = check_enrollment_code(pending, &mut rec.code, typed, now);
        if is_wrong_code(&checked) {
            limits::second_factor_failed(account, now);
            if pending.wrong_codes >= WRONG_CODES_PER_ENROLLMENT {
                rec.enrollment = None;
                rec.enrollment_view = None;
                return Ok(Event::TooManyWrongCodes);
            }
        }
        let last_step = checked?;
        let done = rec.enrollment.take().ok_or(BackendError::UnknownFlow)?;
        rec.enrollment_view = None;
        let method = done.method;
        enrol(account, done, last_step);
        Ok(Event::RegistrationCompleted(method))
    }

    pub(super) fn change_password(
        &self,
        w: &mut Work,
        flow_id: &str,
        new: &str,
        confirm: &str,
    ) -> Result<Event, BackendError> {
        check_confirmed(new, confirm)?;
        let idx = flow(w, flow_id)?.account;
        let verdict = self.try_new_password(w, idx, new)?;
        let accepted = verdict.accepted();
        flow_mut(w, flow_id)?.verdict = Some(verdict);
        if !accepted {
            return Ok(Event::PasswordRejected);
        }
        // Whoever else knew the old password may hold a session or a flow: end them all.
        revoke(w, idx, Some(flow_id))?;
        Ok(Event::PasswordChanged)
    }
}
