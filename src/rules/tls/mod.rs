//! What the TLS rules share: where a finding about a certificate points, how a certificate
//! is written in a message, and when a server verifies its FT peer (security.md §3).

pub mod factory_ssl_hostname_mismatch;
pub mod ft_ssl_identity_missing;
pub mod handshake_timeout_mismatch;
pub mod tls_cert_expired;
pub mod tls_cert_expiring;
pub mod tls_chain_mismatch;
pub mod tls_cipher_list_unusable;
pub mod tls_expiry_skew;
pub mod tls_identity_mismatch;
pub mod tls_identity_no_key;
pub mod tls_key_mismatch;
pub mod tls_key_no_password;
pub mod tls_no_common_cipher;
pub mod tls_peer_hostname_mismatch;
pub mod tls_peer_untrusted;
pub mod tls_unusable_file;
pub mod tls_wrong_password;

use std::sync::Arc;

use crate::ems::params::Canonical;
use crate::ems::tibemsd::Param;
use crate::ems::tls::CertInfo;
use crate::ems::url::{EmsUrl, Scheme};
use crate::finding::Finding;
use crate::model::ft_link::ft_active;
use crate::model::server::Server;
use crate::model::tls::TlsItem;
use crate::time::date;

/// Adds where an item is: the tibemsd.conf line that names it, then the file it names
/// (the whole file).
pub fn at_item(finding: Finding, server: &Server<'_>, item: &TlsItem<'_>) -> Finding {
    let finding = finding.at(server.side(), server.main(), item.param.line_span.clone());
    match item.file {
        Some(file) => finding.at_file(server.side(), file),
        None => finding,
    }
}

/// Adds several items; a file named by several of them is named once.
pub fn at_items<'t, 'a: 't>(
    mut finding: Finding,
    server: &Server<'_>,
    items: impl IntoIterator<Item = &'t TlsItem<'a>>,
) -> Finding {
    let items: Vec<&TlsItem<'a>> = items.into_iter().collect();
    for item in &items {
        finding = finding.at(server.side(), server.main(), item.param.line_span.clone());
    }
    let mut named: Vec<&crate::source::FileRef> = Vec::new();
    for file in items.iter().filter_map(|i| i.file) {
        if !named.iter().any(|f| Arc::ptr_eq(f, file)) {
            named.push(file);
            finding = finding.at_file(server.side(), file);
        }
    }
    finding
}

/// The items of a server grouped by what they read: one group per file (a file named by
/// several parameters is one group), one per inline value.
pub fn by_source<'t, 'a: 't>(
    items: impl IntoIterator<Item = &'t TlsItem<'a>>,
) -> Vec<Vec<&'t TlsItem<'a>>> {
    let mut groups: Vec<Vec<&TlsItem<'a>>> = Vec::new();
    for item in items {
        let same = groups.iter_mut().find(|g| same_source(g[0], item));
        match same {
            Some(group) => group.push(item),
            None => groups.push(vec![item]),
        }
    }
    groups
}

/// Both items read the same file.
pub fn same_source(a: &TlsItem<'_>, b: &TlsItem<'_>) -> bool {
    match (a.file, b.file) {
        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
        _ => std::ptr::eq(a.param, b.param),
    }
}

