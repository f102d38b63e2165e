//! The texts of locales not packed into the module, once fetched: build.rs writes each
//! as `{"catalog": id, "texts": [...]}` in `Key`'s order. A file is kept only if it is
//! this build's, so a cached file from an older release cannot put texts under the wrong
//! keys. Kept for the page's life: a person changes language a few times at most.
use super::{Key, Locale, CATALOG_ID, KEYS};
use serde::Deserialize;
use std::sync::OnceLock;

static LOADED: [OnceLock<Box<[Box<str>]>>; Locale::ALL.len()] =
    [const { OnceLock::new() }; Locale::ALL.len()];

/// A locale file as fetched.
#[derive(Debug, Deserialize)]
pub struct Fetched {
    pub catalog: String,
    pub texts: Vec<String>,
}

/// Why a fetched file was not kept.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Written for another build's keys.
    OtherBuild,
    /// This build's, but with a text too few or too many.
    WrongLength,
}

/// Keeps `file` as `locale`'s texts, if it is this build's.
pub fn install(locale: Locale, file: Fetched) -> Result<(), Refused> {
    if file.catalog != CATALOG_ID {
        return Err(Refused::OtherBuild);
    }
    if file.texts.len() != KEYS {
        return Err(Refused::WrongLength);
    }
    // A second install of the same locale (two fetches racing) keeps the first: the same texts.
    let _ = LOADED[locale as usize].set(file.texts.into_iter().map(String::into_boxed_str).collect());
    Ok(())
}

pub(super) fn has(locale: Locale) -> bool {
    LOADED[locale as usize].get().is_some()
}

pub(super) fn text(locale: Locale, key: Key) -> Option<&'static str> {
    LOADED[locale as usize].get().and_then(|texts| texts.get(key.index())).map(|t| &**t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(catalog: &str, texts: usize) -> Fetched {
        Fetched { catalog: catalog.into(), texts: (0..texts).map(|i| format!("text {i}")).collect() }
    }

    #[test]
    fn a_file_from_another_build_or_of_another_length_is_refused() {
        assert_eq!(install(Locale::Ja, file("0123456789abcdef", KEYS)), Err(Refused::OtherBuild));
        assert_eq!(install(Locale::Ja, file(CATALOG_ID, KEYS - 1)), Err(Refused::WrongLength));
        assert_eq!(install(Locale::Ja, file(CATALOG_ID, KEYS + 1)), Err(Refused::WrongLength));
        // Other tests may install Japanese's real file meanwhile; none of these texts is kept.
        assert!(text(Locale::Ja, Key::CommonCancel).is_none_or(|t| !t.starts_with("text ")));
    }

    #[test]
    fn this_builds_file_gives_each_key_its_text() {
        // Hindi only here: the catalog tests install the real files of the others.
        install(Locale::Hi, file(CATALOG_ID, KEYS)).unwrap();
        assert!(has(Locale::Hi));
        let want = format!("text {}", Key::CommonCancel.index());
        assert_eq!(text(Locale::Hi, Key::CommonCancel), Some(want.as_str()));
    }
}
