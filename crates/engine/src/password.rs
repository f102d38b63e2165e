//! Password protection: the banned-password check run on every new password.
//!
//! Modelled on Entra ID Protection. A password is first normalised (lower case, look-alike
//! characters turned back into letters), then scored: each banned or personal term found in it
//! counts one point and every other character counts one point. [`PASS_SCORE`] points pass.
//!
//! Banned terms (a built-in global list plus the tenant's custom list) match fuzzily, within one
//! edit. Personal terms (the user's names, the tenant's name) match only exactly.
//!
//! Scoring takes the cheapest reading of the password: the fewest points over every way of
//! splitting it into matched terms and single characters. Finding it is one pass over the
//! password per term, so a keystroke costs about (password length x number of terms). A
//! [`Checker`] prepares the terms once for callers that check on every keystroke.
//!
//! Nothing here keeps or returns the password or any part of it: a [`Verdict`] holds only counts
//! and reasons, so it may be shown or logged.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Fewest characters a password may have.
pub const MIN_LENGTH: usize = 8;
/// Most characters a password may have.
pub const MAX_LENGTH: usize = 256;
/// Points a password needs to pass.
pub const PASS_SCORE: u32 = 5;
/// Most terms a tenant's custom list may hold.
pub const MAX_CUSTOM_TERMS: usize = 1000;
/// Shortest custom term, in characters.
pub const MIN_TERM_LENGTH: usize = 4;
/// Longest custom term, in characters.
pub const MAX_TERM_LENGTH: usize = 16;
/// Shorter names than this are too common inside other words to count as personal information.
pub const MIN_PERSONAL_LENGTH: usize = 4;

/// Look-alike characters and the letters they stand for, applied after lower-casing.
///
/// Every target is a lower-case letter that is not itself a source, so normalising twice changes
/// nothing. Each source is one character and maps to one character, so a normalised password has
/// exactly as many characters as the password. "C0ntos0Blank12" becomes "contosoblankl2"; it still
/// scores 4 because a fuzzy match never takes in a neighbouring character (see `inserted`).
pub const SUBSTITUTIONS: [(char, char); 11] = [
    ('0', 'o'),
    ('1', 'l'),
    ('$', 's'),
    ('@', 'a'),
    ('3', 'e'),
    ('5', 's'),
    ('7', 't'),
    ('4', 'a'),
    ('!', 'i'),
    ('|', 'l'),
    ('+', 't'),
];

/// The built-in list of weak terms, banned in every tenant. Written as people type them; they
/// are normalised before use, and each is 5 to 16 characters once normalised.
pub const GLOBAL_TERMS: &[&str] = &[
    "password",
    "welcome",
    "qwerty",
    "qwertyuiop",
    "qwertz",
    "azerty",
    "letmein",
    "admin",
    "administrator",
    "iloveyou",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "soccer",
    "hockey",
    "summer",
    "winter",
    "spring",
    "autumn",
    "secret",
    "login",
    "abc123",
    "123456",
    "12345678",
    "123123",
    "111111",
    "000000",
    "654321",
    "1q2w3e4r",
    "qazwsx",
    "zaq12wsx",
    "asdfgh",
    "zxcvbn",
    "trustno1",
    "master",
    "shadow",
    "sunshine",
    "princess",
    "starwars",
    "superman",
    "batman",
    "freedom",
    "whatever",
    "hunter",
    "ranger",
    "cookie",
    "flower",
    "computer",
    "internet",
    "access",
    "changeme",
    "default",
    "passcode",
    "company",
    "office",
    "username",
    "testing",
    "monday",
    "friday",
    "pokemon",
    "mustang",
];

/// A tenant's own banned terms, on top of [`GLOBAL_TERMS`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BannedList {
    pub custom: Vec<String>,
}

/// Words tied to the person and the organisation: the user's first name, last name and user
/// name (only the part before any `@` counts), and the tenant's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonalTerms {
    pub names: Vec<String>,
    pub tenant_name: String,
}

/// Why a new password was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rejection {
    Empty,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    SameAsCurrent,
    /// `banned_terms` counts matched terms from the global or custom list.
    Weak {
        score: u32,
        needed: u32,
        banned_terms: u32,
    },
    /// Only given together with `Weak`: a personal term helped make the password weak.
    ContainsPersonalInfo,
}

