//! Certificates and private keys in every format the EMS server reads: PEM (several blocks,
//! traditional `Proc-Type`/`DEK-Info` encryption), DER, PKCS#8 (plain, PBES1, PBES2, PKCS#12
//! PBE), PKCS#7 certificate bundles and PKCS#12. The format is found from the content; the file
//! extension is only a hint (<https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-04DDF612-E275-4C3E-9071-69F82922B57A.html>).
//! Java keystores are recognised and refused, as the EMS server does
//! (<https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-55D6A2DF-565C-40A2-924B-6F47A38A2192.html>).
//!
//! Private keys are never kept: only their public half is.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, InnerIvInit, KeyInit, KeyIvInit};
use md5::Md5;
use pkcs8::der::asn1::{Any, BitString, ObjectIdentifier};
use pkcs8::der::{Decode, Encode};
use pkcs8::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use sha1::Sha1;
use sha2::digest::core_api::BlockSizeUser;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
use x509_parser::prelude::{GeneralName, X509Certificate};

mod chain;
pub mod ciphers;
mod der;
mod key;
mod pbe;
mod pem_text;
mod pkcs12;
mod pkcs7;
mod text;

use chain::*;
use der::*;
use key::*;
use pbe::*;
use pem_text::*;
use pkcs12::*;
use pkcs7::*;
use text::*;

/// One X.509 certificate.
#[derive(Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// Subject distinguished name, e.g. `C=US, O=Example, CN=ems1.example.com`.
    pub subject: String,
    pub issuer: String,
    /// Serial number in upper-case hex without leading zero bytes, as `openssl x509 -serial`.
    pub serial: String,
    /// Unix seconds.
    pub not_before: i64,
    pub not_after: i64,
    /// SHA-256 of the DER certificate (what `openssl x509 -fingerprint -sha256` shows).
    pub sha256: [u8; 32],
    pub subject_cn: Vec<String>,
    pub san_dns: Vec<String>,
    pub san_ip: Vec<String>,
    /// Basic constraints `CA:TRUE`.
    pub is_ca: bool,
    /// Key usage names (`digitalSignature`, `keyEncipherment`, …); `None` without the extension.
    pub key_usage: Option<Vec<String>>,
    /// Extended key usage names (`serverAuth`, `clientAuth`, … or a dotted OID).
    pub ext_key_usage: Option<Vec<String>>,
    /// e.g. `RSA 2048`, `EC P-256`, `Ed25519`.
    pub key_algorithm: String,
    /// SubjectPublicKeyInfo DER.
    pub public_key_der: Vec<u8>,
    pub der: Vec<u8>,
}

impl CertInfo {
    /// Parses one DER certificate (trailing bytes, as in OpenSSL's `TRUSTED CERTIFICATE`, are
    /// ignored).
    pub fn from_der(der: &[u8]) -> Result<CertInfo, TlsError> {
        let (rest, cert) = x509_parser::parse_x509_certificate(der)
            .map_err(|e| TlsError::Corrupt(format!("bad X.509 certificate: {e}")))?;
        let used = der.len().saturating_sub(rest.len());
        let der = der.get(..used).unwrap_or(der).to_vec();
        let mut san_dns = Vec::new();
        let mut san_ip = Vec::new();
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for name in &san.value.general_names {
                match name {
                    GeneralName::DNSName(s) => san_dns.push((*s).to_string()),
                    GeneralName::IPAddress(b) => {
                        if let Some(ip) = ip_from_bytes(b) {
                            san_ip.push(ip.to_string());
                        }
                    }
                    _ => {}
                }
            }
        }
        let key_usage = cert.key_usage().ok().flatten().map(|ku| {
            let k = ku.value;
            [
                (k.digital_signature(), "digitalSignature"),
                (k.non_repudiation(), "nonRepudiation"),
                (k.key_encipherment(), "keyEncipherment"),
                (k.data_encipherment(), "dataEncipherment"),
                (k.key_agreement(), "keyAgreement"),
                (k.key_cert_sign(), "keyCertSign"),
                (k.crl_sign(), "cRLSign"),
                (k.encipher_only(), "encipherOnly"),
                (k.decipher_only(), "decipherOnly"),
            ]
            .iter()
            .filter(|(set, _)| *set)
            .map(|(_, name)| (*name).to_string())
            .collect()
        });
        let ext_key_usage = cert.extended_key_usage().ok().flatten().map(|eku| {
            let e = eku.value;
            let mut names: Vec<String> = [
                (e.any, "anyExtendedKeyUsage"),
                (e.server_auth, "serverAuth"),
                (e.client_auth, "clientAuth"),
                (e.code_signing, "codeSigning"),
                (e.email_protection, "emailProtection"),
                (e.time_stamping, "timeStamping"),
                (e.ocsp_signing, "OCSPSigning"),
            ]
            .iter()
            .filter(|(set, _)| *set)
            .map(|(_, name)| (*name).to_string())
            .collect();
            names.extend(e.other.iter().map(|oid| oid.to_id_string()));
            names
        });
        let public_key_der = cert.public_key().raw.to_vec();
        Ok(CertInfo {
            subject: cert.subject().to_string(),
            issuer: cert.issuer().to_string(),
            serial: serial_hex(cert.raw_serial()),
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
            sha256: Sha256::digest(&der).into(),
            subject_cn: cert
                .subject()
                .iter_common_name()
                .filter_map(|cn| cn.as_str().ok().map(str::to_string))
                .collect(),
            san_dns,
            san_ip,
            is_ca: matches!(cert.basic_constraints(), Ok(Some(bc)) if bc.value.ca),
            key_usage,
            ext_key_usage,
            key_algorithm: PubKey::from_spki(&public_key_der)
                .map_or_else(|| "unknown".to_string(), |k| k.describe()),
            public_key_der,
            der,
        })
    }

    /// `AA:BB:…`, upper-case, as `openssl x509 -fingerprint -sha256`.
    pub fn fingerprint_hex(&self) -> String {
        let hex: Vec<String> = self.sha256.iter().map(|b| format!("{b:02X}")).collect();
        hex.join(":")
    }

    /// RFC 6125 host-name check: SAN DNS names (a `*` leftmost label matches exactly one
    /// label), SAN IP addresses, and the subject CN only when there is no SAN of that kind.
    /// Case-insensitive; a trailing dot is ignored. The EMS server itself compares the CN only
    /// (<https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-6168AED4-033B-439E-9B89-F33899FE71C1.html>).
    pub fn matches_hostname(&self, host: &str) -> bool {
        let host = host.trim();
        let bare = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        if let Ok(ip) = bare.parse::<IpAddr>() {
            if self.san_ip.iter().any(|s| s.parse::<IpAddr>() == Ok(ip)) {
                return true;
            }
            return self.san_ip.is_empty()
                && self.san_dns.is_empty()
                && self
                    .subject_cn
                    .iter()
                    .any(|cn| cn.parse::<IpAddr>() == Ok(ip));
        }
        let host = host.strip_suffix('.').unwrap_or(host);
        if host.is_empty() {
            return false;
        }
        if !self.san_dns.is_empty() {
            return self.san_dns.iter().any(|p| dns_name_matches(p, host));
        }
        self.subject_cn.iter().any(|p| dns_name_matches(p, host))
    }

    /// Subject and issuer are the same name.
    pub fn is_self_issued(&self) -> bool {
        self.subject == self.issuer
    }
}

