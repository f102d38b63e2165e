//! Every string the screens show, by `Key`, per locale. Placeholders look like `{name}`.
//!
//! The texts are data: locales/en.json (the source) and nine translations, flat objects
//! by key, grouped by screen in the order a person meets them. build.rs turns them into
//! Rust (`Key` and the packed texts), so a key is checked when the code is compiled and a
//! text is found by the key's index. In the split build a key also carries its English
//! text, which so travels with the part whose screen shows it (build.rs's `key_type`).
//! JSON rather than Fluent: browsers parse it natively for the locales fetched when
//! chosen (fetched.rs), and our messages need only `{name}` placeholders, so Fluent's
//! runtime would add bytes for nothing.
//!
//! English is always inside the module. The others are too with the feature
//! `packed-locales` (the demo app and the tests); the shipped component fetches them, so
//! a login page downloads only the language it shows. Until a locale's texts are here,
//! and for a key a locale lacks, English shows (tests/catalogs.rs keeps every locale
//! complete). German is formal ("Sie"). Arabic is Modern Standard Arabic, right to left;
//! instructions address the reader in the masculine imperative, as is usual in Arabic
//! software, and numbers use Arabic-Indic digits, matching `Locale::number`.

mod fetched;
mod locale;

pub use fetched::{install, Fetched};
pub use locale::Locale;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

impl Key {
    /// The key's place in the key set, which is where a fetched file has its text.
    pub fn index(self) -> usize {
        usize::from(self.place())
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.place() == other.place()
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.place().hash(state);
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Natively, the constant's name (tests/catalogs.rs finds keys in the code by it).
        #[cfg(not(target_arch = "wasm32"))]
        return f.write_str(self.variant());
        #[cfg(target_arch = "wasm32")]
        write!(f, "Key({})", self.index())
    }
}

/// The text for `key` in `locale`; English's while `locale`'s texts are not here.
pub fn t(locale: Locale, key: Key) -> &'static str {
    match locale as usize {
        l if l < PACKED => packed(l, key),
        _ => fetched::text(locale, key).unwrap_or_else(|| packed(0, key)),
    }
}

/// Whether `locale`'s texts are here, so `t` gives them rather than English's.
pub fn ready(locale: Locale) -> bool {
    (locale as usize) < PACKED || fetched::has(locale)
}

/// The text of `key` in the `l`th packed locale.
fn packed(l: usize, key: Key) -> &'static str {
    match l {
        0 => key.english(),
        _ => text_at((l - TEXT_FROM) * KEYS + key.index()),
    }
}

/// The `n`th text of `TEXT`.
fn text_at(n: usize) -> &'static str {
    let start = if n == 0 { 0 } else { ENDS[n - 1] as usize };
    // Cut where a text ended, so always on a character boundary.
    TEXT.get(start..ENDS[n] as usize).unwrap_or_default()
}

/// `t` with `{name}` placeholders filled in.
pub fn tf(locale: Locale, key: Key, args: &[(&str, &str)]) -> String {
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

/// Words to show, kept as a key and its arguments and put into words only when shown, so
/// a message already on screen follows a change of language.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub key: Key,
    pub args: Vec<(&'static str, Arg)>,
}

/// A message's argument, put into words in the language it is shown in.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Shown as it is: a name, a masked phone number.
    Data(String),
    /// Shown with the locale's digits and grouping.
    Number(u64),
    /// Another text, such as a method's name.
    Text(Key),
}

impl From<Key> for Message {
    fn from(key: Key) -> Message {
        Message { key, args: vec![] }
    }
}

impl Message {
    /// The message with placeholder `name` filled by `arg`.
    pub fn with(mut self, name: &'static str, arg: Arg) -> Message {
        self.args.push((name, arg));
        self
    }

    /// The message in `locale`'s words.
    pub fn text(&self, locale: Locale) -> String {
        let values: Vec<String> = self.args.iter().map(|(_, arg)| arg.text(locale)).collect();
        let args: Vec<(&str, &str)> =
            self.args.iter().zip(&values).map(|((name, _), value)| (*name, value.as_str())).collect();
        tf(locale, self.key, &args)
    }
}

impl Arg {
    fn text(&self, locale: Locale) -> String {
        match self {
            Arg::Data(value) => value.clone(),
            Arg::Number(n) => locale.number(*n),
            Arg::Text(key) => t(locale, *key).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Locale::En, Key::SignedinLead, &[("name", "Ada")]), "Welcome, Ada.");
    }

    #[test]
    fn tf_fills_placeholders_in_german_and_arabic() {
        assert_eq!(tf(Locale::De, Key::SignedinLead, &[("name", "Ada")]), "Willkommen, Ada.");
        assert_eq!(tf(Locale::Ar, Key::SignedinLead, &[("name", "Ada")]), "مرحبًا بك، Ada.");
        let home = tf(Locale::De, Key::BlockedHomeTenantMustRemediate, &[("home", "Contoso")]);
        assert_eq!(home.matches("Contoso").count(), 2);
        assert!(!home.contains('{'));
        let places = tf(
            Locale::Ar,
            Key::UnusualUnfamiliarProperties,
            &[("location", "Lisbon, PT"), ("device", "iPhone")],
        );
        assert_eq!(places, "مكان أو جهاز لم تستخدمه من قبل: Lisbon, PT، iPhone");
        let left = Locale::Ar.number(2);
        assert_eq!(
            tf(Locale::Ar, Key::MfaWrong, &[("left", &left)]),
            "لم يُقبل هذا الرمز. عدد المحاولات المتبقية: ٢."
        );
    }

    #[test]
    fn t_uses_the_locale_catalog() {
        assert_eq!(t(Locale::En, Key::CommonCancel), "Cancel");
        assert_eq!(t(Locale::De, Key::CommonCancel), "Abbrechen");
        assert_eq!(t(Locale::Ar, Key::CommonCancel), "إلغاء");
    }

    #[test]
    fn a_message_is_put_into_words_in_the_locale_it_is_shown_in() {
        let wrong = Message::from(Key::MfaWrong).with("left", Arg::Number(1234));
        assert_eq!(wrong.text(Locale::En), "That code didn't work. 1,234 tries left.");
        assert_eq!(
            wrong.text(Locale::De),
            "Dieser Code hat nicht funktioniert. Verbleibende Versuche: 1.234."
        );
        assert_eq!(wrong.text(Locale::Ar), "لم يُقبل هذا الرمز. عدد المحاولات المتبقية: ١٬٢٣٤.");
        assert_eq!(Message::from(Key::CommonCancel).text(Locale::De), "Abbrechen");
    }

    #[test]
    fn a_message_names_other_texts_and_keeps_data_as_it_is() {
        let removed = Message::from(Key::AccountRemoved).with("method", Arg::Text(Key::MethodSms));
        assert_eq!(removed.text(Locale::En), "Text message was removed.");
        assert_eq!(removed.text(Locale::De), "SMS wurde entfernt.");
        assert_eq!(removed.text(Locale::Ar), "تمت إزالة رسالة نصية.");
        let sent = Message::from(Key::MfaSent).with("phone", Arg::Data("•••• 47 {left}".into()));
        assert_eq!(sent.text(Locale::En), "We sent a code to •••• 47 {left}.");
    }
}