/// The outcome of [`check`]. Holds counts and reasons only, never the password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub score: u32,
    /// Matched terms from the global or custom list (a term also on the personal list counts in both).
    pub banned_terms: u32,
    /// Matched personal terms.
    pub personal_terms: u32,
    pub rejections: Vec<Rejection>,
}

impl Verdict {
    pub fn accepted(&self) -> bool {
        self.rejections.is_empty()
    }
}

/// Why a proposed custom list cannot be saved. Indexes count from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListError {
    TooMany { count: usize, max: usize },
    TooShort { index: usize, min: usize },
    TooLong { index: usize, max: usize },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "Type a new password."),
            Self::TooShort { min } => write!(f, "Make it at least {min} characters long."),
            Self::TooLong { max } => write!(f, "Keep it to {max} characters or fewer."),
            Self::SameAsCurrent => write!(f, "Pick something other than your current password."),
            Self::Weak { banned_terms: 0, .. } => {
                write!(f, "This is too easy to guess. Make it longer.")
            }
            Self::Weak { .. } => {
                write!(f, "This is too easy to guess: it is built on common or banned words. Add words of your own.")
            }
            Self::ContainsPersonalInfo => {
                write!(f, "Leave out your name, your user name and your organisation's name.")
            }
        }
    }
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooMany { count, max } => write!(f, "The list has {count} terms; it can hold {max}."),
            Self::TooShort { index, min } => {
                write!(f, "Term {} is too short: use at least {min} characters.", index + 1)
            }
            Self::TooLong { index, max } => {
                write!(f, "Term {} is too long: use at most {max} characters.", index + 1)
            }
        }
    }
}

impl std::error::Error for ListError {}

/// Lower-cases the password and undoes the [`SUBSTITUTIONS`], one character for one character.
pub fn normalise(password: &str) -> String {
    password.chars().map(normalise_char).collect()
}

/// The password's score: one point per matched term, one per other character.
pub fn score(password: &str, banned: &BannedList, personal: &PersonalTerms) -> u32 {
    Checker::new(banned, personal).score(password)
}

/// Every rule at once. `is_current` comes from the caller, which holds the current password's hash.
pub fn check(password: &str, is_current: bool, banned: &BannedList, personal: &PersonalTerms) -> Verdict {
    Checker::new(banned, personal).check(password, is_current)
}

/// The terms of one user in one tenant, prepared once. Same results as [`score`] and [`check`],
/// without normalising every term again on each keystroke.
#[derive(Clone, Debug)]
pub struct Checker {
    terms: Vec<Term>,
}

impl Checker {
    pub fn new(banned: &BannedList, personal: &PersonalTerms) -> Checker {
        Checker { terms: terms(banned, personal) }
    }

    pub fn score(&self, password: &str) -> u32 {
        self.tally(password).points
    }

    pub fn check(&self, password: &str, is_current: bool) -> Verdict {
        let found = self.tally(password);
        Verdict {
            score: found.points,
            banned_terms: found.banned,
            personal_terms: found.personal,
            rejections: rejections(password.chars().count(), is_current, found),
        }
    }

    /// The cheapest reading of the normalised password, built left to right: `best[i]` is the
    /// cheapest reading of its first `i` characters.
    fn tally(&self, password: &str) -> Tally {
        let text: Vec<char> = password.chars().map(normalise_char).collect();
        let found = matches(&text, &self.terms);
        let mut best = vec![Tally::UNREACHED; text.len() + 1];
        best[0] = Tally::default();
        for (start, here_found) in found.iter().enumerate() {
            let here = best[start];
            keep_better(&mut best[start + 1], here.plus_char());
            for &one in here_found {
                keep_better(&mut best[start + one.length], here.plus_match(one));
            }
        }
        best[text.len()]
    }
}

/// Checks a proposed custom list, reporting the first problem found.
pub fn validate_custom_list(terms: &[String]) -> Result<(), ListError> {
    if terms.len() > MAX_CUSTOM_TERMS {
        return Err(ListError::TooMany { count: terms.len(), max: MAX_CUSTOM_TERMS });
    }
    for (index, term) in terms.iter().enumerate() {
        let length = term.chars().count();
        if length < MIN_TERM_LENGTH {
            return Err(ListError::TooShort { index, min: MIN_TERM_LENGTH });
        }
        if length > MAX_TERM_LENGTH {
            return Err(ListError::TooLong { index, max: MAX_TERM_LENGTH });
        }
    }
    Ok(())
}

