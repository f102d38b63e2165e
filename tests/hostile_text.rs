//! Text from the directory (display names, tenant names) in the catalogs' sentences,
//! natively: a value that looks like a placeholder stays as it is.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../src/ui/text/mod.rs"]
#[allow(dead_code, unused_imports)]
mod text;

use text::{tf, Arg, Key, Locale, Message};

#[test]
fn a_value_that_looks_like_a_placeholder_is_not_filled_in_again() {
    let args = [("name", "{tenant} {username}"), ("username", "ada@contoso.example"), ("tenant", "Contoso")];
    let lead = tf(Locale::En, Key::AccountLead, &args);
    assert!(lead.contains("{tenant} {username}"), "{lead}");
    assert!(lead.contains("ada@contoso.example") && lead.contains("Contoso"), "{lead}");
}

#[test]
fn markup_and_odd_characters_pass_through_unchanged() {
    let name = "<img src=x onerror=alert(1)>\u{202E}evil\u{200D}e\u{0301}{";
    for locale in Locale::ALL {
        let text = tf(locale, Key::SignedinLead, &[("name", name)]);
        assert!(text.contains(name), "{locale:?}: {text}");
    }
}

#[test]
fn an_unknown_or_unclosed_placeholder_is_left_as_it_is() {
    let text = tf(Locale::En, Key::MfaSent, &[("phone", "•••• 47"), ("other", "y")]);
    assert_eq!(text, "We sent a code to •••• 47.");
    assert_eq!(tf(Locale::En, Key::MfaSent, &[("other", "y")]), "We sent a code to {phone}.");
    let args = [("name", "{tenant"), ("username", "ada}"), ("tenant", "Contoso")];
    let lead = tf(Locale::En, Key::AccountLead, &args);
    assert_eq!(lead, "Signed in as {tenant (ada}) at Contoso.");
}

#[test]
fn a_message_keeps_hostile_arguments_as_they_are_in_every_locale() {
    let name = "<b>{username}</b>\u{202E}{";
    let message = Message::from(Key::AdminTempNote).with("name", Arg::Data(name.into()));
    for locale in Locale::ALL {
        let text = message.text(locale);
        assert!(text.contains(name), "{locale:?}: {text}");
        assert!(!text.contains("{name}"), "{locale:?}: {text}");
    }
}
