use super::*;

fn set(list: &str) -> CipherSet {
    resolve(list).unwrap_or_else(|| panic!("{list} resolves"))
}

#[test]
fn a_slash_list_of_names_is_exactly_those_names() {
    let s = set("/ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA");
    assert!(!s.outside);
    assert_eq!(
        s.suites.iter().copied().collect::<Vec<_>>(),
        ["AES256-SHA", "ECDHE-RSA-AES128-GCM-SHA256"]
    );
}

#[test]
fn without_a_slash_the_list_starts_from_default() {
    let s = set("ECDHE-RSA-AES128-GCM-SHA256");
    assert!(s.outside, "DEFAULT may hold anything");
    let s = set("-ALL:RC4-MD5");
    assert!(!s.outside);
    assert_eq!(s.suites, BTreeSet::from(["RC4-MD5"]));
}

#[test]
fn iana_names_commas_and_spaces_are_read() {
    assert_eq!(
        set("/TLS_RSA_WITH_AES_128_CBC_SHA, AES256-SHA"),
        set("/AES128-SHA:AES256-SHA")
    );
}

#[test]
fn attribute_aliases_resolve_and_removals_apply_in_order() {
    let s = set("/kECDHE+AESGCM:!aECDSA");
    assert_eq!(
        s.suites,
        BTreeSet::from(["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384"])
    );
    // The alias may also hold suites the table does not know.
    assert!(s.outside);
    // `-` lets a later item add the suite again, `!` does not.
    assert!(set("/AES128-SHA:-AES128-SHA:AES128-SHA")
        .suites
        .contains("AES128-SHA"));
    assert!(!set("/AES128-SHA:!AES128-SHA:AES128-SHA")
        .suites
        .contains("AES128-SHA"));
}

#[test]
fn disjoint_only_when_provable() {
    let rsa = set("/AES128-SHA:AES256-SHA");
    let ecdsa = set("/ECDHE-ECDSA-AES128-GCM-SHA256");
    assert!(rsa.disjoint(&ecdsa));
    assert!(!rsa.disjoint(&set("/AES")), "AES holds AES128-SHA");
    assert!(rsa.disjoint(&set("/aECDSA")), "no aECDSA suite is RSA");
    assert!(
        !set("HIGH").disjoint(&set("/aECDSA")),
        "HIGH may hold anything"
    );
    assert!(!set("HIGH").disjoint(&set("MEDIUM")));
}

#[test]
fn words_that_cannot_be_resolved_give_nothing() {
    assert_eq!(resolve("/NO-SUCH-CIPHER"), None);
    assert_eq!(resolve("/eNULL"), None);
    assert_eq!(resolve("/AES128-SHA:/AES256-SHA"), None);
    assert_eq!(resolve("/!"), None);
}

#[test]
fn tls13_names_and_at_commands_change_nothing() {
    assert_eq!(
        set("/AES128-SHA:TLS_AES_128_GCM_SHA256:@STRENGTH:@SECLEVEL=2"),
        set("/AES128-SHA")
    );
    assert!(set("/TLS_AES_256_GCM_SHA384").is_empty());
}

#[test]
fn hostile_lists_do_not_panic() {
    for list in ["", "/", ":::", "+", "!+", "-+-", "a+", "+AES", "é:ü", "@"] {
        let _ = resolve(list);
    }
}

#[test]
fn the_list_is_tokenized_as_openssl_does() {
    assert_eq!(
        items("/ECDHE+AESGCM:!aNULL, -RC4;+SHA1 @STRENGTH"),
        Some((
            true,
            vec![
                Item::Apply(Op::Add, vec!["ECDHE", "AESGCM"]),
                Item::Apply(Op::Ban, vec!["aNULL"]),
                Item::Apply(Op::Remove, vec!["RC4"]),
                Item::Apply(Op::Move, vec!["SHA1"]),
                Item::Command,
            ]
        ))
    );
    assert_eq!(items(""), Some((false, vec![])));
    assert_eq!(
        items("  :AES128-SHA:  "),
        Some((false, vec![Item::Apply(Op::Add, vec!["AES128-SHA"])]))
    );
    for broken in [
        "AES/SHA",
        "AES+",
        "!",
        "-:AES",
        "AES128-SHA:/AES256-SHA",
        "//AES",
    ] {
        assert_eq!(items(broken), None, "{broken}");
    }
}

#[test]
fn a_suite_whose_membership_is_unsure_may_be_added_and_is_never_surely_removed() {
    assert!(set("/SHA256")
        .suites
        .contains("ECDHE-RSA-CHACHA20-POLY1305"));
    assert!(set("/CHACHA20:-SHA256")
        .suites
        .contains("ECDHE-RSA-CHACHA20-POLY1305"));
}

#[test]
fn a_slash_is_allowed_only_first() {
    assert!(!misplaced_slash("/AES128-SHA:AES256-SHA"));
    assert!(!misplaced_slash("  /AES128-SHA"));
    assert!(!misplaced_slash("AES128-SHA"));
    assert!(misplaced_slash("AES128-SHA:/AES256-SHA"));
    assert!(misplaced_slash("//AES128-SHA"));
}