fn rejections(length: usize, is_current: bool, found: Tally) -> Vec<Rejection> {
    if length == 0 {
        return vec![Rejection::Empty];
    }
    let mut out = Vec::new();
    if length < MIN_LENGTH {
        out.push(Rejection::TooShort { min: MIN_LENGTH });
    }
    if length > MAX_LENGTH {
        out.push(Rejection::TooLong { max: MAX_LENGTH });
    }
    if is_current {
        out.push(Rejection::SameAsCurrent);
    }
    if found.points < PASS_SCORE {
        out.push(Rejection::Weak { score: found.points, needed: PASS_SCORE, banned_terms: found.banned });
        if found.personal > 0 {
            out.push(Rejection::ContainsPersonalInfo);
        }
    }
    out
}

fn normalise_char(c: char) -> char {
    substitute(lower(c))
}

/// Keeps characters whose lower case is several characters (such as 'İ'), so that lengths hold.
fn lower(c: char) -> char {
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(one), None) => one,
        _ => c,
    }
}

fn substitute(c: char) -> char {
    SUBSTITUTIONS.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to)
}

/// A term to look for, already normalised.
#[derive(Clone, Debug)]
struct Term {
    chars: Vec<char>,
    banned: bool,
    personal: bool,
}

/// Global, custom and personal terms, each once. A term on several lists keeps every flag.
fn terms(banned: &BannedList, personal: &PersonalTerms) -> Vec<Term> {
    let mut flags: BTreeMap<Vec<char>, (bool, bool)> = BTreeMap::new();
    let listed = GLOBAL_TERMS.iter().copied().chain(banned.custom.iter().map(String::as_str));
    // Terms outside the allowed lengths are skipped, not refused: lists are validated when saved.
    for term in listed.filter(|t| term_length_fits(t)) {
        flags.entry(term.chars().map(normalise_char).collect()).or_default().0 = true;
    }
    for word in personal_words(personal) {
        flags.entry(word.chars().collect()).or_default().1 = true;
    }
    flags.into_iter().map(|(chars, (banned, personal))| Term { chars, banned, personal }).collect()
}

fn term_length_fits(term: &str) -> bool {
    (MIN_TERM_LENGTH..=MAX_TERM_LENGTH).contains(&term.chars().count())
}

/// Each name whole and word by word, so "Woodgrove Bank" yields "woodgrove bank", "woodgrove", "bank".
fn personal_words(personal: &PersonalTerms) -> Vec<String> {
    let local_parts = personal.names.iter().map(|name| name.split('@').next().unwrap_or_default());
    let mut words = Vec::new();
    for source in local_parts.chain(std::iter::once(personal.tenant_name.as_str())) {
        let whole = normalise(source.trim());
        words.extend(whole.split(|c: char| !c.is_alphanumeric()).map(str::to_owned));
        words.push(whole);
    }
    words.retain(|word| word.chars().count() >= MIN_PERSONAL_LENGTH);
    words
}

/// Points and matched terms of one reading of the password.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    points: u32,
    banned: u32,
    personal: u32,
}

impl Tally {
    const UNREACHED: Tally = Tally { points: u32::MAX, banned: 0, personal: 0 };

    /// Fewest points first; on a tie, the reading that names more terms explains more.
    fn better_than(self, other: Tally) -> bool {
        let key = |t: Tally| (t.points, u32::MAX - t.personal, u32::MAX - t.banned);
        key(self) < key(other)
    }

    fn plus_char(self) -> Tally {
        Tally { points: self.points + 1, ..self }
    }

    fn plus_match(self, found: Match) -> Tally {
        Tally {
            points: self.points + 1,
            banned: self.banned + u32::from(found.banned),
            personal: self.personal + u32::from(found.personal),
        }
    }
}

/// A term found in the password: how many characters it covers and which lists it counts for.
#[derive(Clone, Copy, Debug)]
struct Match {
    length: usize,
    banned: bool,
    personal: bool,
}

/// Every match of every term, listed by the position it starts at. Terms are the outer loop
/// so that each term's characters stay at hand while the password is scanned.
fn matches(text: &[char], terms: &[Term]) -> Vec<Vec<Match>> {
    let mut by_start = vec![Vec::new(); text.len()];
    for term in terms {
        let (first, second) = (term.chars[0], term.chars[1]);
        for (start, list) in by_start.iter_mut().enumerate() {
            let rest = &text[start..];
            if !could_match(rest, first, second) {
                continue;
            }
            windows(rest, term, |length, exact| {
                list.push(Match { length, banned: term.banned, personal: term.personal && exact });
            });
        }
    }
    by_start
}

