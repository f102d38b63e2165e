//! Salted, slow password hashing and plain SHA-256 for leaked-credential lookups.
//!
//! New hashes are argon2id natively (the service) and PBKDF2-HMAC-SHA256 in the browser,
//! where the mock hashes on the page's one thread. Both verify everywhere argon2 is built,
//! and `needs_rehash` says when a stored hash is not in the preferred form, so the seeded
//! PBKDF2 hashes move to argon2id on the next good sign-in.
//!
//! No randomness here: callers supply the salt.

use sha2::{Digest, Sha256};

/// PBKDF2 rounds for new hashes. Far below the ~600,000 OWASP suggests for servers, because this mock
/// backend runs in the browser on the main thread and a sign-in should not freeze the page. The count is
/// stored in each hash, so it can be raised later without invalidating existing ones.
pub const ITERATIONS: u32 = 20_000;

/// Stored hashes claiming more rounds than this are refused, so a tampered record cannot make
/// verification run for minutes (denial of service).
pub const MAX_ITERATIONS: u32 = 10_000_000;

const PREFIX: &str = "pbkdf2-sha256";
const SALT_LEN: usize = 16;
const HASH_LEN: usize = 32;

/// Hashes `password` as `pbkdf2-sha256$<iter>$<salt hex>$<hash hex>`.
/// An `iterations` of 0 is raised to 1, which is what PBKDF2 computes for 0 anyway.
pub fn hash_password(password: &str, salt: &[u8; 16], iterations: u32) -> String {
    let iterations = iterations.max(1);
    let hash = derive(password.as_bytes(), salt, iterations);
    format!("{PREFIX}${iterations}${}${}", hex_encode(salt), hex_encode(&hash))
}

/// The form new password hashes take. The browser mock keeps PBKDF2 (argon2's 19 MiB
/// per check is too slow for a page and its tests); the native service uses argon2id,
/// and moves each PBKDF2 hash to it at the person's next good sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hashing {
    Pbkdf2,
    /// argon2id natively; PBKDF2 where argon2 is not built (wasm).
    Argon2id,
}

impl Hashing {
    /// A new hash of `password`.
    pub fn new_hash(self, password: &str, salt: &[u8; 16]) -> String {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            Hashing::Argon2id => argon::hash(password, salt),
            _ => hash_password(password, salt, ITERATIONS),
        }
    }

    /// Whether a stored hash should be replaced by `new_hash` at the next good sign-in.
    pub fn needs_rehash(self, stored: &str) -> bool {
        match self {
            #[cfg(not(target_arch = "wasm32"))]
            Hashing::Argon2id => !argon::is_current(stored),
            _ => parse_stored(stored).is_none_or(|p| p.iterations < ITERATIONS),
        }
    }

    /// The work of checking a wrong password against a hash of this form and keeping
    /// its fingerprint (PBKDF2), spent for an unknown username so that time does not
    /// tell the two apart.
    pub fn spend_like_a_wrong_password(self, typed: &str) {
        const SALT: [u8; 16] = [0x5a; 16];
        std::hint::black_box(self.new_hash(typed, &SALT));
        std::hint::black_box(hash_password(typed, &SALT, ITERATIONS));
    }
}

/// A new hash of `password` in the preferred form for where this runs.
pub fn hash_new(password: &str, salt: &[u8; 16]) -> String {
    Hashing::Argon2id.new_hash(password, salt)
}

/// Whether a stored hash should be replaced by `hash_new` at the next good sign-in.
pub fn needs_rehash(stored: &str) -> bool {
    Hashing::Argon2id.needs_rehash(stored)
}

/// Recomputes the hash with the stored salt and cost and compares in constant time.
/// A malformed stored string gives `false`; this never panics.
pub fn verify_password(password: &str, stored: &str) -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    if stored.starts_with(argon::PREFIX) {
        return argon::verify(password, stored);
    }
    let Some(parsed) = parse_stored(stored) else {
        return false;
    };
    let hash = derive(password.as_bytes(), &parsed.salt, parsed.iterations);
    constant_time_eq(&hash, &parsed.hash)
}

/// argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane), as a PHC string.
#[cfg(not(target_arch = "wasm32"))]
mod argon {
    use argon2::{Algorithm, Argon2, Params, Version};

    pub const PREFIX: &str = "$argon2id$";
    const MEMORY_KIB: u32 = 19 * 1024;
    const PASSES: u32 = 2;
    /// Stored hashes asking for more memory than this are refused (a tampered row must
    /// not make the service allocate gigabytes).
    const MAX_MEMORY_KIB: u32 = 256 * 1024;

