//! OpenSSL cipher lists as `ssl_server_ciphers` and `ft_ssl_ciphers` write them, read into an
//! over-approximation of the TLS 1.2 (and earlier) cipher suites they enable, so that two
//! lists can be proven to share none.
//!
//! EMS "Syntax for All Other Cipher Suite Specifications" (8.6 and 10.1
//! GUID-76ED1BAF-5BB5-4945-8FD4-8047BC84836C): a list that starts with `/` starts empty,
//! any other is prefixed with OpenSSL's `DEFAULT`; `+` moves ciphers to the end (adds none),
//! `-` removes them (later items may add them again), `!` removes them for good; names are
//! case-sensitive; 8.5 (GUID-A6144A5C-8A2A-4309-A526-D56185709A63) also allows spaces and
//! commas between names. `ft_ssl_ciphers` also takes the longer, descriptive (IANA) names (8.6
//! GUID-931AE718-7996-448D-8428-F50FD476F63E). The syntax "only applies to TLSv1.2 cipher
//! suites. TLSv1.3 connections are subject only to the SECLEVEL restrictions" (10.1).
//!
//! The cipher table holds the common TLS 1.2 suites with their key exchange, authentication,
//! encryption and MAC, so that aliases whose membership OpenSSL defines by these attributes
//! (`AES`, `aRSA`, `kECDHE`, …) resolve exactly over it; aliases whose membership changed
//! between OpenSSL releases (`DEFAULT`, `HIGH`, `MEDIUM`, `LOW`, `RSA`, …) are read as
//! "possibly any cipher". A word that is neither makes the list unresolved: nothing can be
//! proven about it.

use std::collections::BTreeSet;

/// One TLS 1.2-or-earlier suite: its OpenSSL name, its IANA name and its attributes.
#[derive(Debug, Clone, Copy)]
struct Suite {
    name: &'static str,
    iana: &'static str,
    /// OpenSSL alias words the suite belongs to, stable across OpenSSL releases.
    tags: &'static [&'static str],
}

const fn s(name: &'static str, iana: &'static str, tags: &'static [&'static str]) -> Suite {
    Suite { name, iana, tags }
}