/// `` `ssl_server_identity` `` or `` `ssl_server_identity` and `ft_ssl_identity` ``.
pub fn param_names(items: &[&TlsItem<'_>]) -> String {
    let mut names: Vec<String> = Vec::new();
    for item in items {
        let name = format!("`{}`", item.param.key);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" and ")
}

/// The subject as written by OpenSSL's one-line form, or a note when it is empty.
pub fn subject(cert: &CertInfo) -> String {
    if cert.subject.is_empty() {
        "(empty subject)".into()
    } else {
        cert.subject.clone()
    }
}

/// `` `CN=a` (issuer `CN=CA`, valid 2025-01-01 to 2035-01-01) ``
pub fn describe(cert: &CertInfo) -> String {
    format!(
        "`{}` (issuer `{}`, valid {} to {})",
        subject(cert),
        cert.issuer,
        date(cert.not_before),
        date(cert.not_after)
    )
}

/// `` `CN=a` (issuer `CN=CA`) ``
pub fn describe_short(cert: &CertInfo) -> String {
    format!("`{}` (issuer `{}`)", subject(cert), cert.issuer)
}

/// `` `CN=a` (issuer `CN=CA`, SHA-256 AB:…) ``, for rules about which certificate it is.
pub fn describe_with_fingerprint(cert: &CertInfo) -> String {
    format!(
        "`{}` (issuer `{}`, SHA-256 {})",
        subject(cert),
        cert.issuer,
        cert.fingerprint_hex()
    )
}

/// A certificate as lines of a diff.
pub fn cert_block(cert: &CertInfo) -> String {
    let mut block = format!(
        "subject: {}\nissuer:  {}\nvalid:   {} to {}\nsha256:  {}\n",
        subject(cert),
        cert.issuer,
        date(cert.not_before),
        date(cert.not_after),
        cert.fingerprint_hex()
    );
    if !cert.san_dns.is_empty() || !cert.san_ip.is_empty() {
        let sans: Vec<&str> = cert
            .san_dns
            .iter()
            .chain(&cert.san_ip)
            .map(String::as_str)
            .collect();
        block.push_str(&format!("san:     {}\n", sans.join(", ")));
    }
    block
}

/// The server's `ft_active` when it connects to its peer over TLS.
pub fn tls_ft_active<'a>(server: &Server<'a>) -> Option<(&'a Param, EmsUrl<'a>)> {
    ft_active(server).filter(|(_, url)| url.scheme == Scheme::Ssl)
}

/// A boolean that is on unless the file disables it (`ft_ssl_verify_host`,
/// `ft_ssl_verify_hostname`: "By default, this parameter is enabled").
pub fn on_unless_disabled(server: &Server<'_>, name: &str) -> bool {
    !matches!(server.canonical(name), Some(Canonical::Bool(false)))
}

/// The server verifies its peer's certificate when it connects over TLS.
pub fn verifies_peer(server: &Server<'_>) -> bool {
    on_unless_disabled(server, "ft_ssl_verify_host")
}

/// The server requires a certificate from its FT peer: `ssl_require_client_cert` enabled
/// and not restricted to routes by `ssl_require_route_cert_only` (security.md §3.1).
pub fn requires_peer_cert(server: &Server<'_>) -> bool {
    server.flag("ssl_require_client_cert") && !server.flag("ssl_require_route_cert_only")
}

/// EMS compares the host name with the certificate's CN: "a straightforward string
/// comparison" (security.md §3.4), taken here case-insensitively and without a trailing dot.
pub fn cn_matches(cert: &CertInfo, host: &str) -> bool {
    let norm = |s: &str| s.trim().trim_end_matches('.').to_ascii_lowercase();
    let host = norm(host);
    !host.is_empty() && cert.subject_cn.iter().any(|cn| norm(cn) == host)
}

/// The CNs for a message: `` `ems-a.example.com` `` or `no CN`.
pub fn cn_list(cert: &CertInfo) -> String {
    if cert.subject_cn.is_empty() {
        "no CN".into()
    } else {
        let cns: Vec<String> = cert.subject_cn.iter().map(|c| format!("`{c}`")).collect();
        format!("CN {}", cns.join(", "))
    }
}

/// Every certificate a server reads, once per file (a file named by several parameters is
/// one entry), with the items that name the file.
pub fn certs_by_source<'t, 'a>(
    server: &'t Server<'a>,
) -> Vec<(Vec<&'t TlsItem<'a>>, Vec<&'t CertInfo>)> {
    by_source(&server.tls.items)
        .into_iter()
        .map(|group| {
            let mut certs: Vec<&CertInfo> = Vec::new();
            for cert in group.iter().flat_map(|i| i.certs()) {
                if !certs.iter().any(|c| c.sha256 == cert.sha256) {
                    certs.push(cert);
                }
            }
            (group, certs)
        })
        .collect()
}