    fn hasher(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    fn baseline() -> Params {
        Params::new(MEMORY_KIB, PASSES, 1, Some(32)).expect("valid argon2 parameters")
    }

    pub fn hash(password: &str, salt: &[u8; 16]) -> String {
        use argon2::password_hash::PasswordHasher;
        super::count_work(u64::from(MEMORY_KIB) * u64::from(PASSES));
        let hash = hasher(baseline()).hash_password_with_salt(password.as_bytes(), salt);
        hash.expect("argon2 hashes any password with a 16-byte salt").to_string()
    }

    pub fn verify(password: &str, stored: &str) -> bool {
        use argon2::password_hash::{phc::PasswordHash, PasswordVerifier};
        let Ok(parsed) = PasswordHash::new(stored) else { return false };
        let Ok(params) = Params::try_from(&parsed) else { return false };
        if params.m_cost() > MAX_MEMORY_KIB || params.t_cost() > 16 || params.p_cost() > 4 {
            return false;
        }
        super::count_work(u64::from(params.m_cost()) * u64::from(params.t_cost()));
        hasher(params).verify_password(password.as_bytes(), &parsed).is_ok()
    }

    /// An argon2id hash with today's parameters.
    pub fn is_current(stored: &str) -> bool {
        use argon2::password_hash::phc::PasswordHash;
        let Ok(parsed) = PasswordHash::new(stored) else { return false };
        let Ok(params) = Params::try_from(&parsed) else { return false };
        parsed.algorithm.as_str() == "argon2id" && params.m_cost() >= MEMORY_KIB && params.t_cost() >= PASSES
    }
}

/// Lower-case hex SHA-256, so leaked credentials can be matched by hash, never as plain text.
pub fn sha256_hex(data: &[u8]) -> String {
    hex_encode(&Sha256::digest(data))
}

/// Equal-length inputs take the same time whatever their contents; the length itself is not secret.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    // Discourages the optimiser from turning the fold into an early-exit comparison.
    std::hint::black_box(diff) == 0
}

struct StoredHash {
    iterations: u32,
    salt: Vec<u8>,
    hash: Vec<u8>,
}

/// The salt of a stored PBKDF2 hash.
pub fn salt_of(stored: &str) -> Option<[u8; 16]> {
    parse_stored(stored).and_then(|p| p.salt.try_into().ok())
}

fn parse_stored(stored: &str) -> Option<StoredHash> {
    let mut parts = stored.split('$');
    let (prefix, iterations, salt, hash) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if prefix != PREFIX || parts.next().is_some() {
        return None;
    }
    let iterations = parse_iterations(iterations)?;
    let salt = hex_decode(salt).filter(|s| s.len() == SALT_LEN)?;
    let hash = hex_decode(hash).filter(|h| h.len() == HASH_LEN)?;
    Some(StoredHash { iterations, salt, hash })
}

/// Digits only (no sign or spaces), within 1..=MAX_ITERATIONS.
fn parse_iterations(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| (1..=MAX_ITERATIONS).contains(n))
}

fn derive(password: &[u8], salt: &[u8], iterations: u32) -> [u8; HASH_LEN] {
    count_work(u64::from(iterations));
    pbkdf2::pbkdf2_hmac_array::<Sha256, HASH_LEN>(password, salt, iterations)
}