impl fmt::Debug for CertInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertInfo")
            .field("subject", &self.subject)
            .field("issuer", &self.issuer)
            .field("serial", &self.serial)
            .field("not_before", &self.not_before)
            .field("not_after", &self.not_after)
            .field("sha256", &self.fingerprint_hex())
            .field("san_dns", &self.san_dns)
            .field("san_ip", &self.san_ip)
            .field("is_ca", &self.is_ca)
            .field("key_algorithm", &self.key_algorithm)
            .finish_non_exhaustive()
    }
}

/// The public half of a private key that was read. No private material is kept.
#[derive(Clone, PartialEq, Eq)]
pub enum KeyInfo {
    Rsa {
        bits: usize,
        public_key_der: Vec<u8>,
    },
    /// `curve` is `P-256`, `P-384`, `P-521`, `secp256k1` or a dotted OID. The public key is
    /// unknown when the file omits it and the curve is neither P-256 nor P-384.
    Ec {
        curve: String,
        public_key_der: Option<Vec<u8>>,
    },
    Ed25519 {
        public_key_der: Vec<u8>,
    },
    /// DSA, Ed448, X25519, … : recognised, public key not derived.
    Other {
        algorithm: String,
    },
}

impl KeyInfo {
    /// SubjectPublicKeyInfo DER, to compare with [`CertInfo::public_key_der`].
    pub fn public_key_der(&self) -> Option<&[u8]> {
        match self {
            KeyInfo::Rsa { public_key_der, .. } | KeyInfo::Ed25519 { public_key_der } => {
                Some(public_key_der)
            }
            KeyInfo::Ec { public_key_der, .. } => public_key_der.as_deref(),
            KeyInfo::Other { .. } => None,
        }
    }

    /// e.g. `RSA 2048`, `EC P-256`.
    pub fn describe(&self) -> String {
        match self {
            KeyInfo::Rsa { bits, .. } => format!("RSA {bits}"),
            KeyInfo::Ec { curve, .. } => format!("EC {curve}"),
            KeyInfo::Ed25519 { .. } => "Ed25519".to_string(),
            KeyInfo::Other { algorithm } => algorithm.clone(),
        }
    }
}

impl fmt::Debug for KeyInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spki = self
            .public_key_der()
            .map(|d| {
                let h = Sha256::digest(d);
                h.iter()
                    .take(8)
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>()
            })
            .unwrap_or_else(|| "unknown".to_string());
        write!(f, "KeyInfo({}, spki sha256 {spki}…)", self.describe())
    }
}

/// What a file was found to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PEM text (whatever its blocks hold, PKCS#7 included).
    Pem,
    /// One binary DER certificate or key.
    Der,
    Pkcs12,
    /// Binary DER PKCS#7 (`.p7b`).
    Pkcs7,
    JavaKeystore,
    Unknown,
}