/// `less than a day`, `1 day`, `12 days`.
pub fn days(seconds: i64) -> String {
    match seconds / 86_400 {
        0 => "less than a day".into(),
        1 => "1 day".into(),
        n => format!("{n} days"),
    }
}

#[cfg(test)]
mod tests {
    //! The TLS rules on pairs written in temporary directories, for the paths the testdata
    //! cases do not take.

    use std::collections::BTreeMap;
    use std::path::Path;

    use crate::finding::Severity;
    use crate::settings::Settings;
    use crate::{lint, Inputs, Report};

    const MANGLED: &str = "$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr";
    /// 2026-11-22
    const NOW: i64 = 1_795_305_600;

    /// A server's tibemsd.conf: the shared certificate on both links, changed by `edits`
    /// (an empty value drops the line; other names are added).
    fn conf(me: &str, peer: &str, edits: &[(&str, &str)]) -> String {
        let mut params: Vec<(String, String)> = [
            ("server", "EMS-ORDERS"),
            ("listen", &format!("ssl://{me}:7243") as &str),
            ("ft_active", &format!("ssl://{peer}:7243")),
            ("ssl_server_identity", "certs/ems.cert.pem"),
            ("ssl_server_key", "certs/ems.key.pem"),
            ("ssl_password", MANGLED),
            ("ssl_server_trusted", "certs/ca.cert.pem"),
            ("ft_ssl_identity", "certs/ems.cert.pem"),
            ("ft_ssl_private_key", "certs/ems.key.pem"),
            ("ft_ssl_password", MANGLED),
            ("ft_ssl_trusted", "certs/ca.cert.pem"),
            ("ft_ssl_expected_hostname", "ems.example.com"),
            ("startup_abort_list", "CONFIG_ERRORS,DB_FILES"),
            ("client_timeout_server_connection", "20"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        for (name, value) in edits {
            match params.iter().position(|(k, _)| k == name) {
                Some(i) if value.is_empty() => {
                    params.remove(i);
                }
                Some(i) => params[i].1 = value.to_string(),
                None => params.push((name.to_string(), value.to_string())),
            }
        }
        params.iter().map(|(k, v)| format!("{k} = {v}\n")).collect()
    }

    /// Writes both servers with every fixture of testdata/tls and testdata/tls/ft in their
    /// certs/ (and `extra` files), and lints them.
    fn lint_pair(
        primary: &[(&str, &str)],
        backup: &[(&str, &str)],
        extra: &[(&str, &[u8])],
    ) -> (tempfile::TempDir, Report) {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tls");
        for (side, me, peer, edits) in [
            ("primary", "ems-a.example.com", "ems-b.example.com", primary),
            ("backup", "ems-b.example.com", "ems-a.example.com", backup),
        ] {
            let certs = dir.path().join(side).join("certs");
            std::fs::create_dir_all(&certs).unwrap();
            for source in [root.clone(), root.join("ft")] {
                for entry in std::fs::read_dir(source).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_file() {
                        std::fs::copy(&path, certs.join(path.file_name().unwrap())).unwrap();
                    }
                }
            }
            for (name, bytes) in extra {
                std::fs::write(certs.join(name), bytes).unwrap();
            }
            std::fs::write(
                dir.path().join(side).join("tibemsd.conf"),
                conf(me, peer, edits),
            )
            .unwrap();
        }
        let settings = Settings {
            now: Some(NOW),
            ..Settings::default()
        };
        let inputs = Inputs {
            primary: dir.path().join("primary"),
            backup: Some(dir.path().join("backup")),
        };
        let report = lint(&inputs, &settings);
        (dir, report)
    }

    /// The TLS findings (FT2xx): rule name → (severity, message) in report order.
    fn tls_findings(report: &Report) -> BTreeMap<&'static str, Vec<(Severity, String)>> {
        let mut out: BTreeMap<&str, Vec<(Severity, String)>> = BTreeMap::new();
        for f in &report.findings {
            if f.rule.code.starts_with("FT2") {
                out.entry(f.rule.name)
                    .or_default()
                    .push((f.severity, f.message.clone()));
            }
        }
        out
    }