const RSA_KX: &str = "kRSA";
// Tags: key exchange, authentication, encryption, MAC.
#[rustfmt::skip]
const SUITES: &[Suite] = &[
    s("NULL-MD5", "TLS_RSA_WITH_NULL_MD5", &[RSA_KX, "aRSA", "eNULL", "NULL", "MD5"]),
    s("NULL-SHA", "TLS_RSA_WITH_NULL_SHA", &[RSA_KX, "aRSA", "eNULL", "NULL", "SHA1", "SHA"]),
    s("NULL-SHA256", "TLS_RSA_WITH_NULL_SHA256", &[RSA_KX, "aRSA", "eNULL", "NULL", "SHA256"]),
    s("RC4-MD5", "TLS_RSA_WITH_RC4_128_MD5", &[RSA_KX, "aRSA", "RC4", "MD5"]),
    s("RC4-SHA", "TLS_RSA_WITH_RC4_128_SHA", &[RSA_KX, "aRSA", "RC4", "SHA1", "SHA"]),
    s("DES-CBC-SHA", "TLS_RSA_WITH_DES_CBC_SHA", &[RSA_KX, "aRSA", "DES", "SHA1", "SHA"]),
    s("DES-CBC3-SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", &[RSA_KX, "aRSA", "3DES", "SHA1", "SHA"]),
    s("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA", &[RSA_KX, "aRSA", "AES", "AES128", "SHA1", "SHA"]),
    s("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", &[RSA_KX, "aRSA", "AES", "AES256", "SHA1", "SHA"]),
    s("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256", &[RSA_KX, "aRSA", "AES", "AES128", "SHA256"]),
    s("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256", &[RSA_KX, "aRSA", "AES", "AES256", "SHA256"]),
    s("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256", &[RSA_KX, "aRSA", "AES", "AES128", "AESGCM", "SHA256"]),
    s("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384", &[RSA_KX, "aRSA", "AES", "AES256", "AESGCM", "SHA384"]),
    s("CAMELLIA128-SHA", "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", &[RSA_KX, "aRSA", "CAMELLIA", "CAMELLIA128", "SHA1", "SHA"]),
    s("CAMELLIA256-SHA", "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", &[RSA_KX, "aRSA", "CAMELLIA", "CAMELLIA256", "SHA1", "SHA"]),
    s("DHE-RSA-AES128-SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", &["kDHE", "kEDH", "DHE", "EDH", "aRSA", "AES", "AES128", "SHA1", "SHA"]),
    s("DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", &["kDHE", "kEDH", "DHE", "EDH", "aRSA", "AES", "AES256", "SHA1", "SHA"]),
    s("DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", &["kDHE", "kEDH", "DHE", "EDH", "aRSA", "AES", "AES128", "SHA256"]),
    s("DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", &["kDHE", "kEDH", "DHE", "EDH", "aRSA", "AES", "AES256", "SHA256"]),
    s("DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", &["kDHE", "kEDH", "DHE", "EDH", "aRSA", "AES", "AES128", "AESGCM", "SHA256"]),
    s("DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", &["kDHE", "kEDH", "DHE", "EDH", "aRSA", "AES", "AES256", "AESGCM", "SHA384"]),
    s("DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", &["kDHE", "kEDH", "DHE", "EDH", "aRSA", "CHACHA20"]),
    s("DHE-DSS-AES128-SHA", "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", &["kDHE", "kEDH", "DHE", "EDH", "aDSS", "DSS", "AES", "AES128", "SHA1", "SHA"]),
    s("DHE-DSS-AES256-SHA", "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", &["kDHE", "kEDH", "DHE", "EDH", "aDSS", "DSS", "AES", "AES256", "SHA1", "SHA"]),
    s("DHE-DSS-AES128-GCM-SHA256", "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", &["kDHE", "kEDH", "DHE", "EDH", "aDSS", "DSS", "AES", "AES128", "AESGCM", "SHA256"]),
    s("DHE-DSS-AES256-GCM-SHA384", "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", &["kDHE", "kEDH", "DHE", "EDH", "aDSS", "DSS", "AES", "AES256", "AESGCM", "SHA384"]),
    s("ECDHE-RSA-RC4-SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "RC4", "SHA1", "SHA"]),
    s("ECDHE-RSA-DES-CBC3-SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "3DES", "SHA1", "SHA"]),
    s("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "AES", "AES128", "SHA1", "SHA"]),
    s("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "AES", "AES256", "SHA1", "SHA"]),
    s("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "AES", "AES128", "SHA256"]),
    s("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "AES", "AES256", "SHA384"]),
    s("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "AES", "AES128", "AESGCM", "SHA256"]),
    s("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "AES", "AES256", "AESGCM", "SHA384"]),
    s("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aRSA", "CHACHA20"]),
    s("ECDHE-ECDSA-RC4-SHA", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "RC4", "SHA1", "SHA"]),
    s("ECDHE-ECDSA-DES-CBC3-SHA", "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "3DES", "SHA1", "SHA"]),
    s("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "AES", "AES128", "SHA1", "SHA"]),
    s("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "AES", "AES256", "SHA1", "SHA"]),
    s("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "AES", "AES128", "SHA256"]),
    s("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "AES", "AES256", "SHA384"]),
    s("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "AES", "AES128", "AESGCM", "SHA256"]),
    s("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "AES", "AES256", "AESGCM", "SHA384"]),
    s("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", &["kECDHE", "kEECDH", "ECDHE", "EECDH", "aECDSA", "ECDSA", "CHACHA20"]),
];

/// Alias words whose members are defined by an attribute (kept in the table's `tags`), plus
/// those that name no suite of the table but whose members are all outside it.
const ATTRIBUTE_ALIASES: &[&str] = &[
    "kRSA",
    "aRSA",
    "aDSS",
    "DSS",
    "aECDSA",
    "ECDSA",
    "kDHE",
    "kEDH",
    "DHE",
    "EDH",
    "kECDHE",
    "kEECDH",
    "ECDHE",
    "EECDH",
    "AES",
    "AES128",
    "AES256",
    "AESGCM",
    "CHACHA20",
    "3DES",
    "DES",
    "RC4",
    "CAMELLIA",
    "CAMELLIA128",
    "CAMELLIA256",
    "SHA1",
    "SHA",
    "SHA256",
    "SHA384",
    "MD5",
    "aNULL",
    "ADH",
    "AECDH",
    "PSK",
    "kPSK",
    "aPSK",
    "SRP",
    "kSRP",
    "IDEA",
    "SEED",
    "ARIA",
    "CAMELLIA",
    "AESCCM",
    "AESCCM8",
    "GOST94",
    "GOST89MAC",
    "kGOST",
    "aGOST",
    "RC2",
];

/// (alias, a word of the suite's name): suites whose membership of the alias the OpenSSL
/// documentation leaves open. They may be added by the alias, and are never taken as surely
/// removed by it.
const MAYBE_MEMBERS: &[(&str, &str)] = &[("SHA256", "CHACHA20")];

/// Aliases whose membership OpenSSL changed between releases, or depends on its build:
/// read as "possibly any cipher" (never `eNULL` ones).
const VERSION_DEPENDENT: &[&str] = &[
    "ALL",
    "DEFAULT",
    "COMPLEMENTOFDEFAULT",
    "HIGH",
    "MEDIUM",
    "LOW",
    "EXP",
    "EXPORT",
    "EXPORT40",
    "EXPORT56",
    "RSA",
    "SSLv3",
    "TLSv1",
    "TLSv1.0",
    "TLSv1.2",
    "FIPS",
    "SUITEB128",
    "SUITEB128ONLY",
    "SUITEB192",
    "kDH",
    "kDHr",
    "kDHd",
    "DH",
    "kECDH",
    "ECDH",
    "aDH",
    "aECDH",
];

/// Words that add ciphers without encryption, which `ALL` does not cover.
const ADDS_ENULL: &[&str] = &["eNULL", "NULL", "COMPLEMENTOFALL"];

/// What a list enables, over-approximated: the table suites it may enable, and whether it may
/// enable suites the table does not hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CipherSet {
    pub suites: BTreeSet<&'static str>,
    pub outside: bool,
}

impl CipherSet {
    /// The two sets provably share no suite.
    pub fn disjoint(&self, other: &CipherSet) -> bool {
        !(self.outside && other.outside) && self.suites.is_disjoint(&other.suites)
    }

    /// Provably enables no TLS 1.2 suite at all.
    pub fn is_empty(&self) -> bool {
        !self.outside && self.suites.is_empty()
    }
}

/// A term's over-approximation (what adding it may add) and under-approximation (what
/// removing it surely removes).
struct Term {
    over: CipherSet,
    under: CipherSet,
}

/// One item of a list: `@STRENGTH`, or an operator and the `+`-joined words it applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item<'a> {
    Command,
    Apply(Op, Vec<&'a str>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Move,
    Remove,
    Ban,
}

fn is_separator(c: char) -> bool {
    matches!(c, ':' | ',' | ';' | ' ' | '\t')
}

/// The list's items (OpenSSL separates them by `:`, `,`, `;` or blanks), after an optional
/// leading `/`; `None` when it does not follow the syntax (a `/` elsewhere, an operator
/// without a word, `A+`).
fn items(list: &str) -> Option<(bool, Vec<Item<'_>>)> {
    use nom::branch::alt;
    use nom::bytes::complete::take_while1;
    use nom::character::complete::{char, one_of};
    use nom::combinator::{all_consuming, map, opt, recognize, value};
    use nom::multi::{many0, separated_list1};
    use nom::sequence::preceded;
    use nom::{IResult, Parser};

    fn separators(input: &str) -> IResult<&str, &str> {
        recognize(many0(one_of(":,; \t"))).parse(input)
    }
    /// A suite or alias name: letters, digits, `-` (`ECDHE-RSA-AES128-SHA`), `_` (IANA
    /// names), `.` (`TLSv1.2`).
    fn name(input: &str) -> IResult<&str, &str> {
        take_while1(|c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .parse(input)
    }
    fn item(input: &str) -> IResult<&str, Item<'_>> {
        alt((
            value(
                Item::Command,
                preceded(char('@'), take_while1(|c: char| !is_separator(c))),
            ),
            map(
                (
                    opt(alt((
                        value(Op::Ban, char('!')),
                        value(Op::Remove, char('-')),
                        value(Op::Move, char('+')),
                    ))),
                    separated_list1(char('+'), name),
                ),
                |(op, words)| Item::Apply(op.unwrap_or(Op::Add), words),
            ),
        ))
        .parse(input)
    }
    let parsed: IResult<&str, (Option<char>, Vec<Item<'_>>)> = all_consuming((
        preceded(separators, opt(char('/'))),
        preceded(
            separators,
            map(
                opt((separated_list1(separators_then_more, item), separators)),
                |found| found.map(|(items, _)| items).unwrap_or_default(),
            ),
        ),
    ))
    .parse(list);
    fn separators_then_more(input: &str) -> IResult<&str, &str> {
        recognize((one_of(":,; \t"), separators)).parse(input)
    }
    parsed
        .ok()
        .map(|(_, (slash, items))| (slash.is_some(), items))
}

/// The list holds a `/` after its first item, which TIBCO documents as an error: "This
/// modifier can only be used at the beginning of the list. If the / appears elsewhere, the
/// syntax of the cipher suite list will be incorrect and cause an error."
pub fn misplaced_slash(list: &str) -> bool {
    let list = list.trim_start_matches(is_separator);
    let rest = list.strip_prefix('/').unwrap_or(list);
    rest.contains('/')
}

/// Reads a cipher list. `None` when it uses a word that cannot be resolved offline (or adds
/// ciphers without encryption, which `-ALL` does not remove), or breaks the syntax.
pub fn resolve(list: &str) -> Option<CipherSet> {
    let (slash, items) = items(list)?;
    let mut set = if slash {
        CipherSet::default()
    } else {
        term("DEFAULT")?.over
    };
    let mut banned = CipherSet::default();
    for item in items {
        let Item::Apply(op, words) = item else {
            // @STRENGTH sorts, @SECLEVEL=n only removes: the over-approximation holds.
            continue;
        };
        if op == Op::Add && words.iter().any(|w| ADDS_ENULL.contains(w)) {
            return None;
        }
        let t = combined(&words)?;
        match op {
            Op::Move => {}
            Op::Add => {
                set.suites
                    .extend(t.over.suites.difference(&banned.suites).copied());
                set.outside |= t.over.outside && !banned.outside;
            }
            Op::Remove | Op::Ban => {
                set.suites.retain(|s| !t.under.suites.contains(s));
                if t.under.outside {
                    set.outside = false;
                }
                if op == Op::Ban {
                    banned.suites.extend(t.under.suites.iter().copied());
                    banned.outside |= t.under.outside;
                }
            }
        }
    }
    Some(set)
}

/// `A+B+C`: the suites in every one of A, B and C.
fn combined(words: &[&str]) -> Option<Term> {
    let mut terms = words.iter().map(|w| term(w));
    let mut acc = terms.next()??;
    for t in terms {
        let t = t?;
        acc.over.suites.retain(|s| t.over.suites.contains(s));
        acc.over.outside &= t.over.outside;
        acc.under.suites.retain(|s| t.under.suites.contains(s));
        acc.under.outside &= t.under.outside;
    }
    Some(acc)
}

/// One word: a suite (OpenSSL or IANA name), an alias, or a TLS 1.3 suite (which a TLS 1.2
/// list ignores).
fn term(word: &str) -> Option<Term> {
    if let Some(suite) = SUITES.iter().find(|s| s.name == word || s.iana == word) {
        let one = CipherSet {
            suites: BTreeSet::from([suite.name]),
            outside: false,
        };
        return Some(Term {
            over: one.clone(),
            under: one,
        });
    }
    if word.starts_with("TLS_") && !word.contains("_WITH_") {
        return Some(Term {
            over: CipherSet::default(),
            under: CipherSet::default(),
        });
    }
    let members = |pred: &dyn Fn(&Suite) -> bool| -> BTreeSet<&'static str> {
        SUITES.iter().filter(|s| pred(s)).map(|s| s.name).collect()
    };
    let non_enull = || members(&|s| !s.tags.contains(&"eNULL"));
    if word == "ALL" {
        return Some(Term {
            over: CipherSet {
                suites: non_enull(),
                outside: true,
            },
            under: CipherSet {
                suites: non_enull(),
                outside: true,
            },
        });
    }
    if VERSION_DEPENDENT.contains(&word) {
        return Some(Term {
            over: CipherSet {
                suites: non_enull(),
                outside: true,
            },
            under: CipherSet::default(),
        });
    }
    if ATTRIBUTE_ALIASES.contains(&word) || ADDS_ENULL.contains(&word) {
        let suites = members(&|s| s.tags.contains(&word));
        let maybe = members(&|s| {
            MAYBE_MEMBERS
                .iter()
                .any(|&(alias, part)| alias == word && s.name.contains(part))
        });
        return Some(Term {
            over: CipherSet {
                suites: suites.union(&maybe).copied().collect(),
                outside: true,
            },
            under: CipherSet {
                suites,
                outside: false,
            },
        });
    }
    None
}

#[cfg(test)]
mod tests;