/// Everything read from one file or inline value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    pub format: Format,
    /// In file order (for PKCS#12, in bag order).
    pub certs: Vec<CertInfo>,
    pub keys: Vec<KeyInfo>,
    /// An encrypted key was skipped because no password was given.
    pub encrypted_key_without_password: bool,
    /// PKCS#12 only: encrypted certificate bags were skipped because no password was given
    /// (the empty password did not open them).
    pub encrypted_certs_without_password: bool,
    /// Labels of PEM blocks that hold neither certificate nor key (`X509 CRL`, …).
    pub ignored_blocks: Vec<String>,
}

impl Bundle {
    fn new(format: Format) -> Bundle {
        Bundle {
            format,
            certs: Vec::new(),
            keys: Vec::new(),
            encrypted_key_without_password: false,
            encrypted_certs_without_password: false,
            ignored_blocks: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.certs.is_empty()
            && self.keys.is_empty()
            && !self.encrypted_key_without_password
            && !self.encrypted_certs_without_password
    }
}

/// Why a file could not be read. Messages never contain passwords or key material.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TlsError {
    NotACertificateOrKey,
    WrongPassword,
    UnsupportedEncryption(String),
    JavaKeystore,
    Corrupt(String),
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TlsError::NotACertificateOrKey => {
                f.write_str("no certificate or private key found (not PEM, DER, PKCS#7 or PKCS#12)")
            }
            TlsError::WrongPassword => {
                f.write_str("wrong password: the private key or PKCS#12 file cannot be decrypted")
            }
            TlsError::UnsupportedEncryption(what) => write!(f, "cannot read {what}"),
            TlsError::JavaKeystore => f.write_str(
                "this is a Java keystore (JKS/JCEKS), which the EMS server cannot read; \
                 convert it to PEM or PKCS#12",
            ),
            TlsError::Corrupt(what) => write!(f, "corrupt certificate or key data: {what}"),
        }
    }
}

impl std::error::Error for TlsError {}

/// Sniffs the format from the content alone.
pub fn detect_format(bytes: &[u8]) -> Format {
    if bytes.starts_with(&[0xFE, 0xED, 0xFE, 0xED]) || bytes.starts_with(&[0xCE, 0xCE, 0xCE, 0xCE])
    {
        return Format::JavaKeystore;
    }
    if let Some(kind) = sniff_der(bytes) {
        return match kind {
            DerKind::Pkcs12 => Format::Pkcs12,
            DerKind::Pkcs7 => Format::Pkcs7,
            _ => Format::Der,
        };
    }
    if find(bytes, b"-----BEGIN ").is_some() {
        return Format::Pem;
    }
    Format::Unknown
}

/// Reads every certificate and private key in `bytes` (a file's content or an inline PEM
/// parameter value). `password` opens encrypted keys and PKCS#12 files; without it, encrypted
/// keys are skipped and flagged. A wrong password fails the whole read; call again without a
/// password to still get the certificates.
pub fn read_bundle(bytes: &[u8], password: Option<&str>) -> Result<Bundle, TlsError> {
    let bundle = match detect_format(bytes) {
        Format::JavaKeystore => return Err(TlsError::JavaKeystore),
        Format::Unknown if bytes.starts_with(&[0x30, 0x80]) => {
            return Err(TlsError::UnsupportedEncryption(
                "BER indefinite-length encoding (re-export the file as DER or PEM)".into(),
            ))
        }
        Format::Unknown => return Err(TlsError::NotACertificateOrKey),
        Format::Pem => read_pem(bytes, password)?,
        Format::Pkcs12 => read_pkcs12(bytes, password)?,
        Format::Pkcs7 => {
            let mut b = Bundle::new(Format::Pkcs7);
            b.certs = read_pkcs7(bytes)?;
            b
        }
        Format::Der => {
            let mut b = Bundle::new(Format::Der);
            read_der_item(bytes, password, &mut b)?;
            b
        }
    };
    if bundle.is_empty() {
        return Err(TlsError::NotACertificateOrKey);
    }
    Ok(bundle)
}

/// The key is the private half of the certificate's public key.
pub fn key_matches_cert(key: &KeyInfo, cert: &CertInfo) -> bool {
    match (
        key.public_key_der(),
        PubKey::from_spki(&cert.public_key_der),
    ) {
        (Some(spki), Some(cert_key)) => PubKey::from_spki(spki) == Some(cert_key),
        _ => false,
    }
}

/// `leaf` chains through `intermediates` (and `trusted`) to a self-issued certificate of
/// `trusted`: each issuer name must match and each signature must verify. As in OpenSSL's
/// default verification (no partial chains), a trusted intermediate alone is not enough.
/// Signatures whose algorithm is not checked here (RSA-PSS, DSA, P-521, …) pass on the name
/// match alone.
pub fn chains_to(leaf: &CertInfo, intermediates: &[CertInfo], trusted: &[CertInfo]) -> bool {
    let mut budget = 10_000usize;
    let mut path = vec![leaf.sha256];
    chain_walk(leaf, intermediates, trusted, &mut path, &mut budget)
}

#[cfg(test)]
mod tests;
