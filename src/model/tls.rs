//! The TLS part of one server: every certificate and key its tibemsd.conf names, read once
//! with the key password that applies (security.md §3).
//!
//! The server-side parameters (`ssl_server_identity`, `ssl_server_key`, `ssl_server_issuer`,
//! `ssl_server_trusted`) are opened with `ssl_password`; the ones the server uses when it
//! connects to its FT peer (`ft_ssl_identity`, `ft_ssl_private_key`, `ft_ssl_issuer`,
//! `ft_ssl_trusted`) with `ft_ssl_password` (EMS 8.7 users-guide ssl-password.htm,
//! ft-ssl-password.htm). A value that starts with `-----BEGIN` is PEM written in the parameter
//! itself ("You can specify the actual key in this parameter", ft-ssl-private-key.htm).
//! Passwords are un-mangled here and dropped once the files are read; only what identifies
//! a certificate or a key's public half is kept.

use crate::ems::secret::{self, Secret};
use crate::ems::tibemsd::Param;
use crate::ems::tls::{self, Bundle, CertInfo, Format, KeyInfo, TlsError};
use crate::model::files::ServerFiles;
use crate::model::tls_slot::{is_inline_pem, Kind, Link, Slot};
use crate::source::FileRef;

/// The key password of one link, as the file gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Password {
    /// Not in the file: it may be given on the command line (`-ssl_password`, security.md §1.1).
    Absent,
    Given,
    /// A `$man$` value that cannot be un-mangled: invalid-value reports it.
    Corrupt,
}

/// One TLS parameter line in force and what was read from it.
#[derive(Debug)]
pub struct TlsItem<'a> {
    pub role: Slot,
    pub param: &'a Param,
    /// The file it names; `None` for PEM written in the value.
    pub file: Option<&'a FileRef>,
    /// What could be read: with the password, or without it when the password was wrong
    /// (the certificates of a PEM file are still there).
    pub bundle: Option<Bundle>,
    pub error: Option<TlsError>,
    /// The state of the link's password when the item was read.
    pub password: Password,
}

impl TlsItem<'_> {
    pub fn certs(&self) -> &[CertInfo] {
        self.bundle.as_ref().map_or(&[], |b| &b.certs)
    }

    pub fn keys(&self) -> &[KeyInfo] {
        self.bundle.as_ref().map_or(&[], |b| &b.keys)
    }

    /// The file's name as shown, or the parameter for inline PEM.
    pub fn source_name(&self) -> String {
        match self.file {
            Some(f) => f.display.clone(),
            None => format!("the PEM written in `{}`", self.param.key),
        }
    }

    /// An encrypted key or PKCS#12 content was skipped for want of a password.
    pub fn locked(&self) -> bool {
        self.bundle
            .as_ref()
            .is_some_and(|b| b.encrypted_key_without_password || b.encrypted_certs_without_password)
    }

    pub fn format(&self) -> Option<Format> {
        self.bundle.as_ref().map(|b| b.format)
    }
}

/// A server's certificate for one link: the leaf, its chain and its key.
#[derive(Debug)]
pub struct Identity<'t, 'a> {
    pub item: &'t TlsItem<'a>,
    pub leaf: &'t CertInfo,
    /// The other certificates of the identity file, then those of the issuer parameters,
    /// in order.
    pub chain: Vec<&'t CertInfo>,
    /// The private key and where it was read, when one could be.
    pub key: Option<(&'t TlsItem<'a>, &'t KeyInfo)>,
}

/// Every TLS parameter of one server, read.
#[derive(Debug, Default)]
pub struct Tls<'a> {
    /// In tibemsd.conf order: every value of a repeatable parameter, the value in force of
    /// the others. A parameter whose file could not be read is left out (missing-file
    /// reports it).
    pub items: Vec<TlsItem<'a>>,
    /// Roles with a parameter in force whose file could not be read.
    pub unread: Vec<Slot>,
    pub ssl_password: Option<&'a Param>,
    pub ft_ssl_password: Option<&'a Param>,
}

impl<'a> Tls<'a> {
    /// Reads every TLS parameter of `files`; the files themselves were read by `read_server`.
    pub fn read(files: &'a ServerFiles) -> Tls<'a> {
        let conf = &files.conf;
        let mut tls = Tls {
            items: Vec::new(),
            unread: Vec::new(),
            ssl_password: conf.get(Link::Server.password_param()),
            ft_ssl_password: conf.get(Link::Ft.password_param()),
        };
        let passwords = [Link::Server, Link::Ft].map(|link| password(tls.password_param(link)));
        for (index, param) in conf.params.iter().enumerate() {
            let Some(role) = Slot::from_param(&param.name) else {
                continue;
            };
            let in_force = if repeatable(role) {
                !param.is_empty()
            } else {
                conf.get(&param.name)
                    .is_some_and(|p| std::ptr::eq(p, param))
            };
            if !in_force {
                continue;
            }
            let (state, secret) = match role.link() {
                Link::Server => &passwords[0],
                Link::Ft => &passwords[1],
            };
            let (file, bytes) = if is_inline_pem(&param.value) {
                (None, inline_pem(&param.value))
            } else {
                let named = files
                    .named
                    .iter()
                    .find(|n| n.param == index && n.read.is_ok());
                match named.and_then(|n| n.file.bytes.as_ref().map(|b| (&n.file, b))) {
                    Some((file, bytes)) => (Some(file), bytes.clone()),
                    None => {
                        tls.unread.push(role);
                        continue;
                    }
                }
            };
            let (bundle, error) = read(&bytes, secret.as_ref());
            tls.items.push(TlsItem {
                role,
                param,
                file,
                bundle,
                error,
                password: *state,
            });
        }
        tls
    }

    pub fn password_param(&self, link: Link) -> Option<&'a Param> {
        match link {
            Link::Server => self.ssl_password,
            Link::Ft => self.ft_ssl_password,
        }
    }

