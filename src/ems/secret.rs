//! Secret values from EMS files, and the reversible `$man$` password mangling.
//!
//! `tibemsadmin -mangle` writes passwords as `$man$` + base64. TIBCO's KB says the scheme
//! "is not cryptographically secure and does not use keys"
//! (https://support.tibco.com/s/article/Tibco-KnowledgeArticle-Article-25828), so the linter
//! un-mangles values to compare plaintexts: two mangled strings of one password differ.

use std::fmt;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;

/// The prefix of a mangled password.
pub const MANGLED_PREFIX: &str = "$man$";

/// Added by the mangler to the stored password length.
const LENGTH_OFFSET: i32 = 7777;

/// Standard alphabet; padding optional (TIBCO's own sample value is unpadded).
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// A secret whose Debug and Display never show the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The plaintext. Never put it in a diagnostic.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Why a `$man$` value could not be un-mangled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnmangleError {
    /// No `$man$` prefix, or the rest is not base64.
    NotBase64,
    /// Fewer than the 4 header bytes.
    TooShort,
    /// The length in the header is negative or longer than the data.
    BadLength,
    /// The decoded password is not UTF-8.
    NotUtf8,
}

impl fmt::Display for UnmangleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnmangleError::NotBase64 => "corrupt mangled value: not `$man$` followed by base64",
            UnmangleError::TooShort => "corrupt mangled value: too short",
            UnmangleError::BadLength => "corrupt mangled value: its length field is out of range",
            UnmangleError::NotUtf8 => "corrupt mangled value: the password is not valid UTF-8",
        })
    }
}

impl std::error::Error for UnmangleError {}

/// Words that make a name a secret's wherever they appear (a parameter, an INI key, a JSON
/// key): a value under such a name is never shown.
pub const SECRET_WORDS: [&str; 3] = ["password", "secret", "credential"];

/// Whether `name` holds one of [`SECRET_WORDS`], in any case.
pub fn names_a_secret(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|word| name.contains(word))
}

/// Whether `raw` is a mangled password (`$man$…`).
pub fn is_mangled(raw: &str) -> bool {
    raw.starts_with(MANGLED_PREFIX)
}

/// Un-mangles a `$man$…` value (the prefix is required).
///
/// Algorithm as re-implemented in `newrelic/nri-tibco-ems` and
/// `Tantino/tibcopasswordrevealer`: bytes 0 and 1 are seeds `k0`, `k1`; bytes 2..4 hold the
/// length + 7777 XOR the seeds; byte `4+i` is the password byte XOR `k0` (even `i`) or `k1`
/// (odd `i`), each seed rotated right one bit after use.
pub fn unmangle(mangled: &str) -> Result<Secret, UnmangleError> {
    let encoded = mangled
        .strip_prefix(MANGLED_PREFIX)
        .ok_or(UnmangleError::NotBase64)?;
    let bytes = LENIENT
        .decode(encoded)
        .map_err(|_| UnmangleError::NotBase64)?;
    let (header, body) = match bytes.split_first_chunk::<4>() {
        Some(parts) => parts,
        None => return Err(UnmangleError::TooShort),
    };
    let [mut k0, mut k1, lo, hi] = *header;
    let len = ((i32::from(hi ^ k0) << 8) | i32::from(lo ^ k1)) - LENGTH_OFFSET;
    let len = usize::try_from(len).map_err(|_| UnmangleError::BadLength)?;
    let body = body.get(..len).ok_or(UnmangleError::BadLength)?;
    let mut out = Vec::with_capacity(len);
    for (i, &b) in body.iter().enumerate() {
        let k = if i % 2 == 1 { &mut k1 } else { &mut k0 };
        out.push(b ^ *k);
        *k = k.rotate_right(1);
    }
    String::from_utf8(out)
        .map(Secret)
        .map_err(|_| UnmangleError::NotUtf8)
}

