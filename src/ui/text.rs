//! Every string the screens show, by key, per locale. Placeholders look like `{name}`.
//! A key missing from a locale falls back to English; a test keeps the catalogs complete.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    De,
    /// Arabic, written right to left.
    Ar,
}

impl Locale {
    /// Every supported locale, in the order a language picker lists them.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::De, Locale::Ar];

    /// The BCP 47 tag, for `<html lang>` and for the browser's date formatting.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Ar => "ar",
        }
    }

    /// The text direction, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::Ar => "rtl",
            Locale::En | Locale::De => "ltr",
        }
    }

    /// The language's name in that language, for a language picker.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
            Locale::Ar => "العربية",
        }
    }

    /// The locale for a BCP 47 tag, matched case-insensitively on its primary language subtag:
    /// "de-AT" gives `De`, "AR-eg" gives `Ar`, "fr" gives `None`. An underscore separator
    /// ("de_AT", as in POSIX locale names) is accepted too.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Locale::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The first supported locale among `tags`, taken in order of preference
    /// (as in `navigator.languages`); English if none is supported.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter().find_map(Locale::from_tag).unwrap_or(Locale::En)
    }

    /// `n` with this locale's digits and digit grouping: "1,234", "1.234", "١٬٢٣٤".
    /// Pass numbers through this before putting them into `tf` placeholders.
    pub fn number(self, n: u64) -> String {
        let (separator, zero) = match self {
            Locale::En => (',', '0'),
            Locale::De => ('.', '0'),
            // U+066C ARABIC THOUSANDS SEPARATOR; U+0660 ARABIC-INDIC DIGIT ZERO.
            Locale::Ar => ('\u{066C}', '\u{0660}'),
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() * 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(separator);
            }
            let offset = d as u32 - '0' as u32;
            out.push(char::from_u32(zero as u32 + offset).unwrap_or(d));
        }
        out
    }

    /// The catalog as written; the app reads it packed (`PACKED`).
    const fn catalog(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Locale::En => EN,
            Locale::De => DE,
            Locale::Ar => AR,
        }
    }
}

/// The text for `key`; the key itself if no catalog has it, so a gap shows up in review.
pub fn t(locale: Locale, key: &'static str) -> &'static str {
    let Some(index) = PACKED.keys.iter().position(|k| *k == key) else {
        return key;
    };
    let n = locale as usize * KEYS + index;
    let start = if n == 0 { 0 } else { PACKED.ends[n - 1] as usize };
    // Cut where a text ended, so always UTF-8.
    std::str::from_utf8(&PACKED.text[start..PACKED.ends[n] as usize]).unwrap_or(key)
}

/// The catalogs as the app holds them, packed when it is compiled: every locale's texts
/// end to end in `EN`'s key order (English where a locale lacks one), and where each
/// ends. Two string pointers per text, as the catalogs are written, took 15 KB of Wasm.
struct Packed {
    keys: [&'static str; KEYS],
    text: [u8; TEXT_LEN],
    ends: [u32; KEYS * LOCALES],
}

const KEYS: usize = EN.len();
const LOCALES: usize = Locale::ALL.len();
const TEXT_LEN: usize = packed_len();
static PACKED: Packed = pack();

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The text of `EN`'s key `index` in `Locale::ALL[locale]`, or English. `ALL` lists the
/// locales in their declared order, so `t` finds a locale's texts at `locale as usize`.
const fn text_at(locale: usize, index: usize) -> &'static str {
    let catalog = Locale::ALL[locale].catalog();
    let key = EN[index].0;
    let mut i = 0;
    while i < catalog.len() {
        if same(catalog[i].0, key) {
            return catalog[i].1;
        }
        i += 1;
    }
    EN[index].1
}

const fn packed_len() -> usize {
    let mut len = 0;
    let mut n = 0;
    while n < KEYS * LOCALES {
        len += text_at(n / KEYS, n % KEYS).len();
        n += 1;
    }
    len
}

const fn pack() -> Packed {
    let mut packed = Packed { keys: [""; KEYS], text: [0; TEXT_LEN], ends: [0; KEYS * LOCALES] };
    let mut at = 0;
    let mut n = 0;
    while n < KEYS * LOCALES {
        if n < KEYS {
            packed.keys[n] = EN[n].0;
        }
        let bytes = text_at(n / KEYS, n % KEYS).as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            packed.text[at] = bytes[i];
            at += 1;
            i += 1;
        }
        packed.ends[n] = at as u32;
        n += 1;
    }
    packed
}

/// `t` with `{name}` placeholders filled in.
pub fn tf(locale: Locale, key: &'static str, args: &[(&str, &str)]) -> String {
    fill(t(locale, key), args)
}

