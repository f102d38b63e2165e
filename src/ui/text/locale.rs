//! The languages Riskgate speaks: their tags, directions, names and digits.

/// In the order build.rs packs the texts (its `LOCALES`) and a language picker lists
/// them: English, the source, first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    De,
    Fr,
    Es,
    /// Brazilian Portuguese.
    Pt,
    Ja,
    /// Simplified Chinese.
    Zh,
    /// Arabic, written right to left.
    Ar,
    /// Hebrew, written right to left.
    He,
    Hi,
}

impl Locale {
    /// Every supported locale, in the order a language picker lists them.
    pub const ALL: [Locale; 10] = [
        Locale::En,
        Locale::De,
        Locale::Fr,
        Locale::Es,
        Locale::Pt,
        Locale::Ja,
        Locale::Zh,
        Locale::Ar,
        Locale::He,
        Locale::Hi,
    ];

    /// The BCP 47 tag, for `<html lang>`, the browser's date formatting and the name of
    /// the locale's file.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
            Locale::Pt => "pt",
            Locale::Ja => "ja",
            Locale::Zh => "zh",
            Locale::Ar => "ar",
            Locale::He => "he",
            Locale::Hi => "hi",
        }
    }

    /// The text direction, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::Ar | Locale::He => "rtl",
            _ => "ltr",
        }
    }

    /// The language's name in that language, for a language picker.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
            Locale::Fr => "Français",
            Locale::Es => "Español",
            Locale::Pt => "Português",
            Locale::Ja => "日本語",
            Locale::Zh => "中文",
            Locale::Ar => "العربية",
            Locale::He => "עברית",
            Locale::Hi => "हिन्दी",
        }
    }

    /// The locale for a BCP 47 tag, matched case-insensitively on its primary language subtag:
    /// "de-AT" gives `De`, "AR-eg" gives `Ar`, "it" gives `None`. An underscore separator
    /// ("de_AT", as in POSIX locale names) is accepted too, and so is "iw", the code
    /// older systems still send for Hebrew.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("iw") {
            return Some(Locale::He);
        }
        Locale::ALL.into_iter().find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The first supported locale among `tags`, taken in order of preference
    /// (as in `navigator.languages`); English if none is supported.
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter().find_map(Locale::from_tag).unwrap_or(Locale::En)
    }

    /// `n` with this locale's digits and digit grouping, as the browser's
    /// `Intl.NumberFormat` writes it: "1,234", "1.234", "1 234", "١٬٢٣٤", "12,34,567".
    /// Pass numbers through this before putting them into `tf` placeholders.
    pub fn number(self, n: u64) -> String {
        let (separator, zero) = self.digits();
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() * 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && self.groups_before(digits.len(), digits.len() - i) {
                out.push(separator);
            }
            let offset = d as u32 - '0' as u32;
            out.push(char::from_u32(zero as u32 + offset).unwrap_or(d));
        }
        out
    }

    /// The group separator and the digit zero.
    fn digits(self) -> (char, char) {
        match self {
            Locale::De | Locale::Es | Locale::Pt => ('.', '0'),
            // U+202F NARROW NO-BREAK SPACE, as French typography and Intl use.
            Locale::Fr => ('\u{202F}', '0'),
            // U+066C ARABIC THOUSANDS SEPARATOR; U+0660 ARABIC-INDIC DIGIT ZERO.
            Locale::Ar => ('\u{066C}', '\u{0660}'),
            Locale::En | Locale::Ja | Locale::Zh | Locale::He | Locale::Hi => (',', '0'),
        }
    }

    /// Whether a separator goes before the last `rest` of `len` digits.
    fn groups_before(self, len: usize, rest: usize) -> bool {
        match self {
            // Spanish leaves four-digit numbers whole: "1234", "12.345".
            Locale::Es if len < 5 => false,
            // Hindi groups thousands, then lakhs and crores by two: "12,34,567".
            Locale::Hi => rest == 3 || (rest > 3 && (rest - 3).is_multiple_of(2)),
            _ => rest.is_multiple_of(3),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_directions_and_names() {
        assert_eq!(
            Locale::ALL.map(Locale::tag),
            ["en", "de", "fr", "es", "pt", "ja", "zh", "ar", "he", "hi"]
        );
        let right_to_left: Vec<Locale> = Locale::ALL.into_iter().filter(|l| l.dir() == "rtl").collect();
        assert_eq!(right_to_left, [Locale::Ar, Locale::He]);
        assert_eq!(Locale::De.name(), "Deutsch");
        assert_eq!(Locale::Ar.name(), "العربية");
        assert_eq!(Locale::Hi.name(), "हिन्दी");
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
            ("fr-CA", Some(Locale::Fr)),
            ("pt-BR", Some(Locale::Pt)),
            ("zh-Hans-CN", Some(Locale::Zh)),
            ("he-IL", Some(Locale::He)),
            ("iw", Some(Locale::He)),
            ("hi_IN", Some(Locale::Hi)),
            ("it", None),
            ("nl-NL", None),
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
        assert_eq!(Locale::from_preferences(["it-IT", "de-AT", "en-US"]), Locale::De);
        assert_eq!(Locale::from_preferences(["fr-FR", "de-AT"]), Locale::Fr);
        assert_eq!(Locale::from_preferences(["ar-EG", "de"]), Locale::Ar);
        assert_eq!(Locale::from_preferences(["en-GB", "ar"]), Locale::En);
        assert_eq!(Locale::from_preferences(["it", "nl", "sv"]), Locale::En);
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
            for same in [Locale::Ja, Locale::Zh, Locale::He] {
                assert_eq!(same.number(n), en, "{same:?}");
            }
            assert_eq!(Locale::Pt.number(n), de);
            assert_eq!(Locale::Fr.number(n), en.replace(',', "\u{202F}"));
        }
    }

    #[test]
    fn spanish_leaves_four_digits_whole_and_hindi_groups_by_lakh() {
        let spanish = [(999, "999"), (1234, "1234"), (12345, "12.345"), (1234567, "1.234.567")];
        for (n, want) in spanish {
            assert_eq!(Locale::Es.number(n), want);
        }
        let hindi = [(999, "999"), (1234, "1,234"), (12345, "12,345"), (123456, "1,23,456")];
        for (n, want) in hindi {
            assert_eq!(Locale::Hi.number(n), want);
        }
        assert_eq!(Locale::Hi.number(1234567890), "1,23,45,67,890");
    }
}