/// What a password parameter means: empty → None; `$man$…` → un-mangled; anything else → plain text.
pub fn reveal(raw: &str) -> Result<Option<Secret>, UnmangleError> {
    if raw.is_empty() {
        Ok(None)
    } else if is_mangled(raw) {
        unmangle(raw).map(Some)
    } else {
        Ok(Some(Secret::new(raw)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mangles with fixed seeds and filler, the inverse of `unmangle`, to build test inputs.
    fn mangle(plain: &[u8], k0: u8, k1: u8, total: usize) -> Vec<u8> {
        let stored = plain.len() as u16 + 7777;
        let (mut a, mut b) = (k0, k1);
        let mut out = vec![k0, k1, (stored as u8) ^ k1, ((stored >> 8) as u8) ^ k0];
        for (i, &p) in plain.iter().enumerate() {
            let k = if i % 2 == 1 { &mut b } else { &mut a };
            out.push(p ^ *k);
            *k = k.rotate_right(1);
        }
        out.resize(total.max(out.len()), 0x55);
        out
    }

    fn encode(bytes: &[u8]) -> String {
        format!(
            "$man${}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    }

    #[test]
    fn decodes_the_public_vectors() {
        let toto = unmangle("$man$Dc6rE3mh8giUDcPkQEhEE5CnUKA=").unwrap();
        assert_eq!(toto.expose(), "toto");
        let password = unmangle("$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr").unwrap();
        assert_eq!(password.expose(), "password");
    }

    #[test]
    fn padding_is_optional() {
        assert_eq!(
            unmangle("$man$Dc6rE3mh8giUDcPkQEhEE5CnUKA")
                .unwrap()
                .expose(),
            "toto"
        );
        let padded = encode(&mangle(b"hello", 0x12, 0xa7, 20));
        assert!(padded.ends_with('='));
        assert_eq!(unmangle(&padded).unwrap().expose(), "hello");
        let unpadded = padded.trim_end_matches('=');
        assert_eq!(unmangle(unpadded).unwrap().expose(), "hello");
    }

    #[test]
    fn round_trips_through_the_test_mangler() {
        for plain in ["", "a", "toto", "password", "pässwörd:with$odd#chars"] {
            let m = encode(&mangle(plain.as_bytes(), 0xd3, 0x01, 20));
            assert_eq!(unmangle(&m).unwrap().expose(), plain);
        }
    }

    #[test]
    fn same_password_different_seeds_gives_different_strings() {
        let a = encode(&mangle(b"secret", 1, 2, 20));
        let b = encode(&mangle(b"secret", 200, 77, 20));
        assert_ne!(a, b);
        assert_eq!(unmangle(&a).unwrap(), unmangle(&b).unwrap());
    }

    #[test]
    fn corrupt_values_are_errors() {
        assert_eq!(
            unmangle("Dc6rE3mh8giUDcPkQEhEE5CnUKA="),
            Err(UnmangleError::NotBase64)
        );
        assert_eq!(unmangle("$man$not base64!"), Err(UnmangleError::NotBase64));
        assert_eq!(unmangle("$man$Dc6r E3mh"), Err(UnmangleError::NotBase64));
        assert_eq!(unmangle("$man$A"), Err(UnmangleError::NotBase64));
        assert_eq!(unmangle("$man$"), Err(UnmangleError::TooShort));
        assert_eq!(unmangle("$man$AAA="), Err(UnmangleError::TooShort));
        // Length field below 7777.
        assert_eq!(unmangle("$man$AAAAAA=="), Err(UnmangleError::BadLength));
        // Length field claims more bytes than there are.
        let long = mangle(b"abcdefgh", 9, 9, 0);
        assert_eq!(
            unmangle(&encode(long.get(..8).unwrap())),
            Err(UnmangleError::BadLength)
        );
        let bad_utf8 = encode(&mangle(&[0xff, 0xfe], 3, 4, 20));
        assert_eq!(unmangle(&bad_utf8), Err(UnmangleError::NotUtf8));
    }

    #[test]
    fn never_panics_on_arbitrary_short_inputs() {
        let alphabet = b"AZaz09+/=$m";
        for len in 0..5 {
            let mut idx = vec![0usize; len];
            loop {
                let s: String = idx.iter().map(|&i| alphabet[i] as char).collect();
                let _ = unmangle(&format!("$man${s}"));
                let _ = reveal(&s);
                let mut pos = 0;
                while pos < len {
                    idx[pos] += 1;
                    if idx[pos] < alphabet.len() {
                        break;
                    }
                    idx[pos] = 0;
                    pos += 1;
                }
                if pos == len || len == 0 {
                    break;
                }
            }
        }
        for n in 0..64u8 {
            let bytes: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37) ^ n).collect();
            let _ = unmangle(&encode(&bytes));
        }
    }

    #[test]
    fn reveal_classifies_values() {
        assert_eq!(reveal(""), Ok(None));
        assert_eq!(reveal("plain"), Ok(Some(Secret::new("plain"))));
        assert_eq!(
            reveal("$man$Dc6rE3mh8giUDcPkQEhEE5CnUKA="),
            Ok(Some(Secret::new("toto")))
        );
        assert_eq!(reveal("$man$!!"), Err(UnmangleError::NotBase64));
        // Only the exact lower-case prefix marks a mangled value.
        assert_eq!(reveal("$MAN$x"), Ok(Some(Secret::new("$MAN$x"))));
        assert!(is_mangled("$man$x"));
        assert!(!is_mangled("man$x"));
        assert!(!is_mangled(""));
    }

    #[test]
    fn mangled_and_plain_forms_compare_equal_after_reveal() {
        let plain = reveal("password").unwrap();
        let mangled = reveal("$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr").unwrap();
        assert_eq!(plain, mangled);
    }

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Secret::new("hunter2");
        let debug = format!("{s:?}");
        let display = format!("{s}");
        let pretty = format!("{:#?}", Some(s.clone()));
        assert_eq!(debug, "Secret(<redacted>)");
        assert_eq!(display, "<redacted>");
        for out in [debug, display, pretty] {
            assert!(!out.contains("hunter2"), "{out}");
        }
        assert_eq!(s.expose(), "hunter2");
        assert!(!s.is_empty());
        assert!(Secret::new("").is_empty());
    }

    #[test]
    fn error_messages_do_not_contain_the_input() {
        let input = "$man$c2VjcmV0"; // base64 of "secret"
        let err = unmangle(input).unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(
            !text.contains("c2VjcmV0") && !text.contains("secret"),
            "{text}"
        );
    }
}