/// Fills the placeholders of `template` in one pass, so a value that itself looks like a
/// placeholder (a display name "{tenant}") is shown as it is.
fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name.and_then(|n| args.iter().find(|(k, _)| *k == n)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &after[name.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub const EN: &[(&str, &str)] = &[
    ("error.step_up", "First confirm it's you with one of your methods, then try again."),
    ("account.add", "Add a way to confirm it's you"),
    ("account.add.app", "Add an authenticator app"),
    ("account.add.phone", "Add a phone"),
    ("account.added", "Added. You can use it next time you're asked to confirm it's you."),
    ("policy.reset", "Self-service password reset"),
    ("policy.reset.enabled", "Offered to users"),
    ("policy.reset.yes", "Yes"),
    ("policy.reset.no", "No"),
    ("policy.reset.required", "Methods a person must prove"),
    ("policy.reset.one", "One"),
    ("policy.reset.two", "Two"),
    ("policy.reset.methods", "Ways that count as proof"),
    ("signin.forgot", "Forgot your password?"),
    ("reset.heading", "Reset your password"),
    ("reset.lead", "Enter your username. We'll ask you to confirm it's you with the methods you set up, then you can choose a new password."),
    ("reset.verify.heading", "Confirm it's you"),
    ("reset.progress", "Check {done} of {of}"),
    ("reset.wrong_code", "That code didn't work. Try again or use another method."),
    ("reset.expired", "This reset took too long and has ended. Start again."),
    ("reset.password.heading", "Choose a new password"),
    ("reset.done.heading", "Your password has been reset"),
    ("reset.done.lead", "You can now sign in with your new password."),
    ("reset.done.unlocked", "Your account is unlocked."),
    ("reset.blocked.heading", "You can't reset your password here"),
    ("reset.blocked.NotEnabled", "Your organisation doesn't offer self-service password reset. Contact your IT help desk."),
    ("reset.blocked.TooFewMethods", "Your organisation asks for more ways to confirm it's you than your account has set up. Contact your administrator to reset your password."),
    ("reset.cancelled", "Password reset cancelled"),
    ("app.title", "Sign in"),
    ("common.next", "Next"),
    ("common.back", "Back"),
    ("common.continue", "Continue"),
    ("common.cancel", "Cancel"),
    ("common.verify", "Verify"),
    ("common.working", "Working on it…"),
    ("common.start_over", "Start over"),
    ("common.copy", "Copy details"),
    ("common.copied", "Copied"),
    ("common.language", "Language"),
    ("store.reset", "The saved demo data could not be used ({why}), so it was reset to the starting personas."),
    ("signin.heading", "Sign in"),
    ("signin.username", "Email or username"),
    ("signin.password", "Password"),
    ("signin.password_heading", "Enter your password"),
    ("signin.submit", "Sign in"),
    ("signin.signing_in_as", "Signing in as {username}"),
    ("error.username_empty", "Enter your email or username."),
    ("error.password_empty", "Enter your password."),
    ("error.too_long", "That is longer than we accept (256 characters at most)."),
    ("error.invalid_credentials", "That username or password is not right. Check them and try again."),
    ("error.code_empty", "Enter the code."),
    ("error.not_a_code", "A code is 6 digits. Check what you typed."),
    ("error.code_expired", "That code has expired. Ask for a new one."),
    ("error.no_code_sent", "Ask for a code first."),
    ("error.code_mismatch", "That code didn't match. Try again."),
    ("error.too_many_attempts", "Too many wrong codes. Start adding the method again to get a new code."),
    ("error.phone", "Enter a phone number with 7 to 15 digits."),
    ("error.confirm_mismatch", "The two passwords are not the same."),
    ("error.new_password_empty", "Enter a new password."),
    ("error.flow_gone", "This sign-in has timed out. Start again."),
    ("error.stale", "This page was out of date and couldn't be brought up to date. Try again."),
    ("error.unexpected", "That can't be done at this step."),
    ("error.unavailable", "We couldn't reach the sign-in service. Check your connection and try again."),
    ("error.timeout", "The sign-in service took too long to answer. Try again."),
    ("error.malformed", "The sign-in service sent an answer we couldn't read. Try again."),
    ("error.not_authorized", "Your session has ended or may not do this. Sign in again."),
    ("error.unknown_user", "There is no such user in your organisation."),
    ("error.invalid_list", "A banned-password list holds at most 1000 terms of 4 to 16 characters each."),
    ("error.last_method", "This is your only way to confirm it's you, so it can't be removed. Add another first."),
    ("notice.signin.heading", "We noticed something unusual"),
    ("notice.signin.lead", "This sign-in doesn't look like your usual ones. To keep your account safe, confirm it's you."),
    ("notice.user.heading", "Your account may be at risk"),
    ("notice.user.lead", "We've seen signs that someone else may know your password. Confirm it's you, then choose a new password."),
    ("unusual.UnfamiliarProperties", "A place or device you haven't used before: {location}, {device}"),
    ("unusual.NewCountry", "A country you haven't signed in from: {location}"),
    ("unusual.ImpossibleTravel", "A sign-in from {location}, too soon after your last one somewhere far away"),
    ("unusual.AtypicalTravel", "A sign-in from {location}, far from where you signed in recently"),
    ("unusual.AnonymousIp", "A connection through a network that hides where it comes from"),
    ("unusual.MaliciousIp", "A connection from an address linked to attacks"),
    ("unusual.PasswordSpray", "Many attempts to guess passwords across accounts"),
    ("unusual.ThreatActorIp", "A connection from an address used by known attackers"),
    ("unusual.LeakedCredentials", "Your password turned up in a list of leaked passwords"),
    ("unusual.AnomalousActivity", "Activity on your account that doesn't look like you"),
    ("unusual.UserReportedSuspicious", "You reported a sign-in that wasn't you"),
    ("unusual.AdminConfirmedCompromised", "Your IT team marked the account as compromised"),
    ("mfa.heading", "Confirm it's you"),
    ("mfa.app.lead", "Open your authenticator app and enter the 6-digit code it shows for this account."),
    ("mfa.phone.lead", "We'll send a 6-digit code to your phone."),
    ("mfa.sent", "We sent a code to {phone}."),
    ("mfa.code", "Code"),
    ("mfa.send_text", "Text me a code"),
    ("mfa.send_call", "Call me with a code"),
    ("mfa.resend", "Send a new code"),
    ("mfa.wrong", "That code didn't work. {left} tries left."),
    ("mfa.switch", "Use another way"),
    ("mfa.cant_use", "I can't use any of these"),
    ("mfa.cant_use.help", "Without one of these you can't confirm it's you. Contact your IT help desk: they can check your account and help you set up a new method."),
    ("method.AuthenticatorApp", "Authenticator app"),
    ("method.Sms", "Text message"),
    ("method.Voice", "Phone call"),
    ("method.Passkey", "Passkey"),
    ("blocked.heading", "You can't sign in right now"),
    ("blocked.Disabled", "This account is turned off. Contact your IT help desk if you think that's a mistake."),
    ("blocked.LockedOut", "Too many wrong passwords or codes. For your safety, this account is locked until {time}. Try again after that."),
    ("blocked.SignInRisk", "This sign-in looks risky, so it was stopped. Try again from a device or place you usually use, or contact your IT help desk."),
    ("blocked.UserRisk", "Your account looks like it may be compromised, so sign-in is stopped. Contact your administrator to get it unblocked."),
    ("blocked.UnregisteredAtRisk", "This sign-in looks risky and your account has no way to confirm it's you. Contact your IT help desk."),
    ("blocked.HomeTenantMustRemediate", "Your account at {home} is at risk and that organisation hasn't enabled self-service recovery. An administrator at {home} must fix this before you can sign in here."),
    ("blocked.TooManyFailedCodes", "Too many wrong codes. Start again in a little while, or contact your IT help desk."),
    ("blocked.details", "Troubleshooting details"),
    ("blocked.code", "Error code"),
    ("blocked.correlation", "Correlation ID"),
    ("blocked.time", "Time"),
    ("signedin.heading", "You're signed in"),
    ("signedin.lead", "Welcome, {name}."),
    ("signedin.remediated", "On the way, we took care of this:"),
    ("remediation.SignIn", "The unusual sign-in was confirmed by you."),
    ("remediation.User", "Your account is safe again: the risk was cleared."),
    ("ended.cancelled", "Sign-in cancelled"),
    ("ended.failed", "Something went wrong"),
    ("ended.failed.lead", "The sign-in couldn't be finished. Nothing was changed. Start again."),
    ("interrupt.heading", "More information required"),
    ("interrupt.lead", "Your organisation asks you to set up a second way to confirm it's you. It takes about two minutes."),
    ("interrupt.days", "You can skip this for {days} more days."),
    ("interrupt.last_day", "This is the last day you can skip this."),
    ("interrupt.forced", "The time to set this up has run out: set it up now to continue."),
    ("interrupt.skip", "Skip for now"),
    ("register.heading", "Set up a way to confirm it's you"),
    ("register.choose", "Choose a method"),
    ("register.attacker_risk", "This sign-in looks risky. Your organisation still allows you to add a method now; phone numbers can't be added until the risk is cleared."),
    ("register.app.lead", "Scan this QR code with your authenticator app, or type the key in by hand. Then enter the code the app shows."),
    ("register.app.key", "Key"),
    ("register.app.qr", "QR code for your authenticator app"),
    ("register.phone.number", "Phone number, with country code"),
    ("register.phone.lead", "Enter the number, then choose whether we text or call you."),
    ("password.heading.UserRisk", "Choose a new password"),
    ("password.heading.TemporaryPassword", "Update your password"),
    ("password.lead.UserRisk", "Someone else may know your current password. Choose a new one that you haven't used before."),
    ("password.lead.TemporaryPassword", "You signed in with a temporary password. Choose your own password to continue."),
    ("password.new", "New password"),
    ("password.confirm", "Confirm new password"),
    ("password.submit", "Change password"),
    ("password.rule.Empty", "Enter a password."),
    ("password.rule.TooShort", "Use at least {min} characters."),
    ("password.rule.TooLong", "Use at most {max} characters."),
    ("password.rule.SameAsCurrent", "Choose a password different from your current one."),
    ("password.rule.Weak", "Too easy to guess: add more of your own words and characters."),
    ("password.rule.ContainsPersonalInfo", "Leave out your name and your organisation's name."),
    ("password.ok", "This password meets the requirements."),
    ("common.sign_out", "Sign out"),
    ("common.retry", "Retry"),
    ("common.unknown", "unknown"),
    ("signedin.review", "Review your account"),
    ("signedin.admin", "Open admin view"),
    ("signedin.elsewhere.heading", "This sign-in finished without this page"),
    ("signedin.elsewhere.lead", "The sign-in was completed, but its result didn't reach this page, so you aren't signed in here. Start over to sign in on this page."),
    ("account.heading", "Your account"),
    ("account.lead", "Signed in as {name} ({username}) at {tenant}."),
    ("account.required", "What you need to do"),
    ("account.required.RegisterMfa", "Set up a second way to confirm it's you. You can put this off for {days} more days."),
    ("account.required.RegisterMfa.now", "Set up a second way to confirm it's you. You'll be asked to at your next sign-in."),
    ("account.required.ChangePassword", "Choose your own password. You'll be asked to at your next sign-in."),
    ("account.required.ReviewSignIn", "Tell us whether the sign-in on {time} from {place} was you, in the list of recent sign-ins below."),
    ("account.alerts", "Alerts"),
    ("account.alerts.none", "No alerts: nothing unusual has happened on your account."),
    ("account.alert.UnusualSignIn", "Unusual sign-in on {time} from {place}."),
    ("account.alert.PasswordChanged", "Your password was changed on {time}."),
    ("account.alert.RiskCleared", "The risk to your account was cleared on {time}."),
    ("account.alert.AccountAtRisk", "Your account may be at risk (risk level: {level}). If you didn't expect this, contact your IT help desk."),
    ("riskdetail.UserPassedMfaDrivenByRiskPolicy", "You confirmed it was you with a second method."),
    ("riskdetail.UserPerformedSecuredPasswordChange", "You changed your password."),
    ("riskdetail.UserPerformedSecuredPasswordReset", "You reset your password."),
    ("riskdetail.UserReauthenticatedPasswordless", "You signed in again without a password."),
    ("riskdetail.AdminGeneratedTemporaryPassword", "Your IT team gave you a temporary password."),
    ("riskdetail.AdminResetPassword", "Your IT team reset your password."),
    ("riskdetail.AdminDismissedAllRisk", "Your IT team checked the account and dismissed the risk."),
    ("riskdetail.AdminConfirmedCompromised", "Your IT team marked the account as compromised."),
    ("riskdetail.AdminConfirmedSafe", "Your IT team confirmed that the account is safe."),
    ("riskdetail.UserReportedSuspicious", "You reported a sign-in that wasn't you."),
    ("riskdetail.SignInBlocked", "A sign-in was blocked."),
    ("col.log_risk", "Risk"),
    ("riskstate.none", "No risk"),
    ("riskstate.AtRisk", "At risk"),
    ("riskstate.Remediated", "Remediated"),
    ("riskstate.Dismissed", "Dismissed"),
    ("riskstate.ConfirmedCompromised", "Confirmed compromised"),
    ("riskstate.ConfirmedSafe", "Confirmed safe"),
    ("log.risk", "{level} · {state}"),
    ("log.risk.detail", "{level} · {state} ({detail})"),
    ("logdetail.UserPassedMfaDrivenByRiskPolicy", "passed multifactor authentication"),
    ("logdetail.UserPerformedSecuredPasswordChange", "changed the password"),
    ("logdetail.UserPerformedSecuredPasswordReset", "reset the password"),
    ("logdetail.UserReauthenticatedPasswordless", "signed in again without a password"),
    ("logdetail.AdminGeneratedTemporaryPassword", "temporary password from IT"),
    ("logdetail.AdminResetPassword", "password reset by IT"),
    ("logdetail.AdminDismissedAllRisk", "dismissed by IT"),
    ("logdetail.AdminConfirmedCompromised", "confirmed compromised by IT"),
    ("logdetail.AdminConfirmedSafe", "confirmed safe by IT"),
    ("logdetail.UserReportedSuspicious", "reported as not them"),
    ("logdetail.SignInBlocked", "blocked"),
    ("admin.filter.state", "Risk state"),
    ("admin.filter.user", "User"),
    ("admin.filter.all", "All"),
    ("account.sign_ins", "Recent sign-ins"),
    ("account.sign_ins.caption", "Your most recent sign-ins, newest first"),
    ("account.sign_ins.none", "No sign-ins yet."),
    ("account.nothing_unusual", "Nothing unusual"),
    ("account.was_me", "This was me"),
    ("account.was_me.named", "This was me: the sign-in on {time} from {place}"),
    ("account.not_me", "This wasn't me"),
    ("account.not_me.named", "This wasn't me: the sign-in on {time} from {place}"),
    ("account.answered.me", "You said this was you."),
    ("account.answered.not_me", "You said this wasn't you."),
    ("account.thanks.me", "Thank you. The sign-in is marked as yours."),
    ("account.thanks.not_me", "Thank you for telling us. The sign-in is marked as not yours."),
    ("account.methods", "Ways to confirm it's you"),
    ("account.methods.caption", "Methods you have set up"),
    ("account.methods.none", "You haven't set up a way to confirm it's you yet."),
    ("account.method.phone", "{method} to {phone}"),
    ("account.remove", "Remove"),
    ("account.remove.named", "Remove {method}"),
    ("account.removed", "{method} was removed."),
    ("col.time", "Time"),
    ("col.place", "Place"),
    ("col.device", "Device"),
    ("col.app", "App"),
    ("col.unusual", "What was unusual"),
    ("col.outcome", "Outcome"),
    ("col.answer", "Was this you?"),
    ("col.method", "Method"),
    ("col.actions", "Actions"),
    ("col.user", "User"),
    ("col.risk", "User risk"),
    ("col.detections", "Detections"),
    ("col.open_detections", "Open detections"),
    ("col.status", "Account status"),
    ("col.methods", "Methods"),
    ("col.level", "Sign-in risk"),
    ("outcome.SignedIn", "Signed in"),
    ("outcome.PasswordReset", "Password reset"),
    ("outcome.Blocked", "Blocked"),
    ("outcome.Cancelled", "Cancelled"),
    ("outcome.Failed", "Failed"),
    ("outcome.Interrupted", "Not finished"),
    ("risk.None", "None"),
    ("risk.Low", "Low"),
    ("risk.Medium", "Medium"),
    ("risk.High", "High"),
    ("admin.heading", "Admin view"),
    ("admin.lead", "Users, sign-ins and policy of {tenant}."),
    ("admin.back", "Back to your account"),
    ("admin.users", "Users"),
    ("admin.users.caption", "Users, their risk and what you can do"),
    ("admin.none", "None"),
    ("admin.methods.none", "None set up"),
    ("admin.status.active", "Active"),
    ("admin.status.disabled", "Turned off"),
    ("admin.status.locked", "Locked until {time}"),
    ("admin.status.temporary", "Must replace a temporary password"),
    ("admin.status.guest", "Guest from another organisation"),
    ("admin.guest_note", "Their home organisation manages this account."),
    ("admin.action.DismissRisk", "Dismiss risk"),
    ("admin.action.DismissRisk.named", "Dismiss risk for {name}"),
    ("admin.action.ConfirmCompromised", "Confirm compromised"),
    ("admin.action.ConfirmCompromised.named", "Confirm compromised for {name}"),
    ("admin.action.ConfirmSafe", "Confirm safe"),
    ("admin.action.ConfirmSafe.named", "Confirm safe for {name}"),
    ("admin.action.TemporaryPassword", "Temporary password"),
    ("admin.action.TemporaryPassword.named", "Temporary password for {name}"),
    ("admin.action.RequireReregistration", "Require re-registration"),
    ("admin.action.RequireReregistration.named", "Require re-registration for {name}"),
    ("admin.action.Unblock", "Unblock"),
    ("admin.action.Unblock.named", "Unblock {name}"),
    ("admin.action.ConfirmSignInSafe", "Confirm it was them"),
    ("admin.action.ConfirmSignInSafe.named", "Confirm it was them: {name}, on {time} from {place} (row {row})"),
    ("admin.action.Enable", "Enable"),
    ("admin.action.Enable.named", "Enable {name}"),
    ("admin.action.Disable", "Disable"),
    ("admin.action.Disable.named", "Disable {name}"),
    ("admin.done", "Done: {action} for {name}."),
    ("admin.done.ConfirmSignInSafe", "Confirmed: that sign-in was {name}. Its place and network now count as familiar."),
    ("admin.confirm.ConfirmCompromised", "Mark {name}'s account as compromised? Their user risk becomes high, and the user risk policy then applies to each of their sign-ins."),
    ("admin.confirm.TemporaryPassword", "Give {name} a temporary password? Their current password stops working at once."),
    ("admin.confirm.RequireReregistration", "Remove every sign-in method {name} has? They'll have to register again at their next sign-in."),
    ("admin.confirm.Disable", "Disable {name}'s account? They can't sign in until it is enabled again."),
    ("admin.confirm.yes", "Yes: {action}"),
    ("admin.temp.heading", "Temporary password for {name}"),
    ("admin.temp.note", "This is the only time it is shown. Give it to {name} in a safe way: they'll be asked to choose their own password when they sign in with it."),
    ("admin.temp.copy", "Copy password"),
    ("admin.temp.hide", "Hide password"),
    ("admin.sign_ins.caption", "Recent sign-ins of your users, newest first"),
    ("policy.heading", "Policy for {tenant}"),
    ("policy.sign_in", "Sign-in risk policy"),
    ("policy.user", "User risk policy"),
    ("policy.registration", "MFA registration policy"),
    ("policy.enforcement", "Enforcement"),
    ("policy.min_level", "Applies from risk level"),
    ("policy.action", "Action"),
    ("enforcement.Off", "Off"),
    ("enforcement.ReportOnly", "Report only"),
    ("enforcement.On", "On"),
    ("signin_action.RequireMfa", "Require MFA"),
    ("signin_action.Block", "Block access"),
    ("user_action.RequireMfaAndPasswordChange", "Require MFA and a password change"),
    ("user_action.RequireRiskRemediation", "Require risk remediation"),
    ("user_action.Block", "Block access"),
    ("policy.block_unregistered", "Block users at risk who have no MFA method, instead of letting them register one"),
    ("policy.banned", "Custom banned passwords, one per line"),
    ("policy.banned.hint", "Each term 4 to 16 characters; at most 1000 terms."),
    ("policy.save", "Save policy"),
    ("policy.saved", "Policy saved."),
    // Reliability and hostile input (issue #7).
    ("error.username_too_long", "That username is longer than we accept (256 characters at most)."),
    ("password.check_failed", "This password could not be checked as you type; it will be checked when you submit it."),
    // Passkeys (issue #8).
    ("passkey.unavailable", "This browser or device can't use passkeys. Choose another way to confirm it's you."),
    ("passkey.cancelled", "The passkey prompt was closed before it finished. Try again, or choose another way to confirm it's you."),
    ("passkey.already_here", "This device already holds a passkey for your account."),
    ("passkey.failed", "Your browser couldn't use the passkey. Try again, or choose another way to confirm it's you."),
    ("passkey.error.unreadable", "The passkey's answer couldn't be read. Try again."),
    ("passkey.error.stale", "That passkey answer isn't for this sign-in, or it came too late. Try again."),
    ("passkey.error.wrong_site", "That passkey answer was made for a different website, so it wasn't accepted. Check the address bar before you try again."),
    ("passkey.error.not_verified", "Your device didn't confirm it was you (fingerprint, face or PIN). Try again."),
    ("passkey.error.not_recognised", "That passkey wasn't recognised for this account. Use another passkey or another method."),
    ("passkey.error.replayed", "That passkey answer has been used before, so it wasn't accepted. Try again."),
    ("passkey.error.duplicate", "This passkey is already registered."),
    ("mfa.passkey.lead", "Use a passkey saved on this device. Your device will ask for your fingerprint, face or PIN."),
    ("mfa.passkey.use", "Use a passkey"),
    ("mfa.passkey.required.SignInRisk", "This sign-in looks high risk, so your organisation accepts only a passkey here. A passkey works only on the real sign-in page, so a copied page can't use it."),
    ("mfa.passkey.required.UserRisk", "Your account may be at risk. You don't use a password, so confirm it's you with your passkey; we'll then sign you out everywhere else."),
    ("stepup.heading", "One more check"),
    ("stepup.admin.lead", "The admin view can change how everyone in your organisation signs in. So first confirm it's you with one of your methods; you'll be asked again after a while."),
    ("stepup.account.lead", "To change how you confirm it's you, first confirm it's you with one of the methods you already have."),
    ("stepup.start", "Confirm it's you"),
    ("mfa.step_up.lead", "You're already signed in. Before you go on, confirm it's you with one of your methods."),
    ("account.add.passkey", "Add a passkey"),
    ("signin.passkey", "Sign in with a passkey instead"),
    ("blocked.NoPhishingResistantMethod", "Your organisation requires a passkey for this sign-in, and your account doesn't have one yet. Ask your IT help desk to help you set one up."),
    ("policy.phishing_resistant", "High risk: accept only passkeys (phishing-resistant)"),
];

/// German, formal ("Sie").
pub const DE: &[(&str, &str)] = &[
    ("error.step_up", "Bestätigen Sie zuerst mit einer Ihrer Methoden, dass Sie es sind, und versuchen Sie es dann erneut."),
    ("account.add", "Weitere Methode zur Identitätsbestätigung hinzufügen"),
    ("account.add.app", "Authenticator-App hinzufügen"),
    ("account.add.phone", "Telefon hinzufügen"),
    ("account.added", "Hinzugefügt. Sie können die Methode bei der nächsten Bestätigung verwenden."),
    ("policy.reset", "Self-Service-Kennwortzurücksetzung"),
    ("policy.reset.enabled", "Für Benutzer verfügbar"),
    ("policy.reset.yes", "Ja"),
    ("policy.reset.no", "Nein"),
    ("policy.reset.required", "Nachzuweisende Methoden"),
    ("policy.reset.one", "Eine"),
    ("policy.reset.two", "Zwei"),
    ("policy.reset.methods", "Als Nachweis zählen"),
    ("signin.forgot", "Passwort vergessen?"),
    ("reset.heading", "Passwort zurücksetzen"),
    ("reset.lead", "Geben Sie Ihren Benutzernamen ein. Anschließend bestätigen Sie Ihre Identität mit den eingerichteten Methoden und können ein neues Passwort wählen."),
    ("reset.verify.heading", "Identität bestätigen"),
    ("reset.progress", "Prüfung {done} von {of}"),
    ("reset.wrong_code", "Dieser Code hat nicht funktioniert. Versuchen Sie es erneut oder wählen Sie eine andere Methode."),
    ("reset.expired", "Das Zurücksetzen hat zu lange gedauert und wurde beendet. Beginnen Sie erneut."),
    ("reset.password.heading", "Neues Passwort wählen"),
    ("reset.done.heading", "Ihr Passwort wurde zurückgesetzt"),
    ("reset.done.lead", "Sie können sich jetzt mit Ihrem neuen Passwort anmelden."),
    ("reset.done.unlocked", "Ihr Konto ist entsperrt."),
    ("reset.blocked.heading", "Sie können Ihr Passwort hier nicht zurücksetzen"),
    ("reset.blocked.NotEnabled", "Ihre Organisation bietet keine Self-Service-Kennwortzurücksetzung an. Wenden Sie sich an Ihren IT-Support."),
    ("reset.blocked.TooFewMethods", "Ihre Organisation verlangt mehr Bestätigungsmethoden, als für Ihr Konto eingerichtet sind. Wenden Sie sich an Ihre IT-Administration, um Ihr Passwort zurückzusetzen."),
    ("reset.cancelled", "Zurücksetzen abgebrochen"),
    ("app.title", "Anmelden"),
    ("common.next", "Weiter"),
    ("common.back", "Zurück"),
    ("common.continue", "Fortfahren"),
    ("common.cancel", "Abbrechen"),
    ("common.verify", "Bestätigen"),
    ("common.working", "Einen Moment bitte…"),
    ("common.start_over", "Neu beginnen"),
    ("common.copy", "Details kopieren"),
    ("common.copied", "Kopiert"),
    ("common.language", "Sprache"),
    ("store.reset", "Die gespeicherten Demodaten waren nicht verwendbar ({why}) und wurden auf die Ausgangspersonas zurückgesetzt."),
    ("signin.heading", "Anmelden"),
    ("signin.username", "E-Mail-Adresse oder Benutzername"),
    ("signin.password", "Passwort"),
    ("signin.password_heading", "Passwort eingeben"),
    ("signin.submit", "Anmelden"),
    ("signin.signing_in_as", "Anmeldung als {username}"),
    ("error.username_empty", "Geben Sie Ihre E-Mail-Adresse oder Ihren Benutzernamen ein."),
    ("error.password_empty", "Geben Sie Ihr Passwort ein."),
    ("error.too_long", "Die Eingabe ist zu lang (höchstens 256 Zeichen)."),
    ("error.invalid_credentials", "Benutzername oder Passwort ist falsch. Überprüfen Sie Ihre Eingabe und versuchen Sie es erneut."),
    ("error.code_empty", "Geben Sie den Code ein."),
    ("error.not_a_code", "Ein Code besteht aus 6 Ziffern. Überprüfen Sie Ihre Eingabe."),
    ("error.code_expired", "Dieser Code ist abgelaufen. Fordern Sie einen neuen an."),
    ("error.no_code_sent", "Fordern Sie zuerst einen Code an."),
    ("error.code_mismatch", "Der Code ist nicht korrekt. Versuchen Sie es erneut."),
    ("error.too_many_attempts", "Zu viele falsche Codes. Fügen Sie die Methode erneut hinzu, um einen neuen Code zu erhalten."),
    ("error.phone", "Geben Sie eine Telefonnummer mit 7 bis 15 Ziffern ein."),
    ("error.confirm_mismatch", "Die beiden Passwörter stimmen nicht überein."),
    ("error.new_password_empty", "Geben Sie ein neues Passwort ein."),
    ("error.flow_gone", "Diese Anmeldung ist abgelaufen. Beginnen Sie von vorn."),
    ("error.stale", "Diese Seite war veraltet und konnte nicht aktualisiert werden. Versuchen Sie es erneut."),
    ("error.unexpected", "Das ist in diesem Schritt nicht möglich."),
    ("error.unavailable", "Der Anmeldedienst ist nicht erreichbar. Überprüfen Sie Ihre Verbindung und versuchen Sie es erneut."),
    ("error.timeout", "Der Anmeldedienst hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut."),
    ("error.malformed", "Die Antwort des Anmeldedienstes konnte nicht gelesen werden. Versuchen Sie es erneut."),
    ("error.not_authorized", "Ihre Sitzung ist abgelaufen oder hat dafür keine Berechtigung. Melden Sie sich erneut an."),
    ("error.unknown_user", "In Ihrer Organisation gibt es keinen solchen Benutzer."),
    ("error.invalid_list", "Eine Liste gesperrter Passwörter enthält höchstens 1000 Begriffe mit je 4 bis 16 Zeichen."),
    ("error.last_method", "Dies ist Ihre einzige Methode zur Identitätsbestätigung und kann nicht entfernt werden. Fügen Sie zuerst eine weitere hinzu."),
    ("notice.signin.heading", "Uns ist etwas Ungewöhnliches aufgefallen"),
    ("notice.signin.lead", "Diese Anmeldung unterscheidet sich von Ihren üblichen Anmeldungen. Bestätigen Sie zum Schutz Ihres Kontos Ihre Identität."),
    ("notice.user.heading", "Ihr Konto ist möglicherweise gefährdet"),
    ("notice.user.lead", "Es gibt Hinweise darauf, dass jemand anderes Ihr Passwort kennt. Bestätigen Sie Ihre Identität und wählen Sie dann ein neues Passwort."),
    ("unusual.UnfamiliarProperties", "Ein ungewohnter Ort oder ein ungewohntes Gerät: {location}, {device}"),
    ("unusual.NewCountry", "Ein Land, aus dem Sie sich bisher nicht angemeldet haben: {location}"),
    ("unusual.ImpossibleTravel", "Eine Anmeldung aus {location}, zu kurz nach Ihrer letzten Anmeldung an einem weit entfernten Ort"),
    ("unusual.AtypicalTravel", "Eine Anmeldung aus {location}, weit entfernt von den Orten Ihrer letzten Anmeldungen"),
    ("unusual.AnonymousIp", "Eine Verbindung über ein Netzwerk, das ihre Herkunft verschleiert"),
    ("unusual.MaliciousIp", "Eine Verbindung von einer Adresse, die mit Angriffen in Zusammenhang steht"),
    ("unusual.PasswordSpray", "Viele Versuche, Passwörter für mehrere Konten zu erraten"),
    ("unusual.ThreatActorIp", "Eine Verbindung von einer Adresse, die bekannte Angreifer nutzen"),
    ("unusual.LeakedCredentials", "Ihr Passwort ist in einer Liste öffentlich gewordener Passwörter aufgetaucht"),
    ("unusual.AnomalousActivity", "Aktivitäten in Ihrem Konto, die nicht zu Ihnen passen"),
    ("unusual.UserReportedSuspicious", "Sie haben eine Anmeldung gemeldet, die nicht von Ihnen stammte"),
    ("unusual.AdminConfirmedCompromised", "Ihr IT-Team hat das Konto als kompromittiert markiert"),
    ("mfa.heading", "Identität bestätigen"),
    ("mfa.app.lead", "Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein, den sie für dieses Konto anzeigt."),
    ("mfa.phone.lead", "Wir senden einen 6-stelligen Code an Ihr Telefon."),
    ("mfa.sent", "Wir haben einen Code an {phone} gesendet."),
    ("mfa.code", "Code"),
    ("mfa.send_text", "Code per SMS erhalten"),
    ("mfa.send_call", "Code per Anruf erhalten"),
    ("mfa.resend", "Neuen Code senden"),
    ("mfa.wrong", "Dieser Code hat nicht funktioniert. Verbleibende Versuche: {left}."),
    ("mfa.switch", "Andere Methode verwenden"),
    ("mfa.cant_use", "Ich kann keine dieser Methoden verwenden"),
    ("mfa.cant_use.help", "Ohne eine dieser Methoden können Sie Ihre Identität nicht bestätigen. Wenden Sie sich an Ihren IT-Helpdesk: Dort kann man Ihr Konto prüfen und Ihnen helfen, eine neue Methode einzurichten."),
    ("method.AuthenticatorApp", "Authenticator-App"),
    ("method.Sms", "SMS"),
    ("method.Voice", "Anruf"),
    ("method.Passkey", "Passkey"),
    ("blocked.heading", "Sie können sich derzeit nicht anmelden"),
    ("blocked.Disabled", "Dieses Konto ist deaktiviert. Wenden Sie sich an Ihren IT-Helpdesk, wenn Sie das für einen Fehler halten."),
    ("blocked.LockedOut", "Zu viele falsche Passwörter oder Codes. Zu Ihrer Sicherheit ist dieses Konto bis {time} gesperrt. Versuchen Sie es danach erneut."),
    ("blocked.SignInRisk", "Diese Anmeldung wirkt riskant und wurde deshalb blockiert. Versuchen Sie es von einem Ihrer üblichen Geräte oder Orte aus erneut oder wenden Sie sich an Ihren IT-Helpdesk."),
    ("blocked.UserRisk", "Ihr Konto wurde möglicherweise kompromittiert, deshalb ist die Anmeldung gesperrt. Wenden Sie sich an Ihre IT-Administration, um die Sperre aufheben zu lassen."),
    ("blocked.UnregisteredAtRisk", "Diese Anmeldung wirkt riskant, und für Ihr Konto ist keine Methode eingerichtet, mit der Sie Ihre Identität bestätigen können. Wenden Sie sich an Ihren IT-Helpdesk."),
    ("blocked.HomeTenantMustRemediate", "Ihr Konto bei {home} ist gefährdet, und diese Organisation hat die Self-Service-Wiederherstellung nicht aktiviert. Die IT-Administration von {home} muss das Problem beheben, bevor Sie sich hier anmelden können."),
    ("blocked.TooManyFailedCodes", "Zu viele falsche Codes. Beginnen Sie in Kürze von vorn oder wenden Sie sich an Ihren IT-Helpdesk."),
    ("blocked.details", "Details zur Fehlerbehebung"),
    ("blocked.code", "Fehlercode"),
    ("blocked.correlation", "Korrelations-ID"),
    ("blocked.time", "Zeitpunkt"),
    ("signedin.heading", "Sie sind angemeldet"),
    ("signedin.lead", "Willkommen, {name}."),
    ("signedin.remediated", "Dabei haben wir Folgendes erledigt:"),
    ("remediation.SignIn", "Sie haben bestätigt, dass die ungewöhnliche Anmeldung von Ihnen stammt."),
    ("remediation.User", "Ihr Konto ist wieder sicher: Das Risiko wurde beseitigt."),
    ("ended.cancelled", "Anmeldung abgebrochen"),
    ("ended.failed", "Ein Fehler ist aufgetreten"),
    ("ended.failed.lead", "Die Anmeldung konnte nicht abgeschlossen werden. Es wurde nichts geändert. Beginnen Sie von vorn."),
    ("interrupt.heading", "Weitere Informationen erforderlich"),
    ("interrupt.lead", "Ihre Organisation bittet Sie, eine zweite Methode zur Bestätigung Ihrer Identität einzurichten. Das dauert etwa zwei Minuten."),
    ("interrupt.days", "Sie können diesen Schritt noch {days} Tage lang überspringen."),
    ("interrupt.last_day", "Heute können Sie diesen Schritt zum letzten Mal überspringen."),
    ("interrupt.forced", "Die Frist für die Einrichtung ist abgelaufen. Richten Sie die Methode jetzt ein, um fortzufahren."),
    ("interrupt.skip", "Vorerst überspringen"),
    ("register.heading", "Methode zur Identitätsbestätigung einrichten"),
    ("register.choose", "Methode auswählen"),
    ("register.attacker_risk", "Diese Anmeldung wirkt riskant. Ihre Organisation erlaubt Ihnen dennoch, jetzt eine Methode hinzuzufügen. Telefonnummern können Sie jedoch erst hinzufügen, wenn das Risiko beseitigt ist."),
    ("register.app.lead", "Scannen Sie diesen QR-Code mit Ihrer Authenticator-App oder geben Sie den Schlüssel manuell ein. Geben Sie dann den Code ein, den die App anzeigt."),
    ("register.app.key", "Schlüssel"),
    ("register.app.qr", "QR-Code für Ihre Authenticator-App"),
    ("register.phone.number", "Telefonnummer mit Ländervorwahl"),
    ("register.phone.lead", "Geben Sie die Nummer ein und wählen Sie dann, ob wir Ihnen eine SMS senden oder Sie anrufen sollen."),
    ("password.heading.UserRisk", "Neues Passwort festlegen"),
    ("password.heading.TemporaryPassword", "Passwort aktualisieren"),
    ("password.lead.UserRisk", "Möglicherweise kennt jemand anderes Ihr aktuelles Passwort. Wählen Sie ein neues, das Sie noch nie verwendet haben."),
    ("password.lead.TemporaryPassword", "Sie haben sich mit einem temporären Passwort angemeldet. Legen Sie ein eigenes Passwort fest, um fortzufahren."),
    ("password.new", "Neues Passwort"),
    ("password.confirm", "Neues Passwort bestätigen"),
    ("password.submit", "Passwort ändern"),
    ("password.rule.Empty", "Geben Sie ein Passwort ein."),
    ("password.rule.TooShort", "Verwenden Sie mindestens {min} Zeichen."),
    ("password.rule.TooLong", "Verwenden Sie höchstens {max} Zeichen."),
    ("password.rule.SameAsCurrent", "Wählen Sie ein anderes Passwort als Ihr aktuelles."),
    ("password.rule.Weak", "Zu leicht zu erraten: Fügen Sie weitere eigene Wörter und Zeichen hinzu."),
    ("password.rule.ContainsPersonalInfo", "Verwenden Sie weder Ihren Namen noch den Namen Ihrer Organisation."),
    ("password.ok", "Dieses Passwort erfüllt die Anforderungen."),
    ("common.sign_out", "Abmelden"),
    ("common.retry", "Erneut versuchen"),
    ("common.unknown", "unbekannt"),
    ("signedin.review", "Konto überprüfen"),
    ("signedin.admin", "Administratoransicht öffnen"),
    ("signedin.elsewhere.heading", "Diese Anmeldung wurde ohne diese Seite abgeschlossen"),
    ("signedin.elsewhere.lead", "Die Anmeldung wurde abgeschlossen, aber ihr Ergebnis hat diese Seite nicht erreicht. Hier sind Sie also nicht angemeldet. Beginnen Sie von vorn, um sich auf dieser Seite anzumelden."),
    ("account.heading", "Ihr Konto"),
    ("account.lead", "Angemeldet als {name} ({username}) bei {tenant}."),
    ("account.required", "Was Sie tun müssen"),
    ("account.required.RegisterMfa", "Richten Sie eine zweite Methode zur Bestätigung Ihrer Identität ein. Sie können dies noch {days} Tage aufschieben."),
    ("account.required.RegisterMfa.now", "Richten Sie eine zweite Methode zur Bestätigung Ihrer Identität ein. Sie werden bei Ihrer nächsten Anmeldung dazu aufgefordert."),
    ("account.required.ChangePassword", "Legen Sie ein eigenes Passwort fest. Sie werden bei Ihrer nächsten Anmeldung dazu aufgefordert."),
    ("account.required.ReviewSignIn", "Teilen Sie uns in der Liste der letzten Anmeldungen unten mit, ob die Anmeldung am {time} aus {place} von Ihnen stammt."),
    ("account.alerts", "Hinweise"),
    ("account.alerts.none", "Keine Hinweise: In Ihrem Konto ist nichts Ungewöhnliches passiert."),
    ("account.alert.UnusualSignIn", "Ungewöhnliche Anmeldung am {time} aus {place}."),
    ("account.alert.PasswordChanged", "Ihr Passwort wurde am {time} geändert."),
    ("account.alert.RiskCleared", "Das Risiko für Ihr Konto wurde am {time} beseitigt."),
    ("account.alert.AccountAtRisk", "Ihr Konto ist möglicherweise gefährdet (Risikostufe: {level}). Wenn Sie damit nicht gerechnet haben, wenden Sie sich an Ihren IT-Helpdesk."),
    ("riskdetail.UserPassedMfaDrivenByRiskPolicy", "Sie haben Ihre Identität mit einer zweiten Methode bestätigt."),
    ("riskdetail.UserPerformedSecuredPasswordChange", "Sie haben Ihr Passwort geändert."),
    ("riskdetail.UserPerformedSecuredPasswordReset", "Sie haben Ihr Passwort zurückgesetzt."),
    ("riskdetail.UserReauthenticatedPasswordless", "Sie haben sich erneut ohne Passwort angemeldet."),
    ("riskdetail.AdminGeneratedTemporaryPassword", "Ihr IT-Team hat Ihnen ein temporäres Passwort gegeben."),
    ("riskdetail.AdminResetPassword", "Ihr IT-Team hat Ihr Passwort zurückgesetzt."),
    ("riskdetail.AdminDismissedAllRisk", "Ihr IT-Team hat das Konto geprüft und das Risiko verworfen."),
    ("riskdetail.AdminConfirmedCompromised", "Ihr IT-Team hat das Konto als kompromittiert markiert."),
    ("riskdetail.AdminConfirmedSafe", "Ihr IT-Team hat bestätigt, dass das Konto sicher ist."),
    ("riskdetail.UserReportedSuspicious", "Sie haben eine Anmeldung gemeldet, die nicht von Ihnen stammte."),
    ("riskdetail.SignInBlocked", "Eine Anmeldung wurde blockiert."),
    ("col.log_risk", "Risiko"),
    ("riskstate.none", "Kein Risiko"),
    ("riskstate.AtRisk", "Gefährdet"),
    ("riskstate.Remediated", "Behoben"),
    ("riskstate.Dismissed", "Verworfen"),
    ("riskstate.ConfirmedCompromised", "Als kompromittiert bestätigt"),
    ("riskstate.ConfirmedSafe", "Als sicher bestätigt"),
    ("log.risk", "Risiko {level} · {state}"),
    ("log.risk.detail", "Risiko {level} · {state} ({detail})"),
    ("logdetail.UserPassedMfaDrivenByRiskPolicy", "Mehrstufige Authentifizierung bestanden"),
    ("logdetail.UserPerformedSecuredPasswordChange", "Kennwort geändert"),
    ("logdetail.UserPerformedSecuredPasswordReset", "Kennwort zurückgesetzt"),
    ("logdetail.UserReauthenticatedPasswordless", "erneut ohne Kennwort angemeldet"),
    ("logdetail.AdminGeneratedTemporaryPassword", "temporäres Kennwort von der IT"),
    ("logdetail.AdminResetPassword", "Kennwort von der IT zurückgesetzt"),
    ("logdetail.AdminDismissedAllRisk", "von der IT verworfen"),
    ("logdetail.AdminConfirmedCompromised", "von der IT als kompromittiert bestätigt"),
    ("logdetail.AdminConfirmedSafe", "von der IT als sicher bestätigt"),
    ("logdetail.UserReportedSuspicious", "als fremde Anmeldung gemeldet"),
    ("logdetail.SignInBlocked", "blockiert"),
    ("admin.filter.state", "Risikostatus"),
    ("admin.filter.user", "Benutzer"),
    ("admin.filter.all", "Alle"),
    ("account.sign_ins", "Letzte Anmeldungen"),
    ("account.sign_ins.caption", "Ihre letzten Anmeldungen, die neueste zuerst"),
    ("account.sign_ins.none", "Noch keine Anmeldungen."),
    ("account.nothing_unusual", "Nichts Ungewöhnliches"),
    ("account.was_me", "Das war ich"),
    ("account.was_me.named", "Das war ich: die Anmeldung am {time} aus {place}"),
    ("account.not_me", "Das war ich nicht"),
    ("account.not_me.named", "Das war ich nicht: die Anmeldung am {time} aus {place}"),
    ("account.answered.me", "Sie haben angegeben, dass Sie das waren."),
    ("account.answered.not_me", "Sie haben angegeben, dass Sie das nicht waren."),
    ("account.thanks.me", "Vielen Dank. Die Anmeldung ist als Ihre markiert."),
    ("account.thanks.not_me", "Vielen Dank für Ihre Meldung. Die Anmeldung ist als nicht von Ihnen markiert."),
    ("account.methods", "Methoden zur Identitätsbestätigung"),
    ("account.methods.caption", "Von Ihnen eingerichtete Methoden"),
    ("account.methods.none", "Sie haben noch keine Methode zur Identitätsbestätigung eingerichtet."),
    ("account.method.phone", "{method} an {phone}"),
    ("account.remove", "Entfernen"),
    ("account.remove.named", "{method} entfernen"),
    ("account.removed", "{method} wurde entfernt."),
    ("col.time", "Zeitpunkt"),
    ("col.place", "Ort"),
    ("col.device", "Gerät"),
    ("col.app", "Anwendung"),
    ("col.unusual", "Was ungewöhnlich war"),
    ("col.outcome", "Ergebnis"),
    ("col.answer", "Waren Sie das?"),
    ("col.method", "Methode"),
    ("col.actions", "Aktionen"),
    ("col.user", "Benutzer"),
    ("col.risk", "Benutzerrisiko"),
    ("col.detections", "Erkennungen"),
    ("col.open_detections", "Offene Erkennungen"),
    ("col.status", "Kontostatus"),
    ("col.methods", "Methoden"),
    ("col.level", "Anmelderisiko"),
    ("outcome.SignedIn", "Angemeldet"),
    ("outcome.PasswordReset", "Passwort zurückgesetzt"),
    ("outcome.Blocked", "Blockiert"),
    ("outcome.Cancelled", "Abgebrochen"),
    ("outcome.Failed", "Fehlgeschlagen"),
    ("outcome.Interrupted", "Nicht abgeschlossen"),
    ("risk.None", "Keines"),
    ("risk.Low", "Niedrig"),
    ("risk.Medium", "Mittel"),
    ("risk.High", "Hoch"),
    ("admin.heading", "Administratoransicht"),
    ("admin.lead", "Benutzer, Anmeldungen und Richtlinien von {tenant}."),
    ("admin.back", "Zurück zu Ihrem Konto"),
    ("admin.users", "Benutzer"),
    ("admin.users.caption", "Benutzer, ihr Risiko und was Sie tun können"),
    ("admin.none", "Keine"),
    ("admin.methods.none", "Keine eingerichtet"),
    ("admin.status.active", "Aktiv"),
    ("admin.status.disabled", "Deaktiviert"),
    ("admin.status.locked", "Gesperrt bis {time}"),
    ("admin.status.temporary", "Muss ein temporäres Passwort ersetzen"),
    ("admin.status.guest", "Gast aus einer anderen Organisation"),
    ("admin.guest_note", "Dieses Konto wird von seiner Heimatorganisation verwaltet."),
    ("admin.action.DismissRisk", "Risiko verwerfen"),
    ("admin.action.DismissRisk.named", "Risiko für {name} verwerfen"),
    ("admin.action.ConfirmCompromised", "Als kompromittiert bestätigen"),
    ("admin.action.ConfirmCompromised.named", "{name} als kompromittiert bestätigen"),
    ("admin.action.ConfirmSafe", "Als sicher bestätigen"),
    ("admin.action.ConfirmSafe.named", "{name} als sicher bestätigen"),
    ("admin.action.TemporaryPassword", "Temporäres Passwort"),
    ("admin.action.TemporaryPassword.named", "Temporäres Passwort für {name}"),
    ("admin.action.RequireReregistration", "Neuregistrierung verlangen"),
    ("admin.action.RequireReregistration.named", "Neuregistrierung für {name} verlangen"),
    ("admin.action.Unblock", "Entsperren"),
    ("admin.action.Unblock.named", "{name} entsperren"),
    ("admin.action.ConfirmSignInSafe", "Anmeldung bestätigen"),
    ("admin.action.ConfirmSignInSafe.named", "Anmeldung bestätigen: {name}, am {time} aus {place} (Zeile {row})"),
    ("admin.action.Enable", "Aktivieren"),
    ("admin.action.Enable.named", "{name} aktivieren"),
    ("admin.action.Disable", "Deaktivieren"),
    ("admin.action.Disable.named", "{name} deaktivieren"),
    ("admin.done", "Erledigt: {action} für {name}."),
    ("admin.done.ConfirmSignInSafe", "Bestätigt: Diese Anmeldung war von {name}. Ort und Netzwerk gelten jetzt als vertraut."),
    ("admin.confirm.ConfirmCompromised", "Das Konto von {name} als kompromittiert markieren? Das Benutzerrisiko wird hoch, und die Benutzerrisiko-Richtlinie gilt dann für jede Anmeldung."),
    ("admin.confirm.TemporaryPassword", "{name} ein temporäres Kennwort geben? Das bisherige Kennwort funktioniert dann sofort nicht mehr."),
    ("admin.confirm.RequireReregistration", "Alle Anmeldemethoden von {name} entfernen? Bei der nächsten Anmeldung ist eine neue Registrierung nötig."),
    ("admin.confirm.Disable", "Das Konto von {name} deaktivieren? Anmelden ist erst wieder möglich, wenn es aktiviert wird."),
    ("admin.confirm.yes", "Ja: {action}"),
    ("admin.temp.heading", "Temporäres Passwort für {name}"),
    ("admin.temp.note", "Es wird nur dieses eine Mal angezeigt. Geben Sie es auf sicherem Weg an {name} weiter: Bei der Anmeldung damit wird ein eigenes Passwort verlangt."),
    ("admin.temp.copy", "Passwort kopieren"),
    ("admin.temp.hide", "Passwort ausblenden"),
    ("admin.sign_ins.caption", "Letzte Anmeldungen Ihrer Benutzer, die neueste zuerst"),
    ("policy.heading", "Richtlinien für {tenant}"),
    ("policy.sign_in", "Richtlinie für Anmelderisiko"),
    ("policy.user", "Richtlinie für Benutzerrisiko"),
    ("policy.registration", "Richtlinie für die MFA-Registrierung"),
    ("policy.enforcement", "Durchsetzung"),
    ("policy.min_level", "Gilt ab Risikostufe"),
    ("policy.action", "Aktion"),
    ("enforcement.Off", "Aus"),
    ("enforcement.ReportOnly", "Nur Bericht"),
    ("enforcement.On", "Ein"),
    ("signin_action.RequireMfa", "MFA verlangen"),
    ("signin_action.Block", "Zugriff blockieren"),
    ("user_action.RequireMfaAndPasswordChange", "MFA und Passwortänderung verlangen"),
    ("user_action.RequireRiskRemediation", "Risikobehebung verlangen"),
    ("user_action.Block", "Zugriff blockieren"),
    ("policy.block_unregistered", "Gefährdete Benutzer ohne MFA-Methode blockieren, statt sie eine Methode registrieren zu lassen"),
    ("policy.banned", "Eigene gesperrte Passwörter, eines pro Zeile"),
    ("policy.banned.hint", "Je Begriff 4 bis 16 Zeichen, höchstens 1000 Begriffe."),
    ("policy.save", "Richtlinie speichern"),
    ("policy.saved", "Richtlinie gespeichert."),
    // Reliability and hostile input (issue #7).
    ("error.username_too_long", "Dieser Benutzername ist zu lang (höchstens 256 Zeichen)."),
    ("password.check_failed", "Das Passwort konnte während der Eingabe nicht geprüft werden; es wird beim Absenden geprüft."),
    // Passkeys (issue #8).
    ("passkey.unavailable", "Dieser Browser oder dieses Gerät kann keine Passkeys verwenden. Wählen Sie eine andere Möglichkeit, sich zu bestätigen."),
    ("passkey.cancelled", "Die Passkey-Abfrage wurde geschlossen, bevor sie fertig war. Versuchen Sie es erneut oder wählen Sie eine andere Möglichkeit, sich zu bestätigen."),
    ("passkey.already_here", "Auf diesem Gerät ist bereits ein Passkey für Ihr Konto gespeichert."),
    ("passkey.failed", "Ihr Browser konnte den Passkey nicht verwenden. Versuchen Sie es erneut oder wählen Sie eine andere Möglichkeit, sich zu bestätigen."),
    ("passkey.error.unreadable", "Die Antwort des Passkeys war nicht lesbar. Versuchen Sie es erneut."),
    ("passkey.error.stale", "Diese Passkey-Antwort gehört nicht zu dieser Anmeldung oder kam zu spät. Versuchen Sie es erneut."),
    ("passkey.error.wrong_site", "Diese Passkey-Antwort wurde für eine andere Website erstellt und daher nicht angenommen. Prüfen Sie die Adressleiste, bevor Sie es erneut versuchen."),
    ("passkey.error.not_verified", "Ihr Gerät hat nicht bestätigt, dass Sie es sind (Fingerabdruck, Gesicht oder PIN). Versuchen Sie es erneut."),
    ("passkey.error.not_recognised", "Dieser Passkey wurde für dieses Konto nicht erkannt. Verwenden Sie einen anderen Passkey oder eine andere Methode."),
    ("passkey.error.replayed", "Diese Passkey-Antwort wurde bereits verwendet und daher nicht angenommen. Versuchen Sie es erneut."),
    ("passkey.error.duplicate", "Dieser Passkey ist bereits registriert."),
    ("mfa.passkey.lead", "Verwenden Sie einen Passkey auf diesem Gerät. Ihr Gerät fragt nach Fingerabdruck, Gesicht oder PIN."),
    ("mfa.passkey.use", "Passkey verwenden"),
    ("mfa.passkey.required.SignInRisk", "Diese Anmeldung wirkt sehr riskant, daher akzeptiert Ihre Organisation hier nur einen Passkey. Ein Passkey funktioniert nur auf der echten Anmeldeseite, eine nachgeahmte Seite kann ihn nicht nutzen."),
    ("mfa.passkey.required.UserRisk", "Ihr Konto ist möglicherweise gefährdet. Sie verwenden kein Kennwort, bestätigen Sie sich daher mit Ihrem Passkey; danach melden wir Sie überall sonst ab."),
    ("stepup.heading", "Noch eine Bestätigung"),
    ("stepup.admin.lead", "Mit der Administratoransicht lässt sich ändern, wie sich alle in Ihrer Organisation anmelden. Bestätigen Sie daher zuerst mit einer Ihrer Methoden, dass Sie es sind; nach einer Weile wird erneut gefragt."),
    ("stepup.account.lead", "Um Ihre Bestätigungsmethoden zu ändern, bestätigen Sie zuerst mit einer Ihrer vorhandenen Methoden, dass Sie es sind."),
    ("stepup.start", "Identität bestätigen"),
    ("mfa.step_up.lead", "Sie sind bereits angemeldet. Bestätigen Sie vor dem Fortfahren mit einer Ihrer Methoden, dass Sie es sind."),
    ("account.add.passkey", "Passkey hinzufügen"),
    ("signin.passkey", "Stattdessen mit einem Passkey anmelden"),
    ("blocked.NoPhishingResistantMethod", "Ihre Organisation verlangt für diese Anmeldung einen Passkey, und Ihr Konto hat noch keinen. Bitten Sie Ihren IT-Helpdesk, Ihnen beim Einrichten zu helfen."),
    ("policy.phishing_resistant", "Hohes Risiko: nur Passkeys akzeptieren (phishing-resistent)"),
];

/// Arabic (Modern Standard Arabic), right to left. Instructions address the reader in the
/// masculine imperative, as is usual in Arabic software; numbers use Arabic-Indic digits,
/// matching `Locale::number`.
pub const AR: &[(&str, &str)] = &[
    ("error.step_up", "أكّد هويتك أولاً بإحدى طرقك، ثم حاول مرة أخرى."),
    ("account.add", "إضافة طريقة لتأكيد هويتك"),
    ("account.add.app", "إضافة تطبيق مصادقة"),
    ("account.add.phone", "إضافة هاتف"),
    ("account.added", "تمت الإضافة. يمكنك استخدامها في المرة القادمة التي يُطلب منك فيها تأكيد هويتك."),
    ("policy.reset", "إعادة تعيين كلمة المرور ذاتيًا"),
    ("policy.reset.enabled", "متاحة للمستخدمين"),
    ("policy.reset.yes", "نعم"),
    ("policy.reset.no", "لا"),
    ("policy.reset.required", "عدد الطرق المطلوب إثباتها"),
    ("policy.reset.one", "طريقة واحدة"),
    ("policy.reset.two", "طريقتان"),
    ("policy.reset.methods", "الطرق المقبولة للإثبات"),
    ("signin.forgot", "هل نسيت كلمة المرور؟"),
    ("reset.heading", "إعادة تعيين كلمة المرور"),
    ("reset.lead", "أدخل اسم المستخدم. سنطلب منك تأكيد هويتك بالطرق التي أعددتها، ثم يمكنك اختيار كلمة مرور جديدة."),
    ("reset.verify.heading", "تأكيد الهوية"),
    ("reset.progress", "التحقق {done} من {of}"),
    ("reset.wrong_code", "لم يعمل هذا الرمز. حاول مرة أخرى أو استخدم طريقة أخرى."),
    ("reset.expired", "استغرقت إعادة التعيين وقتًا طويلًا وانتهت. ابدأ من جديد."),
    ("reset.password.heading", "اختيار كلمة مرور جديدة"),
    ("reset.done.heading", "تمت إعادة تعيين كلمة المرور"),
    ("reset.done.lead", "يمكنك الآن تسجيل الدخول بكلمة المرور الجديدة."),
    ("reset.done.unlocked", "تم إلغاء قفل حسابك."),
    ("reset.blocked.heading", "لا يمكنك إعادة تعيين كلمة المرور هنا"),
    ("reset.blocked.NotEnabled", "لا توفر مؤسستك إعادة تعيين كلمة المرور ذاتيًا. تواصل مع مكتب الدعم التقني."),
    ("reset.blocked.TooFewMethods", "تطلب مؤسستك طرقًا لتأكيد الهوية أكثر مما أعددته في حسابك. تواصل مع المسؤول لإعادة تعيين كلمة المرور."),
    ("reset.cancelled", "تم إلغاء إعادة التعيين"),
    ("app.title", "تسجيل الدخول"),
    ("common.next", "التالي"),
    ("common.back", "رجوع"),
    ("common.continue", "متابعة"),
    ("common.cancel", "إلغاء"),
    ("common.verify", "تحقق"),
    ("common.working", "جارٍ المعالجة…"),
    ("common.start_over", "البدء من جديد"),
    ("common.copy", "نسخ التفاصيل"),
    ("common.copied", "تم النسخ"),
    ("common.language", "اللغة"),
    ("store.reset", "تعذر استخدام البيانات التجريبية المحفوظة ({why})، لذا أُعيد ضبطها إلى الشخصيات الأولى."),
    ("signin.heading", "تسجيل الدخول"),
    ("signin.username", "البريد الإلكتروني أو اسم المستخدم"),
    ("signin.password", "كلمة المرور"),
    ("signin.password_heading", "إدخال كلمة المرور"),
    ("signin.submit", "تسجيل الدخول"),
    ("signin.signing_in_as", "تسجيل الدخول باسم {username}"),
    ("error.username_empty", "أدخل بريدك الإلكتروني أو اسم المستخدم."),
    ("error.password_empty", "أدخل كلمة المرور."),
    ("error.too_long", "هذا النص أطول من المسموح به (٢٥٦ حرفًا كحد أقصى)."),
    ("error.invalid_credentials", "اسم المستخدم أو كلمة المرور غير صحيحة. تحقق منهما وحاول مرة أخرى."),
    ("error.code_empty", "أدخل الرمز."),
    ("error.not_a_code", "يتكون الرمز من ٦ أرقام. تحقق مما كتبته."),
    ("error.code_expired", "انتهت صلاحية هذا الرمز. اطلب رمزًا جديدًا."),
    ("error.no_code_sent", "اطلب رمزًا أولًا."),
    ("error.code_mismatch", "هذا الرمز غير صحيح. حاول مرة أخرى."),
    ("error.too_many_attempts", "رموز خاطئة كثيرة جدًا. ابدأ إضافة الطريقة من جديد لتحصل على رمز جديد."),
    ("error.phone", "أدخل رقم هاتف يتكون من ٧ إلى ١٥ رقمًا."),
    ("error.confirm_mismatch", "كلمتا المرور غير متطابقتين."),
    ("error.new_password_empty", "أدخل كلمة مرور جديدة."),
    ("error.flow_gone", "انتهت مهلة عملية تسجيل الدخول هذه. ابدأ من جديد."),
    ("error.stale", "كانت هذه الصفحة قديمة وتعذّر تحديثها. حاول مرة أخرى."),
    ("error.unexpected", "لا يمكن تنفيذ ذلك في هذه الخطوة."),
    ("error.unavailable", "تعذر الوصول إلى خدمة تسجيل الدخول. تحقق من اتصالك وحاول مرة أخرى."),
    ("error.timeout", "استغرقت خدمة تسجيل الدخول وقتًا طويلًا في الرد. حاول مرة أخرى."),
    ("error.malformed", "أرسلت خدمة تسجيل الدخول ردًا تعذرت قراءته. حاول مرة أخرى."),
    ("error.not_authorized", "انتهت جلستك أو لا تملك صلاحية هذا الإجراء. سجّل الدخول مرة أخرى."),
    ("error.unknown_user", "لا يوجد مستخدم بهذا الاسم في مؤسستك."),
    ("error.invalid_list", "تضم قائمة كلمات المرور المحظورة ١٠٠٠ مصطلح كحد أقصى، طول كل منها من ٤ إلى ١٦ حرفًا."),
    ("error.last_method", "هذه طريقتك الوحيدة لتأكيد هويتك، لذا لا يمكن إزالتها. أضف طريقة أخرى أولًا."),
    ("notice.signin.heading", "لاحظنا أمرًا غير معتاد"),
    ("notice.signin.lead", "يختلف تسجيل الدخول هذا عن عمليات تسجيل الدخول المعتادة لديك. لحماية حسابك، أكد هويتك."),
    ("notice.user.heading", "قد يكون حسابك معرضًا للخطر"),
    ("notice.user.lead", "رصدنا مؤشرات على أن شخصًا آخر قد يعرف كلمة مرورك. أكد هويتك، ثم اختر كلمة مرور جديدة."),
    ("unusual.UnfamiliarProperties", "مكان أو جهاز لم تستخدمه من قبل: {location}، {device}"),
    ("unusual.NewCountry", "بلد لم تسجل الدخول منه من قبل: {location}"),
    ("unusual.ImpossibleTravel", "تسجيل دخول من {location} بعد وقت قصير جدًا من آخر تسجيل دخول لك من مكان بعيد"),
    ("unusual.AtypicalTravel", "تسجيل دخول من {location}، بعيدًا عن الأماكن التي سجلت الدخول منها مؤخرًا"),
    ("unusual.AnonymousIp", "اتصال عبر شبكة تخفي مصدره"),
    ("unusual.MaliciousIp", "اتصال من عنوان مرتبط بهجمات"),
    ("unusual.PasswordSpray", "محاولات كثيرة لتخمين كلمات المرور في عدة حسابات"),
    ("unusual.ThreatActorIp", "اتصال من عنوان يستخدمه مهاجمون معروفون"),
    ("unusual.LeakedCredentials", "ظهرت كلمة مرورك في قائمة لكلمات مرور مسربة"),
    ("unusual.AnomalousActivity", "نشاط في حسابك لا يبدو أنه صادر عنك"),
    ("unusual.UserReportedSuspicious", "أبلغت عن تسجيل دخول لم تقم به"),
    ("unusual.AdminConfirmedCompromised", "صنف فريق تقنية المعلومات لديك الحساب على أنه مخترق"),
    ("mfa.heading", "تأكيد الهوية"),
    ("mfa.app.lead", "افتح تطبيق المصادقة وأدخل الرمز المكون من ٦ أرقام الذي يعرضه لهذا الحساب."),
    ("mfa.phone.lead", "سنرسل رمزًا مكونًا من ٦ أرقام إلى هاتفك."),
    ("mfa.sent", "أرسلنا رمزًا إلى {phone}."),
    ("mfa.code", "الرمز"),
    ("mfa.send_text", "استلام الرمز برسالة نصية"),
    ("mfa.send_call", "استلام الرمز بمكالمة هاتفية"),
    ("mfa.resend", "إرسال رمز جديد"),
    ("mfa.wrong", "لم يُقبل هذا الرمز. عدد المحاولات المتبقية: {left}."),
    ("mfa.switch", "استخدام طريقة أخرى"),
    ("mfa.cant_use", "لا يمكنني استخدام أي من هذه الطرق"),
    ("mfa.cant_use.help", "لا يمكنك تأكيد هويتك دون إحدى هذه الطرق. تواصل مع مكتب دعم تقنية المعلومات لديك، إذ يمكنهم التحقق من حسابك ومساعدتك في إعداد طريقة جديدة."),
    ("method.AuthenticatorApp", "تطبيق المصادقة"),
    ("method.Sms", "رسالة نصية"),
    ("method.Voice", "مكالمة هاتفية"),
    ("method.Passkey", "مفتاح المرور"),
    ("blocked.heading", "لا يمكنك تسجيل الدخول حاليًا"),
    ("blocked.Disabled", "هذا الحساب معطل. تواصل مع مكتب دعم تقنية المعلومات لديك إذا كنت تعتقد أن ذلك خطأ."),
    ("blocked.LockedOut", "أُدخلت كلمة مرور أو رمز خاطئ مرات كثيرة. حفاظًا على أمانك، قُفل هذا الحساب حتى {time}. حاول مرة أخرى بعد ذلك."),
    ("blocked.SignInRisk", "يبدو تسجيل الدخول هذا محفوفًا بالمخاطر، لذا تم إيقافه. حاول مرة أخرى من جهاز أو مكان تستخدمه عادةً، أو تواصل مع مكتب دعم تقنية المعلومات لديك."),
    ("blocked.UserRisk", "يبدو أن حسابك ربما تعرض للاختراق، لذا تم إيقاف تسجيل الدخول. تواصل مع مسؤول النظام لديك لإلغاء حظر حسابك."),
    ("blocked.UnregisteredAtRisk", "يبدو تسجيل الدخول هذا محفوفًا بالمخاطر، ولا تتوفر في حسابك أي طريقة لتأكيد هويتك. تواصل مع مكتب دعم تقنية المعلومات لديك."),
    ("blocked.HomeTenantMustRemediate", "حسابك لدى {home} معرض للخطر، ولم تفعّل تلك المؤسسة ميزة الاسترداد الذاتي. يجب أن يعالج أحد المسؤولين في {home} هذه المشكلة قبل أن تتمكن من تسجيل الدخول هنا."),
    ("blocked.TooManyFailedCodes", "أُدخلت رموز خاطئة مرات كثيرة. ابدأ من جديد بعد قليل، أو تواصل مع مكتب دعم تقنية المعلومات لديك."),
    ("blocked.details", "تفاصيل استكشاف الأخطاء وإصلاحها"),
    ("blocked.code", "رمز الخطأ"),
    ("blocked.correlation", "معرف الارتباط"),
    ("blocked.time", "الوقت"),
    ("signedin.heading", "تم تسجيل دخولك"),
    ("signedin.lead", "مرحبًا بك، {name}."),
    ("signedin.remediated", "وفي أثناء ذلك، عالجنا ما يلي:"),
    ("remediation.SignIn", "أكدت أن تسجيل الدخول غير المعتاد صادر عنك."),
    ("remediation.User", "أصبح حسابك آمنًا مجددًا: تمت إزالة الخطر."),
    ("ended.cancelled", "تم إلغاء تسجيل الدخول"),
    ("ended.failed", "حدث خطأ ما"),
    ("ended.failed.lead", "تعذر إكمال تسجيل الدخول، ولم يتم تغيير أي شيء. ابدأ من جديد."),
    ("interrupt.heading", "مطلوب مزيد من المعلومات"),
    ("interrupt.lead", "تطلب منك مؤسستك إعداد طريقة ثانية لتأكيد هويتك. يستغرق ذلك دقيقتين تقريبًا."),
    ("interrupt.days", "عدد الأيام المتبقية التي يمكنك فيها تخطي هذه الخطوة: {days}."),
    ("interrupt.last_day", "اليوم هو آخر يوم يمكنك فيه تخطي هذه الخطوة."),
    ("interrupt.forced", "انتهت المهلة المتاحة لإعداد هذه الطريقة. أعدها الآن للمتابعة."),
    ("interrupt.skip", "التخطي الآن"),
    ("register.heading", "إعداد طريقة لتأكيد هويتك"),
    ("register.choose", "اختر طريقة"),
    ("register.attacker_risk", "يبدو تسجيل الدخول هذا محفوفًا بالمخاطر. لا تزال مؤسستك تسمح لك بإضافة طريقة الآن، لكن لا يمكن إضافة أرقام الهواتف إلا بعد إزالة الخطر."),
    ("register.app.lead", "امسح رمز QR هذا باستخدام تطبيق المصادقة، أو اكتب المفتاح يدويًا. ثم أدخل الرمز الذي يعرضه التطبيق."),
    ("register.app.key", "المفتاح"),
    ("register.app.qr", "رمز QR لتطبيق المصادقة"),
    ("register.phone.number", "رقم الهاتف مع رمز البلد"),
    ("register.phone.lead", "أدخل الرقم، ثم اختر ما إذا كنت تريد أن نرسل إليك رسالة نصية أو نتصل بك."),
    ("password.heading.UserRisk", "اختيار كلمة مرور جديدة"),
    ("password.heading.TemporaryPassword", "تحديث كلمة المرور"),
    ("password.lead.UserRisk", "قد يعرف شخص آخر كلمة مرورك الحالية. اختر كلمة مرور جديدة لم تستخدمها من قبل."),
    ("password.lead.TemporaryPassword", "سجلت الدخول باستخدام كلمة مرور مؤقتة. اختر كلمة مرور خاصة بك للمتابعة."),
    ("password.new", "كلمة المرور الجديدة"),
    ("password.confirm", "تأكيد كلمة المرور الجديدة"),
    ("password.submit", "تغيير كلمة المرور"),
    ("password.rule.Empty", "أدخل كلمة مرور."),
    ("password.rule.TooShort", "الحد الأدنى لعدد الأحرف: {min}."),
    ("password.rule.TooLong", "الحد الأقصى لعدد الأحرف: {max}."),
    ("password.rule.SameAsCurrent", "اختر كلمة مرور مختلفة عن كلمة مرورك الحالية."),
    ("password.rule.Weak", "يسهل تخمين كلمة المرور هذه: أضف المزيد من الكلمات والأحرف التي تختارها بنفسك."),
    ("password.rule.ContainsPersonalInfo", "تجنب استخدام اسمك أو اسم مؤسستك."),
    ("password.ok", "تستوفي كلمة المرور هذه المتطلبات."),
    ("common.sign_out", "تسجيل الخروج"),
    ("common.retry", "إعادة المحاولة"),
    ("common.unknown", "غير معروف"),
    ("signedin.review", "مراجعة حسابك"),
    ("signedin.admin", "فتح عرض المسؤول"),
    ("signedin.elsewhere.heading", "اكتمل تسجيل الدخول هذا دون هذه الصفحة"),
    ("signedin.elsewhere.lead", "اكتمل تسجيل الدخول، لكن نتيجته لم تصل إلى هذه الصفحة، لذا لم يتم تسجيل دخولك هنا. ابدأ من جديد لتسجيل الدخول من هذه الصفحة."),
    ("account.heading", "حسابك"),
    ("account.lead", "تم تسجيل الدخول باسم {name} ({username}) لدى {tenant}."),
    ("account.required", "ما عليك فعله"),
    ("account.required.RegisterMfa", "أعدّ طريقة ثانية لتأكيد هويتك. عدد الأيام المتبقية التي يمكنك فيها تأجيل ذلك: {days}."),
    ("account.required.RegisterMfa.now", "أعدّ طريقة ثانية لتأكيد هويتك. سيُطلب منك ذلك عند تسجيل دخولك التالي."),
    ("account.required.ChangePassword", "اختر كلمة مرور خاصة بك. سيُطلب منك ذلك عند تسجيل دخولك التالي."),
    ("account.required.ReviewSignIn", "أخبرنا في قائمة عمليات تسجيل الدخول الأخيرة أدناه هل كان تسجيل الدخول في {time} من {place} صادرًا عنك."),
    ("account.alerts", "التنبيهات"),
    ("account.alerts.none", "لا توجد تنبيهات: لم يحدث أي أمر غير معتاد في حسابك."),
    ("account.alert.UnusualSignIn", "تسجيل دخول غير معتاد في {time} من {place}."),
    ("account.alert.PasswordChanged", "تم تغيير كلمة مرورك في {time}."),
    ("account.alert.RiskCleared", "تمت إزالة الخطر عن حسابك في {time}."),
    ("account.alert.AccountAtRisk", "قد يكون حسابك معرضًا للخطر (مستوى الخطر: {level}). إذا لم تكن تتوقع ذلك، فتواصل مع مكتب دعم تقنية المعلومات لديك."),
    ("riskdetail.UserPassedMfaDrivenByRiskPolicy", "أكدت هويتك باستخدام طريقة ثانية."),
    ("riskdetail.UserPerformedSecuredPasswordChange", "غيّرت كلمة مرورك."),
    ("riskdetail.UserPerformedSecuredPasswordReset", "أعدت تعيين كلمة مرورك."),
    ("riskdetail.UserReauthenticatedPasswordless", "سجلت الدخول مجددًا دون كلمة مرور."),
    ("riskdetail.AdminGeneratedTemporaryPassword", "منحك فريق تقنية المعلومات كلمة مرور مؤقتة."),
    ("riskdetail.AdminResetPassword", "أعاد فريق تقنية المعلومات تعيين كلمة مرورك."),
    ("riskdetail.AdminDismissedAllRisk", "راجع فريق تقنية المعلومات الحساب وتجاهل الخطر."),
    ("riskdetail.AdminConfirmedCompromised", "صنف فريق تقنية المعلومات الحساب على أنه مخترق."),
    ("riskdetail.AdminConfirmedSafe", "أكد فريق تقنية المعلومات أن الحساب آمن."),
    ("riskdetail.UserReportedSuspicious", "أبلغت عن تسجيل دخول لم تقم به."),
    ("riskdetail.SignInBlocked", "تم حظر تسجيل دخول."),
    ("col.log_risk", "المخاطر"),
    ("riskstate.none", "لا مخاطر"),
    ("riskstate.AtRisk", "معرّض للخطر"),
    ("riskstate.Remediated", "تمت المعالجة"),
    ("riskstate.Dismissed", "تم الصرف"),
    ("riskstate.ConfirmedCompromised", "تم تأكيد الاختراق"),
    ("riskstate.ConfirmedSafe", "تم تأكيد الأمان"),
    ("log.risk", "خطر {level} · {state}"),
    ("log.risk.detail", "خطر {level} · {state} ({detail})"),
    ("logdetail.UserPassedMfaDrivenByRiskPolicy", "اجتاز المصادقة متعددة العوامل"),
    ("logdetail.UserPerformedSecuredPasswordChange", "غيّر كلمة المرور"),
    ("logdetail.UserPerformedSecuredPasswordReset", "أعاد تعيين كلمة المرور"),
    ("logdetail.UserReauthenticatedPasswordless", "سجّل الدخول مجددًا دون كلمة مرور"),
    ("logdetail.AdminGeneratedTemporaryPassword", "كلمة مرور مؤقتة من قسم تقنية المعلومات"),
    ("logdetail.AdminResetPassword", "أعاد قسم تقنية المعلومات تعيين كلمة المرور"),
    ("logdetail.AdminDismissedAllRisk", "صرفه قسم تقنية المعلومات"),
    ("logdetail.AdminConfirmedCompromised", "أكد قسم تقنية المعلومات الاختراق"),
    ("logdetail.AdminConfirmedSafe", "أكد قسم تقنية المعلومات الأمان"),
    ("logdetail.UserReportedSuspicious", "أُبلغ عنه بأنه ليس صاحب الحساب"),
    ("logdetail.SignInBlocked", "محظور"),
    ("admin.filter.state", "حالة المخاطر"),
    ("admin.filter.user", "المستخدم"),
    ("admin.filter.all", "الكل"),
    ("account.sign_ins", "عمليات تسجيل الدخول الأخيرة"),
    ("account.sign_ins.caption", "أحدث عمليات تسجيل الدخول إلى حسابك، بدءًا بالأحدث"),
    ("account.sign_ins.none", "لا توجد عمليات تسجيل دخول بعد."),
    ("account.nothing_unusual", "لا شيء غير معتاد"),
    ("account.was_me", "كنت أنا"),
    ("account.was_me.named", "كنت أنا: تسجيل الدخول في {time} من {place}"),
    ("account.not_me", "لم أكن أنا"),
    ("account.not_me.named", "لم أكن أنا: تسجيل الدخول في {time} من {place}"),
    ("account.answered.me", "أفدت بأنك من قام بذلك."),
    ("account.answered.not_me", "أفدت بأنك لم تقم بذلك."),
    ("account.thanks.me", "شكرًا لك. تم تمييز تسجيل الدخول على أنه صادر عنك."),
    ("account.thanks.not_me", "شكرًا لإبلاغنا. تم تمييز تسجيل الدخول على أنه غير صادر عنك."),
    ("account.methods", "طرق تأكيد هويتك"),
    ("account.methods.caption", "الطرق التي أعددتها"),
    ("account.methods.none", "لم تُعد بعد أي طريقة لتأكيد هويتك."),
    ("account.method.phone", "{method} إلى {phone}"),
    ("account.remove", "إزالة"),
    ("account.remove.named", "إزالة {method}"),
    ("account.removed", "تمت إزالة {method}."),
    ("col.time", "الوقت"),
    ("col.place", "المكان"),
    ("col.device", "الجهاز"),
    ("col.app", "التطبيق"),
    ("col.unusual", "ما كان غير معتاد"),
    ("col.outcome", "النتيجة"),
    ("col.answer", "هل كنت أنت؟"),
    ("col.method", "الطريقة"),
    ("col.actions", "الإجراءات"),
    ("col.user", "المستخدم"),
    ("col.risk", "خطر المستخدم"),
    ("col.detections", "الاكتشافات"),
    ("col.open_detections", "الاكتشافات المفتوحة"),
    ("col.status", "حالة الحساب"),
    ("col.methods", "الطرق"),
    ("col.level", "خطر تسجيل الدخول"),
    ("outcome.SignedIn", "تم تسجيل الدخول"),
    ("outcome.PasswordReset", "تمت إعادة تعيين كلمة المرور"),
    ("outcome.Blocked", "محظور"),
    ("outcome.Cancelled", "ملغى"),
    ("outcome.Failed", "فشل"),
    ("outcome.Interrupted", "لم يكتمل"),
    ("risk.None", "لا يوجد"),
    ("risk.Low", "منخفض"),
    ("risk.Medium", "متوسط"),
    ("risk.High", "مرتفع"),
    ("admin.heading", "عرض المسؤول"),
    ("admin.lead", "المستخدمون وعمليات تسجيل الدخول والسياسات في {tenant}."),
    ("admin.back", "العودة إلى حسابك"),
    ("admin.users", "المستخدمون"),
    ("admin.users.caption", "المستخدمون ومستوى الخطر لديهم والإجراءات المتاحة لك"),
    ("admin.none", "لا يوجد"),
    ("admin.methods.none", "لم تُعد أي طريقة"),
    ("admin.status.active", "نشط"),
    ("admin.status.disabled", "معطل"),
    ("admin.status.locked", "مقفل حتى {time}"),
    ("admin.status.temporary", "يجب أن يستبدل كلمة مرور مؤقتة"),
    ("admin.status.guest", "ضيف من مؤسسة أخرى"),
    ("admin.guest_note", "تدير مؤسسته الأصلية هذا الحساب."),
    ("admin.action.DismissRisk", "تجاهل الخطر"),
    ("admin.action.DismissRisk.named", "تجاهل الخطر: {name}"),
    ("admin.action.ConfirmCompromised", "تأكيد الاختراق"),
    ("admin.action.ConfirmCompromised.named", "تأكيد الاختراق: {name}"),
    ("admin.action.ConfirmSafe", "تأكيد الأمان"),
    ("admin.action.ConfirmSafe.named", "تأكيد الأمان: {name}"),
    ("admin.action.TemporaryPassword", "كلمة مرور مؤقتة"),
    ("admin.action.TemporaryPassword.named", "كلمة مرور مؤقتة: {name}"),
    ("admin.action.RequireReregistration", "طلب إعادة التسجيل"),
    ("admin.action.RequireReregistration.named", "طلب إعادة التسجيل: {name}"),
    ("admin.action.Unblock", "إلغاء الحظر"),
    ("admin.action.Unblock.named", "إلغاء الحظر: {name}"),
    ("admin.action.ConfirmSignInSafe", "تأكيد تسجيل الدخول"),
    ("admin.action.ConfirmSignInSafe.named", "تأكيد تسجيل الدخول: {name}، في {time} من {place} (الصف {row})"),
    ("admin.action.Enable", "تفعيل"),
    ("admin.action.Enable.named", "تفعيل: {name}"),
    ("admin.action.Disable", "تعطيل"),
    ("admin.action.Disable.named", "تعطيل: {name}"),
    ("admin.done", "تم تنفيذ «{action}» للمستخدم {name}."),
    ("admin.done.ConfirmSignInSafe", "تم التأكيد: كان تسجيل الدخول هذا من {name}. أصبح مكانه وشبكته مألوفين الآن."),
    ("admin.confirm.ConfirmCompromised", "هل تريد وسم حساب {name} بأنه مخترق؟ يصبح خطر المستخدم مرتفعًا، وتُطبَّق سياسة خطر المستخدم على كل تسجيل دخول له."),
    ("admin.confirm.TemporaryPassword", "هل تريد منح {name} كلمة مرور مؤقتة؟ تتوقف كلمة المرور الحالية عن العمل فورًا."),
    ("admin.confirm.RequireReregistration", "هل تريد إزالة كل طرق تسجيل الدخول لدى {name}؟ سيلزم التسجيل من جديد عند تسجيل الدخول التالي."),
    ("admin.confirm.Disable", "هل تريد تعطيل حساب {name}؟ لا يمكن تسجيل الدخول حتى يُفعَّل الحساب من جديد."),
    ("admin.confirm.yes", "نعم: {action}"),
    ("admin.temp.heading", "كلمة المرور المؤقتة للمستخدم {name}"),
    ("admin.temp.note", "لن تُعرض إلا هذه المرة. سلّمها إلى {name} بطريقة آمنة، وسيُطلب منه اختيار كلمة مرور خاصة به عند تسجيل الدخول بها."),
    ("admin.temp.copy", "نسخ كلمة المرور"),
    ("admin.temp.hide", "إخفاء كلمة المرور"),
    ("admin.sign_ins.caption", "أحدث عمليات تسجيل الدخول لمستخدميك، بدءًا بالأحدث"),
    ("policy.heading", "السياسات في {tenant}"),
    ("policy.sign_in", "سياسة خطر تسجيل الدخول"),
    ("policy.user", "سياسة خطر المستخدم"),
    ("policy.registration", "سياسة تسجيل المصادقة متعددة العوامل"),
    ("policy.enforcement", "التطبيق"),
    ("policy.min_level", "تسري بدءًا من مستوى الخطر"),
    ("policy.action", "الإجراء"),
    ("enforcement.Off", "متوقفة"),
    ("enforcement.ReportOnly", "إعداد التقارير فقط"),
    ("enforcement.On", "مفعلة"),
    ("signin_action.RequireMfa", "طلب المصادقة متعددة العوامل"),
    ("signin_action.Block", "حظر الوصول"),
    ("user_action.RequireMfaAndPasswordChange", "طلب المصادقة متعددة العوامل وتغيير كلمة المرور"),
    ("user_action.RequireRiskRemediation", "طلب معالجة الخطر"),
    ("user_action.Block", "حظر الوصول"),
    ("policy.block_unregistered", "حظر المستخدمين المعرضين للخطر الذين ليست لديهم طريقة للمصادقة متعددة العوامل، بدلًا من السماح لهم بتسجيل طريقة"),
    ("policy.banned", "كلمات المرور المحظورة المخصصة، مصطلح واحد في كل سطر"),
    ("policy.banned.hint", "طول كل مصطلح من ٤ إلى ١٦ حرفًا، و١٠٠٠ مصطلح كحد أقصى."),
    ("policy.save", "حفظ السياسة"),
    ("policy.saved", "تم حفظ السياسة."),
    // Reliability and hostile input (issue #7).
    ("error.username_too_long", "اسم المستخدم هذا أطول من المسموح به (٢٥٦ حرفًا كحد أقصى)."),
    ("password.check_failed", "تعذر فحص كلمة المرور هذه أثناء الكتابة، وسيتم فحصها عند إرسالها."),
    // Passkeys (issue #8).
    ("passkey.unavailable", "لا يدعم هذا المتصفح أو الجهاز مفاتيح المرور. اختر طريقة أخرى لتأكيد هويتك."),
    ("passkey.cancelled", "أُغلقت نافذة مفتاح المرور قبل أن تكتمل. حاول مرة أخرى أو اختر طريقة أخرى لتأكيد هويتك."),
    ("passkey.already_here", "يحمل هذا الجهاز بالفعل مفتاح مرور لحسابك."),
    ("passkey.failed", "تعذّر على متصفحك استخدام مفتاح المرور. حاول مرة أخرى أو اختر طريقة أخرى لتأكيد هويتك."),
    ("passkey.error.unreadable", "تعذّرت قراءة رد مفتاح المرور. حاول مرة أخرى."),
    ("passkey.error.stale", "رد مفتاح المرور هذا لا يخص عملية تسجيل الدخول هذه أو وصل متأخرًا. حاول مرة أخرى."),
    ("passkey.error.wrong_site", "أُنشئ رد مفتاح المرور هذا لموقع آخر، لذلك لم يُقبل. تحقّق من شريط العنوان قبل المحاولة مرة أخرى."),
    ("passkey.error.not_verified", "لم يؤكد جهازك أنك أنت (بصمة الإصبع أو الوجه أو الرمز الشخصي). حاول مرة أخرى."),
    ("passkey.error.not_recognised", "لم يُتعرّف على مفتاح المرور هذا لهذا الحساب. استخدم مفتاح مرور آخر أو طريقة أخرى."),
    ("passkey.error.replayed", "استُخدم رد مفتاح المرور هذا من قبل، لذلك لم يُقبل. حاول مرة أخرى."),
    ("passkey.error.duplicate", "مفتاح المرور هذا مسجّل بالفعل."),
    ("mfa.passkey.lead", "استخدم مفتاح مرور محفوظًا على هذا الجهاز. سيطلب جهازك بصمة إصبعك أو وجهك أو رمزك الشخصي."),
    ("mfa.passkey.use", "استخدام مفتاح مرور"),
    ("mfa.passkey.required.SignInRisk", "تبدو عملية تسجيل الدخول هذه عالية الخطورة، لذلك لا تقبل مؤسستك هنا إلا مفتاح مرور. يعمل مفتاح المرور على صفحة تسجيل الدخول الحقيقية فقط، فلا تستطيع صفحة مقلّدة استخدامه."),
    ("mfa.passkey.required.UserRisk", "قد يكون حسابك في خطر. أنت لا تستخدم كلمة مرور، لذا أكّد هويتك بمفتاح المرور الخاص بك، ثم سنُخرجك من جميع الأجهزة الأخرى."),
    ("stepup.heading", "تحقق إضافي"),
    ("stepup.admin.lead", "يمكن لعرض المسؤول تغيير طريقة تسجيل دخول الجميع في مؤسستك، لذا أكّد هويتك أولاً بإحدى طرقك، وسيُطلب منك ذلك مجددًا بعد فترة."),
    ("stepup.account.lead", "لتغيير طريقة تأكيد هويتك، أكّد هويتك أولاً بإحدى الطرق التي لديك بالفعل."),
    ("stepup.start", "تأكيد الهوية"),
    ("mfa.step_up.lead", "أنت مسجّل الدخول بالفعل. قبل المتابعة، أكّد هويتك بإحدى طرقك."),
    ("account.add.passkey", "إضافة مفتاح مرور"),
    ("signin.passkey", "تسجيل الدخول بمفتاح مرور بدلًا من ذلك"),
    ("blocked.NoPhishingResistantMethod", "تشترط مؤسستك مفتاح مرور لعملية تسجيل الدخول هذه، وليس لحسابك مفتاح بعد. اطلب من مكتب الدعم الفني مساعدتك في إعداده."),
    ("policy.phishing_resistant", "الخطورة العالية: قبول مفاتيح المرور فقط (مقاومة للتصيّد)"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{name}` placeholders in `text`.
    fn placeholders(text: &str) -> BTreeSet<&str> {
        let mut found = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    found.insert(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        found
    }

    fn english(key: &str) -> &'static str {
        EN.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).unwrap()
    }

    #[test]
    fn the_packed_catalogs_give_every_text_as_written() {
        for locale in Locale::ALL {
            for (key, english) in EN {
                let written = locale.catalog().iter().find(|(k, _)| k == key).map_or(*english, |(_, v)| *v);
                assert_eq!(t(locale, key), written, "{locale:?} {key}");
            }
        }
        assert_eq!(t(Locale::Ar, "no.such.key"), "no.such.key");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Locale::En, "signedin.lead", &[("name", "Ada")]), "Welcome, Ada.");
    }

    #[test]
    fn keys_are_unique() {
        for locale in Locale::ALL {
            let cat = locale.catalog();
            let keys: BTreeSet<_> = cat.iter().map(|(k, _)| *k).collect();
            assert_eq!(keys.len(), cat.len(), "{locale:?} has a duplicate key");
        }
    }

    #[test]
    fn every_locale_has_exactly_the_english_keys() {
        let en: BTreeSet<_> = EN.iter().map(|(k, _)| *k).collect();
        for locale in Locale::ALL {
            let keys: BTreeSet<_> = locale.catalog().iter().map(|(k, _)| *k).collect();
            let missing: Vec<_> = en.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&en).collect();
            assert!(missing.is_empty(), "{locale:?} is missing {missing:?}");
            assert!(extra.is_empty(), "{locale:?} has keys English lacks: {extra:?}");
            assert_eq!(locale.catalog().len(), EN.len(), "{locale:?} repeats a key");
        }
    }

    #[test]
    fn translations_keep_the_english_placeholders() {
        for locale in Locale::ALL {
            for (key, text) in locale.catalog() {
                assert_eq!(
                    placeholders(text),
                    placeholders(english(key)),
                    "{locale:?} {key}: placeholders differ from English"
                );
            }
        }
    }

    #[test]
    fn translations_are_not_empty_or_left_in_english() {
        // Words that read the same in German as in English.
        let same_in_german = ["mfa.code", "method.Passkey"];
        for locale in [Locale::De, Locale::Ar] {
            for (key, text) in locale.catalog() {
                assert!(!text.trim().is_empty(), "{locale:?} {key} is empty");
                if !(locale == Locale::De && same_in_german.contains(key)) {
                    assert_ne!(*text, english(key), "{locale:?} {key} is still English");
                }
            }
        }
    }

    #[test]
    fn arabic_text_is_arabic() {
        // Latin letters may appear only in placeholders and in "QR".
        for (key, text) in AR {
            let mut stripped = text.replace("QR", "");
            for name in placeholders(text) {
                stripped = stripped.replace(&format!("{{{name}}}"), "");
            }
            assert!(!stripped.chars().any(|c| c.is_ascii_alphabetic()), "Latin letters in AR {key}: {text}");
        }
    }

    #[test]
    fn tf_fills_placeholders_in_german_and_arabic() {
        assert_eq!(tf(Locale::De, "signedin.lead", &[("name", "Ada")]), "Willkommen, Ada.");
        assert_eq!(tf(Locale::Ar, "signedin.lead", &[("name", "Ada")]), "مرحبًا بك، Ada.");
        let home = tf(Locale::De, "blocked.HomeTenantMustRemediate", &[("home", "Contoso")]);
        assert_eq!(home.matches("Contoso").count(), 2);
        assert!(!home.contains('{'));
        let places = tf(
            Locale::Ar,
            "unusual.UnfamiliarProperties",
            &[("location", "Lisbon, PT"), ("device", "iPhone")],
        );
        assert_eq!(places, "مكان أو جهاز لم تستخدمه من قبل: Lisbon, PT، iPhone");
        let left = Locale::Ar.number(2);
        assert_eq!(
            tf(Locale::Ar, "mfa.wrong", &[("left", &left)]),
            "لم يُقبل هذا الرمز. عدد المحاولات المتبقية: ٢."
        );
    }

    #[test]
    fn t_uses_the_locale_catalog() {
        assert_eq!(t(Locale::En, "common.cancel"), "Cancel");
        assert_eq!(t(Locale::De, "common.cancel"), "Abbrechen");
        assert_eq!(t(Locale::Ar, "common.cancel"), "إلغاء");
        assert_eq!(t(Locale::De, "no.such.key"), "no.such.key");
    }

    #[test]
    fn tags_directions_and_names() {
        assert_eq!(Locale::ALL.map(Locale::tag), ["en", "de", "ar"]);
        assert_eq!(Locale::ALL.map(Locale::dir), ["ltr", "ltr", "rtl"]);
        assert_eq!(Locale::ALL.map(Locale::name), ["English", "Deutsch", "العربية"]);
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
    }

    #[test]
    fn arabic_is_right_to_left() {
        assert_eq!(Locale::Ar.dir(), "rtl");
        assert_eq!(Locale::from_tag("ar-EG").map(Locale::dir), Some("rtl"));
    }

    #[test]
    fn from_tag_matches_the_primary_language() {
        let cases = [
            ("en", Some(Locale::En)),
            ("en-GB", Some(Locale::En)),
            ("EN-us", Some(Locale::En)),
            ("de", Some(Locale::De)),
            ("de-AT", Some(Locale::De)),
            ("DE-ch", Some(Locale::De)),
            ("de-Latn-DE-1996", Some(Locale::De)),
            ("de_AT", Some(Locale::De)),
            (" de-DE ", Some(Locale::De)),
            ("ar", Some(Locale::Ar)),
            ("ar-EG", Some(Locale::Ar)),
            ("AR-sa", Some(Locale::Ar)),
            ("fr", None),
            ("fr-FR", None),
            ("deu", None),
            ("eng", None),
            ("a", None),
            ("", None),
            ("*", None),
            ("-de", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Locale::from_tag(tag), want, "from_tag({tag:?})");
        }
    }

    #[test]
    fn from_preferences_takes_the_first_supported() {
        assert_eq!(Locale::from_preferences(["fr-FR", "de-AT", "en-US"]), Locale::De);
        assert_eq!(Locale::from_preferences(["ar-EG", "de"]), Locale::Ar);
        assert_eq!(Locale::from_preferences(["en-GB", "ar"]), Locale::En);
        assert_eq!(Locale::from_preferences(["fr", "it", "es"]), Locale::En);
        assert_eq!(Locale::from_preferences([]), Locale::En);
        let browser = [String::from("nl-NL"), String::from("AR")];
        assert_eq!(Locale::from_preferences(browser.iter().map(String::as_str)), Locale::Ar);
    }

    #[test]
    fn numbers_use_the_locale_grouping() {
        let cases: [(u64, &str, &str, &str); 9] = [
            (0, "0", "0", "٠"),
            (7, "7", "7", "٧"),
            (999, "999", "999", "٩٩٩"),
            (1000, "1,000", "1.000", "١٬٠٠٠"),
            (1234, "1,234", "1.234", "١٬٢٣٤"),
            (56789, "56,789", "56.789", "٥٦٬٧٨٩"),
            (123456, "123,456", "123.456", "١٢٣٬٤٥٦"),
            (1234567, "1,234,567", "1.234.567", "١٬٢٣٤٬٥٦٧"),
            (
                u64::MAX,
                "18,446,744,073,709,551,615",
                "18.446.744.073.709.551.615",
                "١٨٬٤٤٦٬٧٤٤٬٠٧٣٬٧٠٩٬٥٥١٬٦١٥",
            ),
        ];
        for (n, en, de, ar) in cases {
            assert_eq!(Locale::En.number(n), en);
            assert_eq!(Locale::De.number(n), de);
            assert_eq!(Locale::Ar.number(n), ar);
        }
    }
}