    fn fired(report: &Report) -> Vec<&'static str> {
        tls_findings(report).keys().copied().collect()
    }

    #[test]
    fn the_shared_certificate_pair_is_clean() {
        let (_dir, report) = lint_pair(&[], &[], &[]);
        assert!(report.findings.is_empty(), "{:#?}", report.findings);
    }

    #[test]
    fn an_identity_on_one_server_only() {
        let (_d, r) = lint_pair(
            &[],
            &[("ssl_server_identity", ""), ("ssl_server_key", "")],
            &[],
        );
        let found = &tls_findings(&r)["tls-identity-mismatch"];
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .1
            .starts_with("only primary has an ssl_server_identity"));
    }

    #[test]
    fn issuer_chains_are_compared_without_roots() {
        // A root in the chain changes nothing; an intermediate does.
        let (_d, r) = lint_pair(&[("ssl_server_issuer", "certs/ca.cert.pem")], &[], &[]);
        assert!(fired(&r).is_empty(), "{:?}", tls_findings(&r));
        let (_d, r) = lint_pair(&[("ssl_server_issuer", "certs/ems-b.cert.pem")], &[], &[]);
        let found = &tls_findings(&r)["tls-chain-mismatch"];
        assert!(found[0]
            .1
            .starts_with("the ssl_server_identity chains differ: only primary's has `O=emsftlint test, CN=ems-b.example.com`"));
    }

    #[test]
    fn a_key_inside_the_identity_file_is_checked() {
        let mut both = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tls/ft/ems.cert.pem"),
        )
        .unwrap();
        both.extend(
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tls/ft/ems-a.key.pem"),
            )
            .unwrap(),
        );
        let (_d, r) = lint_pair(
            &[
                ("ssl_server_identity", "certs/both.pem"),
                ("ssl_server_key", ""),
            ],
            &[],
            &[("both.pem", &both)],
        );
        let found = &tls_findings(&r)["tls-key-mismatch"];
        assert!(found[0]
            .1
            .starts_with("primary's private key in `ssl_server_identity`"));
    }

    #[test]
    fn files_without_what_their_parameter_needs() {
        let (_d, r) = lint_pair(
            &[
                ("ssl_server_key", "certs/ems.cert.pem"),
                ("ft_ssl_trusted", "certs/ems.key.pem"),
                ("ssl_server_trusted", "certs/garbage.bin"),
                ("ssl_server_issuer", "certs/ber.der"),
            ],
            &[],
            &[
                ("garbage.bin", b"\x00\x01\x02"),
                ("ber.der", b"\x30\x80\x00\x00"),
            ],
        );
        let found = &tls_findings(&r)["tls-unusable-file"];
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.ends_with("ems.cert.pem (`ssl_server_key`) holds no private key")),
            "{messages:?}"
        );
        assert!(messages
            .iter()
            .any(|m| m.ends_with("(`ft_ssl_trusted`) holds no certificate")));
        assert!(messages
            .iter()
            .any(|m| m.ends_with("(`ssl_server_trusted`) holds no certificate or private key: it is not PEM, DER, PKCS#7 or PKCS#12")));
        let ber = found
            .iter()
            .find(|(_, m)| m.contains("ssl_server_issuer"))
            .unwrap();
        assert_eq!(ber.0, Severity::Info);
        assert!(ber.1.contains("is not checked: emsftlint cannot read BER"));
    }

    #[test]
    fn a_file_named_twice_is_read_once_and_reported_once() {
        let (dir, r) = lint_pair(
            &[
                ("ssl_server_trusted", "certs/truststore.jks"),
                ("ft_ssl_trusted", "certs/truststore.jks"),
            ],
            &[],
            &[],
        );
        let found = &tls_findings(&r)["tls-unusable-file"];
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .1
            .contains("(`ssl_server_trusted` and `ft_ssl_trusted`) is a Java keystore"));
        // Both lines, then the file once.
        let finding = r.findings.iter().find(|f| f.rule.code == "FT206").unwrap();
        assert_eq!(finding.locations.len(), 3);
        let files = crate::model::read::read_server(
            crate::finding::Side::Primary,
            &dir.path().join("primary"),
            &Settings::default(),
            &crate::model::read::reader_for(&[&dir.path().join("primary")], &Settings::default()),
        );
        let jks: Vec<_> = files
            .named
            .iter()
            .filter(|n| n.file.display.ends_with("truststore.jks"))
            .collect();
        assert_eq!(jks.len(), 2);
        assert!(std::sync::Arc::ptr_eq(&jks[0].file, &jks[1].file));
    }

    #[test]
    fn the_peer_verifies_the_certificate_a_server_presents() {
        let (_d, r) = lint_pair(
            &[
                ("ft_ssl_identity", "certs/ems-other.cert.pem"),
                ("ft_ssl_private_key", "certs/ems-other.key.pem"),
            ],
            &[],
            &[],
        );
        let found = &tls_findings(&r)["tls-peer-untrusted"];
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .1
            .starts_with("primary presents its ft_ssl_identity"));
        // Required, and nothing to verify it with.
        let (_d, r) = lint_pair(
            &[],
            &[
                ("ssl_server_trusted", ""),
                ("ssl_require_client_cert", "enabled"),
            ],
            &[],
        );
        let found = &tls_findings(&r)["tls-peer-untrusted"];
        assert!(found[0]
            .1
            .starts_with("backup requires a certificate from primary"));
        // Restricted to routes: no finding.
        let (_d, r) = lint_pair(
            &[("ft_ssl_identity", ""), ("ft_ssl_private_key", "")],
            &[
                ("ssl_require_client_cert", "enabled"),
                ("ssl_require_route_cert_only", "enabled"),
            ],
            &[],
        );
        assert!(
            !fired(&r).contains(&"ft-ssl-identity-missing"),
            "{:?}",
            fired(&r)
        );
    }

    #[test]
    fn nothing_is_verified_with_verify_host_disabled() {
        let (_d, r) = lint_pair(
            &[
                ("ft_ssl_verify_host", "disabled"),
                ("ft_ssl_expected_hostname", "elsewhere.example.com"),
            ],
            &[
                ("ssl_server_identity", "certs/ems-other.cert.pem"),
                ("ssl_server_key", "certs/ems-other.key.pem"),
            ],
            &[],
        );
        assert_eq!(fired(&r), ["tls-identity-mismatch"]);
    }

    #[test]
    fn the_cn_is_compared_and_a_host_less_ft_active_is_not_checked() {
        let (_d, r) = lint_pair(
            &[("ft_ssl_expected_hostname", "EMS.example.com.")],
            &[
                ("ft_active", "ssl://7243"),
                ("ft_ssl_expected_hostname", ""),
            ],
            &[],
        );
        assert!(!fired(&r).contains(&"tls-peer-hostname-mismatch"));
        let (_d, r) = lint_pair(
            &[
                ("ft_ssl_verify_hostname", "disabled"),
                ("ft_ssl_expected_hostname", "x"),
            ],
            &[],
            &[],
        );
        assert!(fired(&r).is_empty());
    }

    #[test]
    fn a_wrong_pkcs12_password_is_one_finding() {
        let (_d, r) = lint_pair(
            &[
                ("ssl_server_identity", "certs/ems.p12"),
                ("ssl_server_key", "certs/ems.p12"),
                ("ssl_password", "wrong"),
            ],
            &[],
            &[],
        );
        assert_eq!(fired(&r), ["tls-wrong-password"]);
        let found = &tls_findings(&r)["tls-wrong-password"];
        assert!(found[0].1.starts_with("`ssl_password` does not decrypt "));
        assert!(found[0]
            .1
            .ends_with("primary/certs/ems.p12 (`ssl_server_identity` and `ssl_server_key`)"));
        let finding = r.findings.iter().find(|f| f.rule.code == "FT204").unwrap();
        // The two lines, the file, the password's line.
        assert_eq!(finding.locations.len(), 4);
    }

    #[test]
    fn a_corrupt_mangled_password_is_left_to_invalid_value() {
        let (_d, r) = lint_pair(&[("ssl_password", "$man$!!")], &[], &[]);
        assert!(fired(&r).is_empty(), "{:?}", tls_findings(&r));
        assert!(r.findings.iter().any(|f| f.rule.name == "invalid-value"));
    }

    #[test]
    fn binary_files_are_not_text() {
        let (_d, r) = lint_pair(
            &[
                ("ft_ssl_identity", "certs/ems.cert.der"),
                ("ft_ssl_private_key", "certs/ems.key.p8"),
            ],
            &[],
            &[],
        );
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
    }

    #[test]
    fn an_inline_private_key_is_never_shown() {
        let key = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/tls/server.pkcs8.pem"),
        )
        .unwrap();
        let one_line = key.split_whitespace().collect::<Vec<_>>().join(" ");
        let (_d, r) = lint_pair(
            &[("ft_ssl_private_key", &one_line), ("ft_ssl_password", "")],
            &[],
            &[],
        );
        assert_eq!(fired(&r), ["tls-key-mismatch"]);
        let shown = crate::render::human::render(
            &r,
            crate::render::Style {
                color: false,
                width: 100,
            },
        );
        let secret_part = key.lines().nth(3).unwrap();
        assert!(shown.contains("ft_ssl_private_key"), "{shown}");
        assert!(!shown.contains(secret_part), "{shown}");
        let json = crate::render::json::render(&r);
        assert!(!json.contains(secret_part));
    }

    #[test]
    fn the_warning_window_is_a_setting() {
        let edits = [
            ("ssl_server_identity", "certs/ems-expiring.cert.pem"),
            ("ssl_server_key", "certs/ems-expiring.key.pem"),
            ("ft_ssl_identity", "certs/ems-expiring.cert.pem"),
            ("ft_ssl_private_key", "certs/ems-expiring.key.pem"),
        ];
        let (_d, r) = lint_pair(&edits, &edits, &[]);
        assert_eq!(tls_findings(&r)["tls-cert-expiring"].len(), 2);
        let settings = Settings {
            now: Some(NOW),
            tls: crate::settings::TlsOptions {
                expiry_warning_days: 10,
            },
            ..Settings::default()
        };
        let (d, _) = lint_pair(&edits, &edits, &[]);
        let r = lint(
            &Inputs {
                primary: d.path().join("primary"),
                backup: Some(d.path().join("backup")),
            },
            &settings,
        );
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
    }

    #[test]
    fn a_factory_that_does_not_verify_host_names_is_not_checked() {
        let (d, _) = lint_pair(&[("factories", "factories.conf")], &[], &[]);
        let factory = "[F]\n  type = generic\n  url = ssl://ems-a.example.com:7243,ssl://ems-b.example.com:7243\n  ssl_expected_hostname = ems-a.example.com\n";
        std::fs::write(d.path().join("primary/factories.conf"), factory).unwrap();
        let settings = Settings {
            now: Some(NOW),
            ..Settings::default()
        };
        let run = || {
            lint(
                &Inputs {
                    primary: d.path().join("primary"),
                    backup: None,
                },
                &settings,
            )
        };
        assert_eq!(fired(&run()), ["factory-ssl-hostname-mismatch"]);
        std::fs::write(
            d.path().join("primary/factories.conf"),
            format!("{factory}  ssl_verify_hostname = disabled\n"),
        )
        .unwrap();
        assert!(fired(&run()).is_empty());
    }
}
