//! Every string the screens show, by `Key`, per locale. Placeholders look like `{name}`.
//!
//! The texts are data: locales/en.json (the source), de.json and ar.json, flat objects by
//! key, grouped by screen in the order a person meets them. build.rs turns them into Rust
//! (`Key` and the packed texts), so no parser ships and a key is checked when the code
//! is compiled; a text is found by the key's index. JSON rather than Fluent: browsers
//! parse it natively for locales fetched later, and our messages need only `{name}`
//! placeholders, so Fluent's runtime would add bytes for nothing.
//!
//! A key a locale lacks shows English (the build warns; tests/catalogs.rs keeps every
//! locale complete). German is formal ("Sie"). Arabic is Modern Standard Arabic, right to
//! left; instructions address the reader in the masculine imperative, as is usual in
//! Arabic software, and numbers use Arabic-Indic digits, matching `Locale::number`.

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// In the order build.rs packs the texts (its `LOCALES`): `t` finds a locale's texts at
/// `locale as usize`.
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
}

/// The text for `key` in `locale`.
pub fn t(locale: Locale, key: Key) -> &'static str {
    let n = locale as usize * KEYS + key as usize;
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