fn keep_better(slot: &mut Tally, candidate: Tally) {
    if candidate.better_than(*slot) {
        *slot = candidate;
    }
}

/// Calls `found(length, exact)` for each window at the start of `rest` that matches `term`:
/// exactly, or for banned terms within one edit. Linear in the term's length.
fn windows(rest: &[char], term: &Term, mut found: impl FnMut(usize, bool)) {
    let t = term.chars.as_slice();
    let same = common_prefix(rest, t);
    if same == t.len() {
        found(t.len(), true);
    }
    if !term.banned {
        return;
    }
    if substituted(rest, t, same) {
        found(t.len(), false);
    }
    if deleted(rest, t, same) {
        found(t.len() - 1, false);
    }
    if inserted(rest, t, same) {
        found(t.len() + 1, false);
    }
}

/// A cheap filter run before the real test, as most windows match nothing: any window within
/// one edit of a term starts with its first or second character, or has its second one second.
fn could_match(rest: &[char], first: char, second: char) -> bool {
    rest[0] == first || rest[0] == second || rest.get(1) == Some(&second)
}

fn common_prefix(a: &[char], b: &[char]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The window of the term's length differs from it in one place, the first mismatch.
fn substituted(rest: &[char], t: &[char], same: usize) -> bool {
    same < t.len() && rest.len() >= t.len() && rest[same + 1..t.len()] == t[same + 1..]
}

/// The window is the term with one character left out; leaving out the first mismatch suffices.
fn deleted(rest: &[char], t: &[char], same: usize) -> bool {
    let length = t.len() - 1;
    let same = same.min(length);
    rest.len() >= length && rest[same..length] == t[same + 1..]
}

/// The window is the term with one extra character inside it. An extra character at either end
/// would just be a neighbour of an exact match, and would let a term swallow it for free.
fn inserted(rest: &[char], t: &[char], same: usize) -> bool {
    let length = t.len() + 1;
    same < t.len() && rest.len() >= length && rest[same + 1..length] == t[same..] && rest[1..length] != *t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(terms: &[&str]) -> BannedList {
        BannedList { custom: terms.iter().map(|t| t.to_string()).collect() }
    }

    fn contoso() -> (BannedList, PersonalTerms) {
        (custom(&["contoso", "blank"]), PersonalTerms { names: vec![], tenant_name: "contoso".into() })
    }

    fn plain(password: &str) -> u32 {
        score(password, &BannedList::default(), &PersonalTerms::default())
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn normalise_lower_cases_and_undoes_look_alikes() {
        assert_eq!(normalise("P@$$w0rD!"), "passwordi");
        assert_eq!(normalise("C0ntos0Blank12"), "contosoblankl2");
        assert_eq!(normalise("ContoS0Bl@nkf9!"), "contosoblankf9i");
        assert_eq!(normalise("4|7+35"), "alttes");
    }

    #[test]
    fn substitution_targets_are_letters_that_are_never_substituted() {
        for (from, to) in SUBSTITUTIONS {
            assert!(to.is_ascii_lowercase(), "{from} maps to {to}");
            assert!(SUBSTITUTIONS.iter().all(|(other, _)| *other != to));
        }
    }

    #[test]
    fn normalise_keeps_one_character_per_character() {
        // 'İ' lower-cases to two characters; it is kept as it is.
        let odd = "İstanbul\u{0301}ÄΣ";
        assert_eq!(normalise(odd).chars().count(), odd.chars().count());
        assert_eq!(normalise("ÄΣ"), "äσ");
    }

    #[test]
    fn published_example_with_digits_scores_four_and_is_rejected() {
        let (banned, personal) = contoso();
        let verdict = check("C0ntos0Blank12", false, &banned, &personal);
        assert_eq!(verdict.score, 4);
        assert!(!verdict.accepted());
        assert!(verdict.rejections.contains(&Rejection::Weak { score: 4, needed: 5, banned_terms: 2 }));
    }

    #[test]
    fn published_example_with_three_extra_characters_scores_five_and_is_accepted() {
        let (banned, personal) = contoso();
        let verdict = check("ContoS0Bl@nkf9!", false, &banned, &personal);
        assert_eq!(verdict.score, 5);
        assert!(verdict.accepted(), "{verdict:?}");
    }

    #[test]
    fn a_global_term_with_digits_scores_four() {
        assert_eq!(plain("P@ssword123"), 4);
        let verdict = check("P@ssword123", false, &BannedList::default(), &PersonalTerms::default());
        assert_eq!(verdict.rejections, vec![Rejection::Weak { score: 4, needed: 5, banned_terms: 1 }]);
    }

    #[test]
    fn substitutions_are_normalised_before_matching() {
        assert_eq!(plain("Pa$$w0rd"), 1);
        assert_eq!(plain("L3tM3!n"), 1);
    }

    #[test]
    fn every_global_term_alone_scores_one() {
        for term in GLOBAL_TERMS {
            assert_eq!(plain(term), 1, "{term}");
            assert_eq!(plain(&term.to_uppercase()), 1, "{term}");
        }
    }

    #[test]
    fn global_terms_are_distinct_and_of_usable_length() {
        let mut seen: Vec<String> = GLOBAL_TERMS.iter().map(|t| normalise(t)).collect();
        assert!(seen.iter().all(|t| (5..=MAX_TERM_LENGTH).contains(&t.chars().count())));
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), GLOBAL_TERMS.len());
    }

    #[test]
    fn fuzzy_match_allows_one_changed_character() {
        assert_eq!(plain("passwerd"), 1);
        assert_eq!(plain("xassword"), 1);
    }

    #[test]
    fn fuzzy_match_allows_one_missing_character() {
        assert_eq!(plain("pasword"), 1);
        assert_eq!(plain("asswordzzz"), 4);
    }

    #[test]
    fn fuzzy_match_allows_one_extra_character_inside_the_term() {
        assert_eq!(plain("passwoxrd"), 1);
        assert_eq!(plain("passsword"), 1);
    }

    #[test]
    fn fuzzy_match_does_not_swallow_a_neighbouring_character() {
        let banned = custom(&["blank"]);
        let none = PersonalTerms::default();
        assert_eq!(score("blankx", &banned, &none), 2);
        assert_eq!(score("xblank", &banned, &none), 2);
        assert_eq!(score("blankk", &banned, &none), 2);
    }

    #[test]
    fn two_edits_are_not_a_match() {
        assert_eq!(plain("pazzword"), 8);
        assert_eq!(plain("pssword9"), 2);
        assert_eq!(plain("psswrd99"), 8);
    }

    #[test]
    fn each_occurrence_counts_once() {
        assert_eq!(plain("passwordpassword"), 2);
        assert_eq!(score("blankblankblank", &custom(&["blank"]), &PersonalTerms::default()), 3);
    }

    #[test]
    fn custom_terms_match_regardless_of_case_and_look_alikes() {
        let banned = custom(&["BlAnK"]);
        assert_eq!(score("xx-BL@NK-xx", &banned, &PersonalTerms::default()), 7);
    }

    #[test]
    fn custom_terms_outside_the_allowed_lengths_are_ignored() {
        let banned = custom(&["", "ab", "abc", "abcdefghijklmnopq"]);
        let password = "ab-abc-abcdefghijklmnopq";
        assert_eq!(score(password, &banned, &PersonalTerms::default()) as usize, password.chars().count());
        assert_eq!(score("zzzzyyyyy", &custom(&["zzzz"]), &PersonalTerms::default()), 6);
    }

    #[test]
    fn names_match_as_exact_substrings() {
        let personal = PersonalTerms { names: strings(&["Alice", "Smith"]), tenant_name: String::new() };
        let verdict = check("ALICEsmith99", false, &BannedList::default(), &personal);
        assert_eq!((verdict.score, verdict.personal_terms, verdict.banned_terms), (4, 2, 0));
        assert_eq!(
            verdict.rejections,
            vec![Rejection::Weak { score: 4, needed: 5, banned_terms: 0 }, Rejection::ContainsPersonalInfo]
        );
    }

    #[test]
    fn names_are_not_fuzzy_matched() {
        let personal = PersonalTerms { names: strings(&["Alice"]), tenant_name: String::new() };
        assert_eq!(score("alxce123", &BannedList::default(), &personal), 8);
        assert_eq!(score("alic3123", &BannedList::default(), &personal), 4);
    }

    #[test]
    fn names_shorter_than_four_characters_are_ignored() {
        let personal = PersonalTerms { names: strings(&["Bo", "Eve"]), tenant_name: "Abc".into() };
        assert_eq!(score("boboeveabc", &BannedList::default(), &personal), 10);
    }

    #[test]
    fn only_the_local_part_of_a_user_name_counts() {
        let personal =
            PersonalTerms { names: strings(&["kestrel@fabrikam.com"]), tenant_name: String::new() };
        assert_eq!(score("Kestrel2024", &BannedList::default(), &personal), 5);
        assert_eq!(score("fabrikam", &BannedList::default(), &personal), 8);
    }

    #[test]
    fn each_word_of_the_tenant_name_counts() {
        let personal = PersonalTerms { names: vec![], tenant_name: "Woodgrove Bank".into() };
        assert_eq!(score("Bank1W00dgrove", &BannedList::default(), &personal), 3);
        assert_eq!(score("woodgrove bank", &BannedList::default(), &personal), 1);
    }

    #[test]
    fn a_strong_password_with_a_name_is_accepted_and_the_name_still_counted() {
        let personal = PersonalTerms { names: strings(&["Alice"]), tenant_name: String::new() };
        let verdict = check("alice-river-7", false, &BannedList::default(), &personal);
        assert!(verdict.accepted(), "{verdict:?}");
        assert_eq!(verdict.personal_terms, 1);
    }

    #[test]
    fn a_term_on_both_lists_counts_as_banned_and_personal() {
        let (banned, personal) = contoso();
        let verdict = check("C0ntos0Blank12", false, &banned, &personal);
        assert_eq!((verdict.banned_terms, verdict.personal_terms), (2, 1));
        assert!(verdict.rejections.contains(&Rejection::ContainsPersonalInfo));
    }

    #[test]
    fn a_fuzzy_match_of_a_name_on_the_banned_list_is_not_personal() {
        let (banned, personal) = contoso();
        let verdict = check("contosx", false, &banned, &personal);
        assert_eq!((verdict.score, verdict.banned_terms, verdict.personal_terms), (1, 1, 0));
        assert!(!verdict.rejections.contains(&Rejection::ContainsPersonalInfo));
    }

    #[test]
    fn the_cheapest_reading_is_taken() {
        // Taking the longest term first would leave "aa" and "cc" over and score 5.
        let banned = custom(&["aabbbbcc", "aaaa", "bbbb", "cccc"]);
        assert_eq!(score("aaaabbbbcccc", &banned, &PersonalTerms::default()), 3);
        assert_eq!(plain("wintersummerautumnspring"), 4);
    }

    #[test]
    fn empty_password_is_only_reported_as_empty() {
        let verdict = check("", true, &BannedList::default(), &PersonalTerms::default());
        assert_eq!(verdict.rejections, vec![Rejection::Empty]);
        assert_eq!(verdict.score, 0);
    }

    #[test]
    fn short_password_is_too_short() {
        let verdict = check("xq7#vK", false, &BannedList::default(), &PersonalTerms::default());
        assert!(verdict.rejections.contains(&Rejection::TooShort { min: MIN_LENGTH }));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let none = (BannedList::default(), PersonalTerms::default());
        assert!(!check("éàüöñçøå", false, &none.0, &none.1)
            .rejections
            .contains(&Rejection::TooShort { min: 8 }));
        assert!(check("éàüöñçø", false, &none.0, &none.1)
            .rejections
            .contains(&Rejection::TooShort { min: 8 }));
        let longest: String = "é".repeat(MAX_LENGTH);
        assert!(check(&longest, false, &none.0, &none.1).accepted());
    }

    #[test]
    fn longer_than_the_maximum_is_too_long() {
        let too_long = "xy".repeat(MAX_LENGTH / 2) + "z";
        let verdict = check(&too_long, false, &BannedList::default(), &PersonalTerms::default());
        assert_eq!(verdict.rejections, vec![Rejection::TooLong { max: MAX_LENGTH }]);
    }

    #[test]
    fn the_current_password_is_refused() {
        let verdict = check("quiet-harbour-lamp", true, &BannedList::default(), &PersonalTerms::default());
        assert_eq!(verdict.rejections, vec![Rejection::SameAsCurrent]);
        assert!(
            check("quiet-harbour-lamp", false, &BannedList::default(), &PersonalTerms::default()).accepted()
        );
    }

    #[test]
    fn verdict_does_not_echo_the_password() {
        let (banned, personal) = contoso();
        for password in ["Xylophone", "C0ntos0Blank12", "Zq"] {
            let verdict = check(password, true, &banned, &personal);
            let shown = format!("{verdict:?}");
            assert!(!shown.contains(password) && !shown.to_lowercase().contains(&normalise(password)));
            assert!(verdict.rejections.iter().all(|r| !r.to_string().contains(password)));
        }
    }

    #[test]
    fn every_reason_has_a_message() {
        let reasons = [
            Rejection::Empty,
            Rejection::TooShort { min: 8 },
            Rejection::TooLong { max: 256 },
            Rejection::SameAsCurrent,
            Rejection::Weak { score: 4, needed: 5, banned_terms: 0 },
            Rejection::Weak { score: 4, needed: 5, banned_terms: 2 },
            Rejection::ContainsPersonalInfo,
        ];
        assert!(reasons.iter().all(|r| r.to_string().ends_with('.')));
        assert_eq!(
            ListError::TooShort { index: 0, min: 4 }.to_string(),
            "Term 1 is too short: use at least 4 characters."
        );
    }

    #[test]
    fn a_list_at_the_limits_is_valid() {
        let mut terms = vec!["abcd".to_string(); MAX_CUSTOM_TERMS - 1];
        terms.push("é".repeat(MAX_TERM_LENGTH));
        assert_eq!(validate_custom_list(&terms), Ok(()));
        assert_eq!(validate_custom_list(&[]), Ok(()));
    }

    #[test]
    fn a_list_with_too_many_terms_is_refused() {
        let terms = vec!["abcd".to_string(); MAX_CUSTOM_TERMS + 1];
        assert_eq!(validate_custom_list(&terms), Err(ListError::TooMany { count: 1001, max: 1000 }));
    }

    #[test]
    fn a_short_term_is_refused_with_its_index() {
        let terms = strings(&["contoso", "abc", "x"]);
        assert_eq!(validate_custom_list(&terms), Err(ListError::TooShort { index: 1, min: 4 }));
    }

    #[test]
    fn a_long_term_is_refused_with_its_index() {
        let terms = strings(&["contoso", "blank", "abcdefghijklmnopq"]);
        assert_eq!(validate_custom_list(&terms), Err(ListError::TooLong { index: 2, max: 16 }));
    }

    #[test]
    fn a_prepared_checker_agrees_with_check() {
        let (banned, personal) = contoso();
        let checker = Checker::new(&banned, &personal);
        for password in ["", "C0ntos0Blank12", "ContoS0Bl@nkf9!", "P@ssword123", "quiet-harbour-lamp"] {
            assert_eq!(checker.check(password, false), check(password, false, &banned, &personal));
            assert_eq!(checker.score(password), score(password, &banned, &personal));
        }
    }

    #[test]
    fn the_longest_password_with_the_largest_list_gets_a_verdict() {
        let terms = (0..MAX_CUSTOM_TERMS).map(|i| format!("term{i:04}x")).collect();
        let password: String = "aB3$".repeat(MAX_LENGTH / 4);
        let verdict = check(&password, false, &BannedList { custom: terms }, &PersonalTerms::default());
        assert!(verdict.accepted());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// Strings mixing scripts, combining marks, right-to-left text, look-alikes and banned words.
    fn tricky() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[a-zA-Z0-9@$!|+ ]{0,40}",
            "[\u{0590}-\u{06FF}\u{0300}-\u{036F}\u{200F}\u{202E}a-z0-9İΣß]{0,300}",
            "(password|Blank|c0ntoso|summer|[a-z0-9]){0,12}",
            any_text(3000),
        ]
    }

    fn any_text(max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(any::<char>(), 0..=max).prop_map(|chars| chars.into_iter().collect())
    }

    fn banned_lists() -> impl Strategy<Value = BannedList> {
        proptest::collection::vec("[a-zA-Z0-9@$]{0,18}", 0..8).prop_map(|custom| BannedList { custom })
    }

    fn personal_terms() -> impl Strategy<Value = PersonalTerms> {
        (proptest::collection::vec("[a-zA-Z@. ]{0,16}", 0..4), "[a-zA-Z ]{0,16}")
            .prop_map(|(names, tenant_name)| PersonalTerms { names, tenant_name })
    }

    proptest! {
        #[test]
        fn check_never_panics_on_arbitrary_unicode(
            password in tricky(), current in any::<bool>(), banned in banned_lists(), personal in personal_terms()
        ) {
            let verdict = check(&password, current, &banned, &personal);
            prop_assert!(verdict.score as usize <= password.chars().count());
        }

        #[test]
        fn score_never_exceeds_the_number_of_characters(
            password in tricky(), banned in banned_lists(), personal in personal_terms()
        ) {
            prop_assert!(score(&password, &banned, &personal) as usize <= password.chars().count());
        }

        #[test]
        fn only_the_empty_password_scores_zero(password in tricky(), banned in banned_lists()) {
            let points = score(&password, &banned, &PersonalTerms::default());
            prop_assert_eq!(points == 0, password.is_empty());
        }

        #[test]
        fn appending_a_character_adds_at_most_one_point(
            password in tricky(), extra in any::<char>(), banned in banned_lists(), personal in personal_terms()
        ) {
            let before = score(&password, &banned, &personal);
            let after = score(&format!("{password}{extra}"), &banned, &personal);
            prop_assert!(after <= before + 1);
        }

        #[test]
        fn appending_a_character_takes_off_fewer_points_than_a_term_is_long(
            password in tricky(), extra in any::<char>(), banned in banned_lists(), personal in personal_terms()
        ) {
            // The new last window is at most a longest term plus one inserted character.
            let before = score(&password, &banned, &personal);
            let after = score(&format!("{password}{extra}"), &banned, &personal);
            prop_assert!(before <= after + (MAX_TERM_LENGTH as u32 + 1) - 2);
        }

        #[test]
        fn a_banned_term_verbatim_scores_less_than_the_length(
            before in tricky(), index in 0..GLOBAL_TERMS.len(), after in any_text(20)
        ) {
            let password = format!("{before}{}{after}", GLOBAL_TERMS[index]);
            let none = PersonalTerms::default();
            prop_assert!((score(&password, &BannedList::default(), &none) as usize) < password.chars().count());
        }

        #[test]
        fn normalising_twice_changes_nothing(password in tricky()) {
            let once = normalise(&password);
            prop_assert_eq!(normalise(&once), once);
        }

        #[test]
        fn normalising_keeps_the_number_of_characters(password in tricky()) {
            prop_assert_eq!(normalise(&password).chars().count(), password.chars().count());
        }

        #[test]
        fn a_password_and_its_normal_form_score_the_same(
            password in tricky(), banned in banned_lists(), personal in personal_terms()
        ) {
            prop_assert_eq!(score(&password, &banned, &personal), score(&normalise(&password), &banned, &personal));
        }

        #[test]
        fn ascii_case_does_not_change_the_score(password in "[ -~]{0,40}", banned in banned_lists()) {
            let none = PersonalTerms::default();
            prop_assert_eq!(
                score(&password, &banned, &none),
                score(&password.to_ascii_uppercase(), &banned, &none)
            );
        }

        #[test]
        fn accepted_means_long_enough_and_strong_enough(
            password in tricky(), banned in banned_lists(), personal in personal_terms()
        ) {
            let verdict = check(&password, false, &banned, &personal);
            let length = password.chars().count();
            if verdict.accepted() {
                prop_assert!((MIN_LENGTH..=MAX_LENGTH).contains(&length) && verdict.score >= PASS_SCORE);
            }
        }

        #[test]
        fn weak_is_reported_exactly_when_the_score_is_low(
            password in tricky(), banned in banned_lists(), personal in personal_terms()
        ) {
            let verdict = check(&password, false, &banned, &personal);
            let weak = verdict.rejections.iter().any(|r| matches!(r, Rejection::Weak { .. }));
            prop_assert_eq!(weak, !password.is_empty() && verdict.score < PASS_SCORE);
            let personal_reason = verdict.rejections.contains(&Rejection::ContainsPersonalInfo);
            prop_assert_eq!(personal_reason, weak && verdict.personal_terms > 0);
        }

        #[test]
        fn the_list_check_accepts_exactly_lists_within_the_limits(
            terms in proptest::collection::vec(any_text(20), 0..20)
        ) {
            let fits = terms.iter().all(|t| (MIN_TERM_LENGTH..=MAX_TERM_LENGTH).contains(&t.chars().count()));
            prop_assert_eq!(validate_custom_list(&terms).is_ok(), fits);
        }
    }
}