thread_local! {
    static ROUNDS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn count_work(units: u64) {
    ROUNDS.with(|r| r.set(r.get() + units));
}

/// Hashing work this thread has done so far (PBKDF2 rounds; argon2 KiB times passes):
/// what a sign-in costs, measured without a clock (tests compare the cost of an
/// unknown and a known username).
pub fn rounds_derived() -> u64 {
    ROUNDS.with(|r| r.get())
}

pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

pub(crate) fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    text.as_bytes().chunks(2).map(|pair| Some(hex_value(pair[0])? << 4 | hex_value(pair[1])?)).collect()
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SALT: [u8; 16] = *b"0123456789abcdef";
    const OTHER_SALT: [u8; 16] = *b"fedcba9876543210";
    // Low count keeps tests fast; the format and checks are the same at any count.
    const FAST: u32 = 10;

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn new_hashes_are_argon2id_and_verify() {
        let stored = hash_new("Tangerine-Harbour-8", &SALT);
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify_password("Tangerine-Harbour-8", &stored));
        assert!(!verify_password("Tangerine-Harbour-9", &stored));
        assert!(!needs_rehash(&stored));
        assert_ne!(stored, hash_new("Tangerine-Harbour-8", &OTHER_SALT), "salted");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn pbkdf2_hashes_still_verify_and_ask_to_be_rehashed() {
        let old = hash_password("Tangerine-Harbour-8", &SALT, FAST);
        assert!(verify_password("Tangerine-Harbour-8", &old));
        assert!(needs_rehash(&old));
        assert!(needs_rehash("garbage"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn argon2_hashes_asking_for_huge_memory_are_refused_without_hashing() {
        let greedy = "$argon2id$v=19$m=4194304,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let before = rounds_derived();
        assert!(!verify_password("anything", greedy));
        assert_eq!(rounds_derived(), before);
        let weaker =
            "$argon2id$v=19$m=8,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assert!(needs_rehash(weaker), "below today's parameters");
    }

    /// The `<salt hex>$<hash hex>` tail of a stored hash.
    fn salt_and_hash(stored: &str) -> &str {
        stored.splitn(3, '$').nth(2).unwrap()
    }

    #[test]
    fn hash_has_documented_format() {
        let stored = hash_password("hunter2", &SALT, ITERATIONS);
        let parts: Vec<&str> = stored.split('$').collect();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[0], "pbkdf2-sha256");
        assert_eq!(parts[1], "20000");
        assert_eq!(parts[2], "30313233343536373839616263646566");
        assert_eq!(parts[3].len(), 64);
        assert!(parts[3].bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }

    #[test]
    fn correct_password_verifies() {
        let stored = hash_password("correct horse battery staple", &SALT, ITERATIONS);
        assert!(verify_password("correct horse battery staple", &stored));
    }

    #[test]
    fn wrong_password_fails() {
        let stored = hash_password("correct horse", &SALT, FAST);
        assert!(!verify_password("correct horsE", &stored));
        assert!(!verify_password("", &stored));
    }

    #[test]
    fn different_salts_give_different_hashes() {
        assert_ne!(hash_password("same", &SALT, FAST), hash_password("same", &OTHER_SALT, FAST));
    }

    #[test]
    fn verification_uses_the_stored_iteration_count() {
        let stored = hash_password("pw", &SALT, 3);
        assert!(verify_password("pw", &stored));
        let tampered = stored.replacen("$3$", "$4$", 1);
        assert!(!verify_password("pw", &tampered));
    }

    #[test]
    fn zero_iterations_are_stored_as_one() {
        let stored = hash_password("pw", &SALT, 0);
        assert!(stored.starts_with("pbkdf2-sha256$1$"));
        assert!(verify_password("pw", &stored));
    }

    #[test]
    fn upper_case_hex_in_stored_hash_is_accepted() {
        let stored = hash_password("pw", &SALT, FAST);
        let (head, hash) = stored.rsplit_once('$').unwrap();
        assert!(verify_password("pw", &format!("{head}${}", hash.to_uppercase())));
    }

    #[test]
    fn malformed_stored_strings_are_rejected() {
        let good = hash_password("pw", &SALT, FAST);
        let rest = good.split_once('$').unwrap().1;
        let salt_and_hash = salt_and_hash(&good);
        let malformed = [
            String::new(),
            "$$$".to_string(),
            format!("pbkdf2-sha1${rest}"),
            format!("PBKDF2-SHA256${rest}"),
            format!("pbkdf2-sha256$0${salt_and_hash}"),
            format!("pbkdf2-sha256$-1${salt_and_hash}"),
            format!("pbkdf2-sha256$+10${salt_and_hash}"),
            format!("pbkdf2-sha256$ten${salt_and_hash}"),
            format!("pbkdf2-sha256$${salt_and_hash}"),
            format!("pbkdf2-sha256$99999999999${salt_and_hash}"),
            good.replacen('3', "g", 1),
            good[..good.len() - 1].to_string(),
            good[..good.len() - 2].to_string(),
            format!("{good}$extra"),
            format!("{good}00"),
        ];
        for stored in &malformed {
            assert!(!verify_password("pw", stored), "{stored:?}");
        }
    }

    #[test]
    fn huge_iteration_counts_are_refused_without_running() {
        let good = hash_password("pw", &SALT, FAST);
        let rest = salt_and_hash(&good);
        // Would take minutes if it were run; refusing it keeps the test instant.
        assert!(!verify_password("pw", &format!("pbkdf2-sha256$10000001${rest}")));
        assert!(!verify_password("pw", &format!("pbkdf2-sha256$4294967295${rest}")));
        assert_eq!(parse_iterations("10000000"), Some(MAX_ITERATIONS));
        assert_eq!(parse_iterations("10000001"), None);
    }

    #[test]
    fn pbkdf2_matches_rfc_7914_vector() {
        // RFC 7914 section 11, P="passwd", S="salt", c=1: first 32 of the 64 bytes (the first block).
        assert_eq!(
            hex_encode(&derive(b"passwd", b"salt", 1)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }

    #[test]
    fn sha256_of_abc_matches_fips_180_vector() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn constant_time_eq_compares_contents_and_length() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    // proptest is a native-only dev-dependency of the main crate.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn hex_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
                prop_assert_eq!(hex_decode(&hex_encode(&bytes)), Some(bytes));
            }
        }
    }
}
