//! A certificate or key parameter whose content the EMS server cannot use: a Java keystore
//! ("The EMS server uses OpenSSL to read private keys. It does not read Java KeyStore
//! files", EMS 8.6 https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-55D6A2DF-565C-40A2-924B-6F47A38A2192.html),
//! a file that is not PEM, DER, PKCS#7 or PKCS#12 (the formats of "File Names for
//! Certificates and Keys", EMS 8.6 GUID-04DDF612-E275-4C3E-9071-69F82922B57A), corrupt
//! data, or a file without what the parameter needs (a certificate for `*_identity`,
//! `*_issuer` and `*_trusted`, a private key for `ssl_server_key` and `ft_ssl_private_key`).
//! A format this linter cannot decrypt (but OpenSSL may) is an info: it is not checked.

use crate::ems::tls::TlsError;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::tls::TlsItem;
use crate::model::tls_slot::Kind;
use crate::model::Pair;
use crate::rules::tls::{at_items, param_names, same_source};

pub static META: RuleMeta = RuleMeta {
    code: "FT206",
    name: "tls-unusable-file",
    severity: Severity::Error,
    category: "tls",
    summary:
        "a certificate or key file the EMS server cannot read, or without what its parameter needs",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        // The items of one file with the same problem make one finding.
        let mut groups: Vec<(Vec<&TlsItem<'_>>, Severity, String)> = Vec::new();
        for item in &server.tls.items {
            let Some((severity, problem)) = problem(item) else {
                continue;
            };
            match groups
                .iter_mut()
                .find(|(items, _, p)| *p == problem && same_source(items[0], item))
            {
                Some((items, _, _)) => items.push(item),
                None => groups.push((vec![item], severity, problem)),
            }
        }
        for (items, severity, problem) in groups {
            let first = items[0];
            let message = format!(
                "{} ({}) {problem}",
                first.source_name(),
                param_names(&items)
            );
            let help = match (severity, &first.error) {
                (Severity::Info, _) => "convert the file to PEM (`openssl pkcs12 -in F -nodes`, `openssl pkey -in F`) to have it checked",
                (_, Some(TlsError::JavaKeystore)) => "export the keystore's certificates (and key) to PKCS#12 with `keytool -importkeystore -deststoretype PKCS12`, or to PEM",
                _ => "name a PEM, DER, PKCS#7 or PKCS#12 file that holds what the parameter needs",
            };
            let finding = Finding::new(&META, message)
                .about("file", first.source_name().to_string())
                .severity(severity)
                .help(help);
            out.push(at_items(finding, server, items));
        }
    }
}

fn problem(item: &TlsItem<'_>) -> Option<(Severity, String)> {
    let error = |s: &str| Some((Severity::Error, s.to_string()));
    match &item.error {
        Some(TlsError::WrongPassword) => None,
        Some(TlsError::JavaKeystore) => {
            error("is a Java keystore (JKS or JCEKS), which the EMS server cannot read")
        }
        Some(TlsError::NotACertificateOrKey) => {
            error("holds no certificate or private key: it is not PEM, DER, PKCS#7 or PKCS#12")
        }
        Some(TlsError::Corrupt(what)) => Some((Severity::Error, format!("is corrupt: {what}"))),
        Some(TlsError::UnsupportedEncryption(what)) => Some((
            Severity::Info,
            format!("is not checked: emsftlint cannot read {what}"),
        )),
        None if item.locked() => None,
        None => match item.role.kind() {
            Kind::Key if item.keys().is_empty() => error("holds no private key"),
            Kind::Identity | Kind::Issuer | Kind::Trusted if item.certs().is_empty() => {
                error("holds no certificate")
            }
            _ => None,
        },
    }
}