    /// The items of one role, in file order.
    pub fn of(&self, role: Slot) -> impl Iterator<Item = &TlsItem<'a>> {
        self.items.iter().filter(move |i| i.role == role)
    }

    /// Every parameter of `role` in force was read in full: its files exist, decrypted,
    /// and hold what they should.
    pub fn complete(&self, role: Slot) -> bool {
        !self.unread.contains(&role) && self.of(role).all(|i| i.error.is_none() && !i.locked())
    }

    /// The certificates of every item of `role`.
    pub fn certs(&self, role: Slot) -> Vec<&CertInfo> {
        self.of(role).flat_map(|i| i.certs()).collect()
    }

    /// The identity of `link`: the certificate the server presents, its chain and key.
    /// `None` when the identity parameter is not set or no certificate could be read.
    pub fn identity(&self, link: Link) -> Option<Identity<'_, 'a>> {
        let item = self.of(Slot::of(link, Kind::Identity)).last()?;
        let key_item = self.of(Slot::of(link, Kind::Key)).last();
        let key = match key_item {
            Some(k) => k.keys().first().map(|key| (k, key)),
            None => item.keys().first().map(|key| (item, key)),
        };
        let certs = item.certs();
        let leaf = key
            .and_then(|(_, k)| certs.iter().find(|c| tls::key_matches_cert(k, c)))
            .or_else(|| certs.iter().find(|c| !c.is_ca))
            .or_else(|| certs.first())?;
        let mut chain: Vec<&CertInfo> = certs.iter().filter(|c| *c != leaf).collect();
        chain.extend(self.certs(Slot::of(link, Kind::Issuer)));
        Some(Identity {
            item,
            leaf,
            chain,
            key,
        })
    }
}

/// `ssl_server_issuer` and `ssl_server_trusted` add up; the others take the last value,
/// as the parameter catalog says.
fn repeatable(role: Slot) -> bool {
    crate::ems::params::lookup(role.param()).is_some_and(|s| s.repeatable)
}

fn password(param: Option<&Param>) -> (Password, Option<Secret>) {
    match param.map(|p| secret::reveal(&p.value)) {
        None | Some(Ok(None)) => (Password::Absent, None),
        Some(Ok(Some(secret))) => (Password::Given, Some(secret)),
        Some(Err(_)) => (Password::Corrupt, None),
    }
}

/// Reads with the password; when it is wrong, reads again without it so that the
/// certificates are still known.
fn read(bytes: &[u8], password: Option<&Secret>) -> (Option<Bundle>, Option<TlsError>) {
    match tls::read_bundle(bytes, password.map(Secret::expose)) {
        Ok(bundle) => (Some(bundle), None),
        Err(TlsError::WrongPassword) => (
            tls::read_bundle(bytes, None).ok(),
            Some(TlsError::WrongPassword),
        ),
        Err(e) => (None, Some(e)),
    }
}

/// PEM in a one-line parameter value: the blocks' lines may be joined by spaces or by
/// literal `\n`. Each marker goes on a line of its own, and the base64 between markers is
/// split at white space.
fn inline_pem(value: &str) -> Vec<u8> {
    let value = value.replace("\\n", "\n");
    let mut out = String::with_capacity(value.len() + 64);
    let mut rest = value.as_str();
    while let Some(start) = rest.find("-----") {
        let before = &rest[..start];
        push_words(&mut out, before);
        let after = &rest[start + 5..];
        let Some(end) = after.find("-----") else {
            push_words(&mut out, rest);
            rest = "";
            break;
        };
        out.push_str("-----");
        out.push_str(after[..end].trim());
        out.push_str("-----\n");
        rest = &after[end + 5..];
    }
    push_words(&mut out, rest);
    out.into_bytes()
}

fn push_words(out: &mut String, text: &str) {
    for word in text.split_whitespace() {
        out.push_str(word);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_pem_is_split_into_lines() {
        let pem = String::from_utf8(
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/testdata/tls/ca.cert.pem"
            ))
            .unwrap(),
        )
        .unwrap();
        let one_line = pem.split_whitespace().collect::<Vec<_>>().join(" ");
        let b = tls::read_bundle(&inline_pem(&one_line), None).unwrap();
        assert_eq!(b.certs.len(), 1);
        let escaped = pem.trim_end().replace('\n', "\\n");
        let b = tls::read_bundle(&inline_pem(&escaped), None).unwrap();
        assert_eq!(b.certs[0].subject_cn, ["Test RSA CA"]);
        assert!(tls::read_bundle(&inline_pem("-----BEGIN CERTIFICATE----- abc"), None).is_err());
    }
}
