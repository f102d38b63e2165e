//! Every string the screens show, by key, per locale. Placeholders look like `{name}`.
//! A key missing from a locale falls back to English; a test keeps the catalogs complete.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
}

impl Locale {
    pub const ALL: [Locale; 1] = [Locale::En];

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        "ltr"
    }

    fn catalog(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Locale::En => EN,
        }
    }
}

/// The text for `key`; the key itself if no catalog has it, so a gap shows up in review.
pub fn t(locale: Locale, key: &'static str) -> &'static str {
    let find =
        |cat: &'static [(&'static str, &'static str)]| cat.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    find(locale.catalog()).or_else(|| find(EN)).unwrap_or(key)
}

/// `t` with `{name}` placeholders filled in.
pub fn tf(locale: Locale, key: &'static str, args: &[(&str, &str)]) -> String {
    let mut out = t(locale, key).to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

pub const EN: &[(&str, &str)] = &[
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
    ("error.phone", "Enter a phone number with 7 to 15 digits."),
    ("error.confirm_mismatch", "The two passwords are not the same."),
    ("error.new_password_empty", "Enter a new password."),
    ("error.flow_gone", "This sign-in has timed out. Start again."),
    ("error.stale", "This page was out of date; it now shows where your sign-in stands."),
    ("error.unexpected", "That can't be done at this step."),
    ("error.unavailable", "We couldn't reach the sign-in service. Check your connection and try again."),
    ("error.timeout", "The sign-in service took too long to answer. Try again."),
    ("error.malformed", "The sign-in service sent an answer we couldn't read. Try again."),
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
    ("blocked.LockedOut", "Too many wrong passwords. For your safety, this account is locked until {time}. Try again after that."),
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
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Locale::En, "signedin.lead", &[("name", "Ada")]), "Welcome, Ada.");
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = EN.iter().map(|(k, _)| k).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), EN.len());
    }
}
