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

// ---------------------------------------------------------------------------------------------
// PEM

fn read_pem(bytes: &[u8], password: Option<&str>) -> Result<Bundle, TlsError> {
    let blocks =
        pem::parse_many(bytes).map_err(|e| TlsError::Corrupt(format!("bad PEM block: {e}")))?;
    let mut bundle = Bundle::new(Format::Pem);
    for block in &blocks {
        let der = block.contents();
        match block.tag() {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                bundle.certs.push(CertInfo::from_der(der)?)
            }
            "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => bundle.certs.extend(read_pkcs7(der)?),
            "PRIVATE KEY"
            | "RSA PRIVATE KEY"
            | "EC PRIVATE KEY"
            | "DSA PRIVATE KEY"
            | "ENCRYPTED PRIVATE KEY" => {
                let encrypted = block
                    .headers()
                    .get("Proc-Type")
                    .is_some_and(|v| v.contains("ENCRYPTED"));
                let plain;
                let der = if encrypted {
                    let Some(pw) = password else {
                        bundle.encrypted_key_without_password = true;
                        continue;
                    };
                    let dek = block.headers().get("DEK-Info").ok_or_else(|| {
                        TlsError::Corrupt("encrypted PEM key without DEK-Info".into())
                    })?;
                    plain = decrypt_traditional(dek, pw, der)?;
                    &plain[..]
                } else {
                    der
                };
                let key = match block.tag() {
                    "PRIVATE KEY" => key_from_pkcs8(der),
                    "RSA PRIVATE KEY" => key_from_pkcs1(der),
                    "EC PRIVATE KEY" => key_from_sec1(der, None),
                    "DSA PRIVATE KEY" if sniff_der(der) == Some(DerKind::DsaKey) => {
                        Ok(KeyInfo::Other {
                            algorithm: "DSA".into(),
                        })
                    }
                    "DSA PRIVATE KEY" => Err(TlsError::Corrupt("bad DSA private key".into())),
                    _ => match password {
                        None => {
                            bundle.encrypted_key_without_password = true;
                            continue;
                        }
                        Some(pw) => decrypt_pkcs8(der, pw).and_then(|d| key_from_pkcs8(&d)),
                    },
                };
                match key {
                    Ok(k) => bundle.keys.push(k),
                    Err(TlsError::Corrupt(_)) if encrypted => return Err(TlsError::WrongPassword),
                    Err(e) => return Err(e),
                }
            }
            other => bundle.ignored_blocks.push(other.to_string()),
        }
    }
    Ok(bundle)
}

/// OpenSSL "traditional" PEM encryption: key = EVP_BytesToKey(MD5, salt = first 8 IV bytes,
/// one iteration), IV from `DEK-Info` (OpenSSL `pem_lib.c`).
fn decrypt_traditional(dek_info: &str, password: &str, data: &[u8]) -> Result<Vec<u8>, TlsError> {
    let (cipher, iv_hex) = dek_info
        .split_once(',')
        .ok_or_else(|| TlsError::Corrupt("bad DEK-Info header".into()))?;
    let cipher = cipher.trim().to_ascii_uppercase();
    let iv = hex_decode(iv_hex.trim())
        .ok_or_else(|| TlsError::Corrupt("bad IV in DEK-Info header".into()))?;
    let salt = iv
        .get(..8)
        .ok_or_else(|| TlsError::Corrupt("IV in DEK-Info header too short".into()))?;
    let pw = password.as_bytes();
    let out = match cipher.as_str() {
        "AES-128-CBC" => cbc_decrypt::<aes::Aes128>(&evp_bytes_to_key(pw, salt, 16), &iv, data),
        "AES-192-CBC" => cbc_decrypt::<aes::Aes192>(&evp_bytes_to_key(pw, salt, 24), &iv, data),
        "AES-256-CBC" => cbc_decrypt::<aes::Aes256>(&evp_bytes_to_key(pw, salt, 32), &iv, data),
        "DES-EDE3-CBC" => cbc_decrypt::<des::TdesEde3>(&evp_bytes_to_key(pw, salt, 24), &iv, data),
        "DES-EDE-CBC" => cbc_decrypt::<des::TdesEde2>(&evp_bytes_to_key(pw, salt, 16), &iv, data),
        "DES-CBC" => cbc_decrypt::<des::Des>(&evp_bytes_to_key(pw, salt, 8), &iv, data),
        _ => {
            return Err(TlsError::UnsupportedEncryption(format!(
                "a PEM key encrypted with {cipher}"
            )))
        }
    };
    out.ok_or(TlsError::WrongPassword)
}

fn evp_bytes_to_key(password: &[u8], salt: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 16);
    let mut prev: Vec<u8> = Vec::new();
    while out.len() < len {
        prev = Md5::new()
            .chain_update(&prev)
            .chain_update(password)
            .chain_update(salt)
            .finalize()
            .to_vec();
        out.extend_from_slice(&prev);
    }
    out.truncate(len);
    out
}

/// CBC with PKCS#7 padding; `None` on bad key/IV length or bad padding.
fn cbc_decrypt<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Option<Vec<u8>>
where
    C: BlockDecryptMut + cbc::cipher::BlockCipher + KeyInit,
{
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .ok()?
        .decrypt_padded_vec_mut::<Pkcs7>(data)
        .ok()
}

fn rc2_cbc_decrypt(key: &[u8], effective_bits: usize, iv: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let cipher = rc2::Rc2::new_with_eff_key_len(key, effective_bits);
    cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, iv)
        .ok()?
        .decrypt_padded_vec_mut::<Pkcs7>(data)
        .ok()
}

// ---------------------------------------------------------------------------------------------
// DER sniffing

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DerKind {
    Certificate,
    Pkcs12,
    Pkcs7,
    EncryptedPkcs8,
    Pkcs8,
    Pkcs1,
    Sec1,
    DsaKey,
}

const OID_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
const OID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

/// Classifies a DER object by the tags of its first elements (ASN.1 structures in
/// security.md §3.3).
fn sniff_der(bytes: &[u8]) -> Option<DerKind> {
    let (tag, body, _) = tlv(bytes)?;
    if tag != 0x30 {
        return None;
    }
    let (t1, v1, rest) = tlv(body)?;
    let (t2, v2, rest) = tlv(rest)?;
    match (t1, t2) {
        (0x30, 0x30) => Some(DerKind::Certificate),
        (0x30, 0x04) => Some(DerKind::EncryptedPkcs8),
        (0x06, 0xA0) if v1 == OID_SIGNED_DATA => Some(DerKind::Pkcs7),
        (0x02, 0x30) if v1 == [3] => {
            let (t, oid, _) = tlv(v2)?;
            (t == 0x06 && oid == OID_DATA).then_some(DerKind::Pkcs12)
        }
        (0x02, 0x30) if v1 == [0] || v1 == [1] => Some(DerKind::Pkcs8),
        (0x02, 0x04) if v1 == [1] => Some(DerKind::Sec1),
        (0x02, 0x02) if v1 == [0] => {
            let mut count = 2;
            let mut rest = rest;
            while let Some((0x02, _, r)) = tlv(rest) {
                count += 1;
                rest = r;
            }
            Some(if count == 6 {
                DerKind::DsaKey
            } else {
                DerKind::Pkcs1
            })
        }
        _ => None,
    }
}

/// One DER TLV: (tag, value, rest). Definite lengths only.
fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *input.first()?;
    if tag & 0x1F == 0x1F {
        return None;
    }
    let first = *input.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for b in input.get(2..2 + n)? {
            len = (len << 8) | usize::from(*b);
        }
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    Some((tag, input.get(header..end)?, input.get(end..)?))
}

/// (tag, value, whole element).
type Element<'a> = (u8, &'a [u8], &'a [u8]);

/// All elements of a constructed value.
fn items(mut value: &[u8]) -> Option<Vec<Element<'_>>> {
    let mut out = Vec::new();
    while !value.is_empty() {
        let (tag, v, rest) = tlv(value)?;
        let whole = value.get(..value.len().checked_sub(rest.len())?)?;
        out.push((tag, v, whole));
        value = rest;
    }
    Some(out)
}

/// OCTET STRING content, primitive (`04`/`80`) or BER-constructed from chunks (`24`/`A0`).
fn octet_string(tag: u8, value: &[u8]) -> Option<Vec<u8>> {
    match tag {
        0x04 | 0x80 => Some(value.to_vec()),
        0x24 | 0xA0 => items(value)?
            .into_iter()
            .map(|(t, v, _)| (t == 0x04).then_some(v))
            .collect::<Option<Vec<_>>>()
            .map(|chunks| chunks.concat()),
        _ => None,
    }
}

/// `AlgorithmIdentifier` value → (dotted OID, parameters element or empty).
fn algorithm_identifier(v: &[u8]) -> Option<(String, &[u8])> {
    let (0x06, oid, rest) = tlv(v)? else {
        return None;
    };
    Some((oid_string(oid), rest))
}

fn oid_string(value: &[u8]) -> String {
    ObjectIdentifier::from_bytes(value)
        .map(|o| o.to_string())
        .unwrap_or_default()
}

/// A non-negative INTEGER of at most 8 bytes.
fn der_uint(value: &[u8]) -> Option<u64> {
    if value.first()? & 0x80 != 0 {
        return None;
    }
    let mut bytes = value;
    while let Some((0, rest)) = bytes.split_first() {
        bytes = rest;
    }
    if bytes.len() > 8 {
        return None;
    }
    Some(bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b)))
}

fn read_der_item(bytes: &[u8], password: Option<&str>, b: &mut Bundle) -> Result<(), TlsError> {
    let Some(kind) = sniff_der(bytes) else {
        return Err(TlsError::NotACertificateOrKey);
    };
    match kind {
        DerKind::Certificate => b.certs.push(CertInfo::from_der(bytes)?),
        DerKind::EncryptedPkcs8 => match password {
            None => b.encrypted_key_without_password = true,
            Some(pw) => b.keys.push(key_from_pkcs8(&decrypt_pkcs8(bytes, pw)?)?),
        },
        DerKind::Pkcs8 => b.keys.push(key_from_pkcs8(bytes)?),
        DerKind::Pkcs1 => b.keys.push(key_from_pkcs1(bytes)?),
        DerKind::Sec1 => b.keys.push(key_from_sec1(bytes, None)?),
        DerKind::DsaKey => b.keys.push(KeyInfo::Other {
            algorithm: "DSA".into(),
        }),
        DerKind::Pkcs12 | DerKind::Pkcs7 => return Err(TlsError::NotACertificateOrKey),
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Private keys

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

fn algorithm_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10040.4.1" => "DSA".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.113549.1.3.1" => "DH".into(),
        other => format!("key algorithm {other}"),
    }
}

fn curve_name(oid: &ObjectIdentifier) -> String {
    match *oid {
        OID_P256 => "P-256".into(),
        OID_P384 => "P-384".into(),
        OID_P521 => "P-521".into(),
        OID_SECP256K1 => "secp256k1".into(),
        _ => oid.to_string(),
    }
}

fn key_from_pkcs8(der: &[u8]) -> Result<KeyInfo, TlsError> {
    let info = pkcs8::PrivateKeyInfo::try_from(der)
        .map_err(|e| TlsError::Corrupt(format!("bad PKCS#8 private key: {e}")))?;
    let oid = info.algorithm.oid;
    if oid == OID_RSA || oid == OID_RSA_PSS {
        key_from_pkcs1(info.private_key)
    } else if oid == OID_EC_PUBLIC_KEY {
        let curve = info
            .algorithm
            .parameters_oid()
            .map_err(|_| TlsError::Corrupt("EC key without a named curve".into()))?;
        key_from_sec1(info.private_key, Some(curve))
    } else if oid == OID_ED25519 {
        let seed = match tlv(info.private_key) {
            Some((0x04, seed, _)) => seed,
            _ => return Err(TlsError::Corrupt("bad Ed25519 private key".into())),
        };
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| TlsError::Corrupt("bad Ed25519 private key length".into()))?;
        let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
        Ok(KeyInfo::Ed25519 {
            public_key_der: encode_spki(OID_ED25519, None, public.as_bytes())?,
        })
    } else {
        Ok(KeyInfo::Other {
            algorithm: algorithm_name(&oid),
        })
    }
}

fn key_from_pkcs1(der: &[u8]) -> Result<KeyInfo, TlsError> {
    let key = pkcs1::RsaPrivateKey::try_from(der)
        .map_err(|e| TlsError::Corrupt(format!("bad RSA private key: {e}")))?;
    let public = pkcs1::RsaPublicKey {
        modulus: key.modulus,
        public_exponent: key.public_exponent,
    };
    let public = public
        .to_der()
        .map_err(|e| TlsError::Corrupt(format!("bad RSA private key: {e}")))?;
    Ok(KeyInfo::Rsa {
        bits: bit_len(key.modulus.as_bytes()),
        public_key_der: encode_spki(OID_RSA, Some(Any::null()), &public)?,
    })
}

/// SEC1 `ECPrivateKey`; `curve` comes from the PKCS#8 wrapper when there is one.
fn key_from_sec1(der: &[u8], curve: Option<ObjectIdentifier>) -> Result<KeyInfo, TlsError> {
    let key = sec1::EcPrivateKey::try_from(der)
        .map_err(|e| TlsError::Corrupt(format!("bad EC private key: {e}")))?;
    let derive = |curve| match curve {
        OID_P256 => p256::SecretKey::from_slice(key.private_key)
            .ok()
            .map(|k| sec1_point_p256(&k.public_key())),
        OID_P384 => p384::SecretKey::from_slice(key.private_key)
            .ok()
            .map(|k| sec1_point_p384(&k.public_key())),
        _ => None,
    };
    // Without parameters (a SEC1 key cut out of PKCS#8), the curve whose public point matches
    // the one stored in the key is the curve.
    let curve = curve
        .or_else(|| key.parameters.and_then(|p| p.named_curve()))
        .or_else(|| {
            let stored = key.public_key?;
            [OID_P256, OID_P384]
                .into_iter()
                .find(|c| derive(*c).as_deref() == Some(stored))
        })
        .ok_or_else(|| TlsError::Corrupt("EC key without a named curve".into()))?;
    let derived = derive(curve);
    let point = derived.or_else(|| key.public_key.map(<[u8]>::to_vec));
    let public_key_der = match point {
        Some(p) => Some(encode_spki(
            OID_EC_PUBLIC_KEY,
            Some(
                Any::encode_from(&curve)
                    .map_err(|e| TlsError::Corrupt(format!("bad curve: {e}")))?,
            ),
            &p,
        )?),
        None => None,
    };
    Ok(KeyInfo::Ec {
        curve: curve_name(&curve),
        public_key_der,
    })
}

fn sec1_point_p256(k: &p256::PublicKey) -> Vec<u8> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    k.to_encoded_point(false).as_bytes().to_vec()
}

fn sec1_point_p384(k: &p384::PublicKey) -> Vec<u8> {
    use p384::elliptic_curve::sec1::ToEncodedPoint;
    k.to_encoded_point(false).as_bytes().to_vec()
}

fn encode_spki(
    oid: ObjectIdentifier,
    parameters: Option<Any>,
    key: &[u8],
) -> Result<Vec<u8>, TlsError> {
    let spki = SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned { oid, parameters },
        subject_public_key: BitString::from_bytes(key)
            .map_err(|e| TlsError::Corrupt(format!("bad public key: {e}")))?,
    };
    spki.to_der()
        .map_err(|e| TlsError::Corrupt(format!("bad public key: {e}")))
}

/// A public key reduced to what identifies it, so that encoding differences (RSA-PSS vs RSA
/// algorithm OID, compressed EC points) do not matter.
#[derive(Debug, PartialEq, Eq)]
enum PubKey {
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    Ec {
        curve: ObjectIdentifier,
        point: Vec<u8>,
    },
    Other {
        oid: ObjectIdentifier,
        key: Vec<u8>,
    },
}

impl PubKey {
    fn from_spki(der: &[u8]) -> Option<PubKey> {
        let spki = SubjectPublicKeyInfoRef::try_from(der).ok()?;
        let oid = spki.algorithm.oid;
        let key = spki.subject_public_key.as_bytes()?;
        if oid == OID_RSA || oid == OID_RSA_PSS {
            let k = pkcs1::RsaPublicKey::try_from(key).ok()?;
            return Some(PubKey::Rsa {
                n: k.modulus.as_bytes().to_vec(),
                e: k.public_exponent.as_bytes().to_vec(),
            });
        }
        if oid == OID_EC_PUBLIC_KEY {
            let curve = spki.algorithm.parameters_oid().ok()?;
            let point = match curve {
                OID_P256 => p256::PublicKey::from_sec1_bytes(key)
                    .ok()
                    .map(|k| sec1_point_p256(&k)),
                OID_P384 => p384::PublicKey::from_sec1_bytes(key)
                    .ok()
                    .map(|k| sec1_point_p384(&k)),
                _ => None,
            };
            return Some(PubKey::Ec {
                curve,
                point: point.unwrap_or_else(|| key.to_vec()),
            });
        }
        Some(PubKey::Other {
            oid,
            key: key.to_vec(),
        })
    }

    fn describe(&self) -> String {
        match self {
            PubKey::Rsa { n, .. } => format!("RSA {}", bit_len(n)),
            PubKey::Ec { curve, .. } => format!("EC {}", curve_name(curve)),
            PubKey::Other { oid, .. } if *oid == OID_ED25519 => "Ed25519".into(),
            PubKey::Other { oid, .. } => algorithm_name(oid),
        }
    }
}

fn bit_len(be: &[u8]) -> usize {
    let mut bytes = be;
    while let Some((0, rest)) = bytes.split_first() {
        bytes = rest;
    }
    match bytes.first() {
        Some(b) => bytes.len() * 8 - b.leading_zeros() as usize,
        None => 0,
    }
}

// ---------------------------------------------------------------------------------------------
// Password-based decryption (PKCS#8, PKCS#12)

/// Iteration counts above this are refused rather than spun on.
const MAX_ITERATIONS: u64 = 10_000_000;

const OID_PBES2: &str = "1.2.840.113549.1.5.13";

fn decrypt_pkcs8(der: &[u8], password: &str) -> Result<Vec<u8>, TlsError> {
    let bad = || TlsError::Corrupt("bad encrypted PKCS#8 key".into());
    let (_, epki, _) = tlv(der).ok_or_else(bad)?;
    let [(0x30, alg, _), (0x04, data, _), ..] = items(epki).ok_or_else(bad)?[..] else {
        return Err(bad());
    };
    let (oid, params) = algorithm_identifier(alg).ok_or_else(bad)?;
    let plain = pbe_decrypt(&oid, params, password, data)?;
    // A wrong password that happens to leave valid padding shows up here.
    if sniff_der(&plain) != Some(DerKind::Pkcs8) {
        return Err(TlsError::WrongPassword);
    }
    Ok(plain)
}

/// PBES2 (PBKDF2/scrypt + AES/3DES/DES), PBES1 (MD5/SHA-1 + DES/RC2) and the PKCS#12 PBE
/// schemes (SHA-1 + 3DES/RC2). `params` is the parameters' whole DER element.
fn pbe_decrypt(oid: &str, params: &[u8], password: &str, data: &[u8]) -> Result<Vec<u8>, TlsError> {
    use pkcs8::pkcs5;
    if oid == OID_PBES2 {
        let params = pkcs5::pbes2::Parameters::from_der(params)
            .map_err(|e| TlsError::UnsupportedEncryption(format!("this PBES2 encryption ({e})")))?;
        check_pbes2_cost(&params)?;
        return pkcs5::EncryptionScheme::Pbes2(params)
            .decrypt(password, data)
            .map_err(|e| match e {
                pkcs5::Error::DecryptFailed | pkcs5::Error::EncryptFailed => {
                    TlsError::WrongPassword
                }
                pkcs5::Error::UnsupportedAlgorithm { oid } => {
                    TlsError::UnsupportedEncryption(format!("PBES2 with algorithm {oid}"))
                }
                other => TlsError::Corrupt(other.to_string()),
            });
    }
    let bad = || TlsError::Corrupt("bad encryption parameters".into());
    let (_, pbe, _) = tlv(params).ok_or_else(bad)?;
    let (salt, iterations) = match items(pbe).ok_or_else(bad)?[..] {
        [(0x04, salt, _), (0x02, it, _), ..] => (salt, der_uint(it).ok_or_else(bad)?.max(1)),
        _ => return Err(bad()),
    };
    if iterations > MAX_ITERATIONS {
        return Err(TlsError::UnsupportedEncryption(format!(
            "an iteration count of {iterations}"
        )));
    }
    let pw = password.as_bytes();
    let out = match oid {
        // PKCS#5 v1.5 PBES1 with PBKDF1 (RFC 8018 §6.1).
        "1.2.840.113549.1.5.3"
        | "1.2.840.113549.1.5.6"
        | "1.2.840.113549.1.5.10"
        | "1.2.840.113549.1.5.11" => {
            let dk = if oid.ends_with(".3") || oid.ends_with(".6") {
                pbkdf1::<Md5>(pw, salt, iterations)
            } else {
                pbkdf1::<Sha1>(pw, salt, iterations)
            };
            let (key, iv) = (dk.get(..8).unwrap_or(&[]), dk.get(8..16).unwrap_or(&[]));
            if oid.ends_with(".3") || oid.ends_with(".10") {
                cbc_decrypt::<des::Des>(key, iv, data)
            } else {
                rc2_cbc_decrypt(key, 64, iv, data)
            }
        }
        // RFC 7292 appendix C.
        "1.2.840.113549.1.12.1.3"
        | "1.2.840.113549.1.12.1.4"
        | "1.2.840.113549.1.12.1.5"
        | "1.2.840.113549.1.12.1.6" => {
            let key_len = match oid {
                "1.2.840.113549.1.12.1.3" => 24,
                "1.2.840.113549.1.12.1.6" => 5,
                _ => 16,
            };
            let pw = bmp_password(password);
            let key = p12_kdf::<Sha1>(&pw, salt, 1, iterations, key_len);
            let iv = p12_kdf::<Sha1>(&pw, salt, 2, iterations, 8);
            match oid {
                "1.2.840.113549.1.12.1.3" => cbc_decrypt::<des::TdesEde3>(&key, &iv, data),
                "1.2.840.113549.1.12.1.4" => cbc_decrypt::<des::TdesEde2>(&key, &iv, data),
                "1.2.840.113549.1.12.1.5" => rc2_cbc_decrypt(&key, 128, &iv, data),
                _ => rc2_cbc_decrypt(&key, 40, &iv, data),
            }
        }
        "1.2.840.113549.1.12.1.1" | "1.2.840.113549.1.12.1.2" => {
            return Err(TlsError::UnsupportedEncryption(
                "RC4 encryption (pbeWithSHAAnd128BitRC4/40BitRC4)".into(),
            ))
        }
        "1.2.840.113549.1.5.1" | "1.2.840.113549.1.5.4" => {
            return Err(TlsError::UnsupportedEncryption(
                "MD2-based PBES1 encryption".into(),
            ))
        }
        _ => {
            return Err(TlsError::UnsupportedEncryption(format!(
                "encryption algorithm {oid}"
            )))
        }
    };
    out.ok_or(TlsError::WrongPassword)
}

fn check_pbes2_cost(params: &pkcs8::pkcs5::pbes2::Parameters<'_>) -> Result<(), TlsError> {
    match &params.kdf {
        pkcs8::pkcs5::pbes2::Kdf::Pbkdf2(p) if u64::from(p.iteration_count) > MAX_ITERATIONS => {
            Err(TlsError::UnsupportedEncryption(format!(
                "an iteration count of {}",
                p.iteration_count
            )))
        }
        // OpenSSL refuses scrypt above 32 MiB (128 * r * N) unless told otherwise.
        pkcs8::pkcs5::pbes2::Kdf::Scrypt(p)
            if p.parallelization > 16
                || 128u64
                    .saturating_mul(u64::from(p.block_size))
                    .saturating_mul(p.cost_parameter)
                    > 64 << 20 =>
        {
            Err(TlsError::UnsupportedEncryption(
                "scrypt parameters this large".into(),
            ))
        }
        _ => Ok(()),
    }
}

fn pbkdf1<D: Digest>(password: &[u8], salt: &[u8], iterations: u64) -> Vec<u8> {
    let mut t = D::new()
        .chain_update(password)
        .chain_update(salt)
        .finalize()
        .to_vec();
    for _ in 1..iterations {
        t = D::digest(&t).to_vec();
    }
    t
}

/// RFC 7292 appendix B.2 key derivation; `id` 1 = key, 2 = IV, 3 = MAC key.
fn p12_kdf<D>(password: &[u8], salt: &[u8], id: u8, iterations: u64, len: usize) -> Vec<u8>
where
    D: Digest + BlockSizeUser,
{
    let v = D::block_size();
    let fill = |src: &[u8]| -> Vec<u8> {
        src.iter()
            .cycle()
            .take(v * src.len().div_ceil(v))
            .copied()
            .collect()
    };
    let mut i = fill(salt);
    i.extend(fill(password));
    let diversifier = vec![id; v];
    let mut out = Vec::with_capacity(len);
    loop {
        let mut a = D::new()
            .chain_update(&diversifier)
            .chain_update(&i)
            .finalize();
        for _ in 1..iterations {
            a = D::digest(&a);
        }
        out.extend_from_slice(&a);
        if out.len() >= len || a.is_empty() {
            out.truncate(len);
            return out;
        }
        // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes.
        let b: Vec<u8> = a.iter().cycle().take(v).copied().collect();
        for block in i.chunks_mut(v) {
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum.to_be_bytes()[1];
                carry = sum >> 8;
            }
        }
    }
}

/// RFC 7292 appendix B.1: BMPString, big-endian, with a trailing NUL.
fn bmp_password(password: &str) -> Vec<u8> {
    let mut out: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    out.extend_from_slice(&[0, 0]);
    out
}

// ---------------------------------------------------------------------------------------------
// PKCS#12 (RFC 7292)

const OID_PKCS7_DATA: &str = "1.2.840.113549.1.7.1";
const OID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
const OID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";

struct MacData<'a> {
    digest_oid: String,
    digest: &'a [u8],
    salt: &'a [u8],
    iterations: u64,
}

fn read_pkcs12(bytes: &[u8], password: Option<&str>) -> Result<Bundle, TlsError> {
    let bad = |what: &str| TlsError::Corrupt(format!("bad PKCS#12 file ({what})"));
    let (_, pfx, _) = tlv(bytes).ok_or_else(|| bad("truncated"))?;
    let parts = items(pfx).ok_or_else(|| bad("truncated"))?;
    let [(0x02, _version, _), (0x30, auth_safe, _), ref rest @ ..] = parts[..] else {
        return Err(bad("not a PFX"));
    };
    let (content_type, content) = content_info(auth_safe).ok_or_else(|| bad("authSafe"))?;
    if content_type != OID_PKCS7_DATA {
        return Err(TlsError::UnsupportedEncryption(
            "a PKCS#12 file in public-key integrity mode".into(),
        ));
    }
    let auth_safe = content
        .and_then(|(tag, value, _)| octet_string(tag, value))
        .ok_or_else(|| bad("authSafe content"))?;
    let mac = match rest.first() {
        Some((0x30, m, _)) => Some(mac_data(m).ok_or_else(|| bad("macData"))?),
        _ => None,
    };

    // OpenSSL tries the given password, and without one the empty password.
    let mut effective = password;
    match &mac {
        Some(mac) if !mac_supported(mac) => {}
        Some(mac) => {
            let candidate = password.unwrap_or("");
            if mac_verifies(mac, candidate, &auth_safe) {
                effective = Some(candidate);
            } else if password.is_some() {
                return Err(TlsError::WrongPassword);
            }
        }
        None if password.is_none() => effective = Some(""),
        None => {}
    }

    let guessed = password.is_none();
    let mut bundle = Bundle::new(Format::Pkcs12);
    let (_, safe, _) = tlv(&auth_safe).ok_or_else(|| bad("authenticatedSafe"))?;
    for (tag, ci, _) in items(safe).ok_or_else(|| bad("authenticatedSafe"))? {
        if tag != 0x30 {
            return Err(bad("authenticatedSafe"));
        }
        let (ct, content) = content_info(ci).ok_or_else(|| bad("contentInfo"))?;
        match ct.as_str() {
            OID_PKCS7_DATA => {
                let data = content
                    .and_then(|(tag, value, _)| octet_string(tag, value))
                    .ok_or_else(|| bad("data"))?;
                read_safe_contents(&data, effective, guessed, &mut bundle, 0)?;
            }
            OID_ENCRYPTED_DATA => {
                let Some(pw) = effective else {
                    bundle.encrypted_certs_without_password = true;
                    continue;
                };
                let (oid, params, data) = content
                    .and_then(|(_, ed, _)| encrypted_content(ed))
                    .ok_or_else(|| bad("encryptedData"))?;
                // Garbage with valid padding is a wrong password too.
                let plain =
                    pbe_decrypt(&oid, params, pw, &data).and_then(|plain| match tlv(&plain) {
                        Some((0x30, _, _)) => Ok(plain),
                        _ => Err(TlsError::WrongPassword),
                    });
                match plain {
                    Err(TlsError::WrongPassword) if password.is_none() => {
                        bundle.encrypted_certs_without_password = true;
                    }
                    plain => read_safe_contents(&plain?, effective, guessed, &mut bundle, 0)?,
                }
            }
            OID_ENVELOPED_DATA => {
                return Err(TlsError::UnsupportedEncryption(
                    "a PKCS#12 file encrypted with a public key".into(),
                ))
            }
            _ => {}
        }
    }
    Ok(bundle)
}

/// `ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }`.
fn content_info(v: &[u8]) -> Option<(String, Option<Element<'_>>)> {
    let parts = items(v)?;
    let (0x06, oid, _) = *parts.first()? else {
        return None;
    };
    let content = match parts.get(1) {
        Some((0xA0, explicit, _)) => Some(*items(explicit)?.first()?),
        _ => None,
    };
    Some((oid_string(oid), content))
}

/// `EncryptedData` → (algorithm OID, parameters element, ciphertext).
fn encrypted_content(ed: &[u8]) -> Option<(String, &[u8], Vec<u8>)> {
    let [(0x02, _, _), (0x30, eci, _), ..] = items(ed)?[..] else {
        return None;
    };
    let [(0x06, _, _), (0x30, alg, _), (tag, data, _), ..] = items(eci)?[..] else {
        return None;
    };
    let (oid, params) = algorithm_identifier(alg)?;
    Some((oid, params, octet_string(tag, data)?))
}

fn mac_data(v: &[u8]) -> Option<MacData<'_>> {
    let parts = items(v)?;
    let [(0x30, digest_info, _), (0x04, salt, _), ..] = parts[..] else {
        return None;
    };
    let iterations = match parts.get(2) {
        Some((0x02, it, _)) => der_uint(it)?,
        _ => 1,
    };
    let [(0x30, alg, _), (0x04, digest, _)] = items(digest_info)?[..] else {
        return None;
    };
    Some(MacData {
        digest_oid: algorithm_identifier(alg)?.0,
        digest,
        salt,
        iterations: iterations.max(1),
    })
}

/// `guessed`: `password` is the empty password tried for a caller who gave none.
fn read_safe_contents(
    der: &[u8],
    password: Option<&str>,
    guessed: bool,
    bundle: &mut Bundle,
    depth: usize,
) -> Result<(), TlsError> {
    let bad = || TlsError::Corrupt("bad PKCS#12 bag".into());
    let (_, safe_contents, _) = tlv(der).ok_or_else(bad)?;
    for (_, bag, _) in items(safe_contents).ok_or_else(bad)? {
        let [(0x06, bag_id, _), (0xA0, explicit, _), ..] = items(bag).ok_or_else(bad)?[..] else {
            return Err(bad());
        };
        let Some(&(_, value, whole)) = items(explicit).ok_or_else(bad)?.first() else {
            return Err(bad());
        };
        match oid_string(bag_id).as_str() {
            "1.2.840.113549.1.12.10.1.1" => bundle.keys.push(key_from_pkcs8(whole)?),
            "1.2.840.113549.1.12.10.1.2" => match password.map(|pw| decrypt_pkcs8(whole, pw)) {
                None => bundle.encrypted_key_without_password = true,
                Some(Err(TlsError::WrongPassword)) if guessed => {
                    bundle.encrypted_key_without_password = true
                }
                Some(plain) => bundle.keys.push(key_from_pkcs8(&plain?)?),
            },
            "1.2.840.113549.1.12.10.1.3" => {
                let [(0x06, cert_id, _), (0xA0, cert, _), ..] = items(value).ok_or_else(bad)?[..]
                else {
                    return Err(bad());
                };
                if oid_string(cert_id) == "1.2.840.113549.1.9.22.1" {
                    let (tag, der, _) = tlv(cert).ok_or_else(bad)?;
                    let der = octet_string(tag, der).ok_or_else(bad)?;
                    bundle.certs.push(CertInfo::from_der(&der)?);
                }
            }
            "1.2.840.113549.1.12.10.1.6" if depth < 4 => {
                read_safe_contents(whole, password, guessed, bundle, depth + 1)?
            }
            _ => {}
        }
    }
    Ok(())
}

/// MAC digests this module checks; for others (PBMAC1, SHA-512/t, …) decryption decides.
fn mac_supported(mac: &MacData<'_>) -> bool {
    matches!(
        mac.digest_oid.as_str(),
        "1.3.14.3.2.26"
            | "2.16.840.1.101.3.4.2.4"
            | "2.16.840.1.101.3.4.2.1"
            | "2.16.840.1.101.3.4.2.2"
            | "2.16.840.1.101.3.4.2.3"
    )
}

/// RFC 7292 appendix B: HMAC keyed with the PKCS#12 KDF (ID 3) of the BMP password.
fn mac_verifies(mac: &MacData<'_>, password: &str, data: &[u8]) -> bool {
    fn check<D: Digest + BlockSizeUser>(mac: &MacData<'_>, pw: &[u8], data: &[u8]) -> bool {
        use hmac::Mac;
        let size = <D as Digest>::output_size();
        let key = p12_kdf::<D>(pw, mac.salt, 3, mac.iterations, size);
        match <hmac::SimpleHmac<D> as Mac>::new_from_slice(&key) {
            Ok(m) => m.chain_update(data).verify_slice(mac.digest).is_ok(),
            Err(_) => false,
        }
    }
    if mac.iterations > MAX_ITERATIONS {
        return false;
    }
    let pw = bmp_password(password);
    match mac.digest_oid.as_str() {
        "1.3.14.3.2.26" => check::<Sha1>(mac, &pw, data),
        "2.16.840.1.101.3.4.2.4" => check::<Sha224>(mac, &pw, data),
        "2.16.840.1.101.3.4.2.1" => check::<Sha256>(mac, &pw, data),
        "2.16.840.1.101.3.4.2.2" => check::<Sha384>(mac, &pw, data),
        "2.16.840.1.101.3.4.2.3" => check::<Sha512>(mac, &pw, data),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// PKCS#7

/// Certificates of a PKCS#7/CMS SignedData (`certificates [0] IMPLICIT SET OF`), each kept
/// byte for byte so that fingerprints match.
fn read_pkcs7(der: &[u8]) -> Result<Vec<CertInfo>, TlsError> {
    let bad = || TlsError::Corrupt("bad PKCS#7 structure (BER or truncated?)".into());
    let (_, content_info, _) = tlv(der).ok_or_else(bad)?;
    let (_, oid, rest) = tlv(content_info).ok_or_else(bad)?;
    if oid != OID_SIGNED_DATA {
        return Err(TlsError::UnsupportedEncryption(
            "a PKCS#7 file that is not SignedData".into(),
        ));
    }
    let (_, explicit, _) = tlv(rest).ok_or_else(bad)?;
    let (_, signed_data, _) = tlv(explicit).ok_or_else(bad)?;
    // version, digestAlgorithms, encapContentInfo, then optional [0] certificates.
    let mut rest = signed_data;
    for _ in 0..3 {
        rest = tlv(rest).ok_or_else(bad)?.2;
    }
    let mut certs = Vec::new();
    if let Some((0xA0, mut set, _)) = tlv(rest) {
        while !set.is_empty() {
            let (tag, _, next) = tlv(set).ok_or_else(bad)?;
            let whole = set
                .get(..set.len().saturating_sub(next.len()))
                .ok_or_else(bad)?;
            if tag == 0x30 {
                certs.push(CertInfo::from_der(whole)?);
            }
            set = next;
        }
    }
    Ok(certs)
}

// ---------------------------------------------------------------------------------------------
// Chains and signatures

fn chain_walk(
    cert: &CertInfo,
    intermediates: &[CertInfo],
    trusted: &[CertInfo],
    path: &mut Vec<[u8; 32]>,
    budget: &mut usize,
) -> bool {
    if cert.is_self_issued() && trusted.iter().any(|t| t.sha256 == cert.sha256) {
        return true;
    }
    if path.len() > 10 {
        return false;
    }
    for next in trusted.iter().chain(intermediates) {
        if path.contains(&next.sha256) || !issued_by(cert, next, budget) {
            continue;
        }
        path.push(next.sha256);
        let found = chain_walk(next, intermediates, trusted, path, budget);
        path.pop();
        if found {
            return true;
        }
    }
    false
}

fn issued_by(child: &CertInfo, issuer: &CertInfo, budget: &mut usize) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    let (Ok((_, c)), Ok((_, i))) = (
        x509_parser::parse_x509_certificate(&child.der),
        x509_parser::parse_x509_certificate(&issuer.der),
    ) else {
        return false;
    };
    let same_name = c.issuer().as_raw() == i.subject().as_raw()
        || child.issuer.eq_ignore_ascii_case(&issuer.subject);
    same_name && verify_signature(&c, &i) != Some(false)
}

/// `None` when the algorithm is not one this module verifies.
fn verify_signature(child: &X509Certificate<'_>, issuer: &X509Certificate<'_>) -> Option<bool> {
    let tbs = child.tbs_certificate.as_ref();
    let sig = child.signature_value.data.as_ref();
    let key = PubKey::from_spki(issuer.public_key().raw)?;
    let alg = child.signature_algorithm.algorithm.to_id_string();
    match (alg.as_str(), &key) {
        (rsa_alg, PubKey::Rsa { n, e }) if rsa_alg.starts_with("1.2.840.113549.1.1.") => {
            let (prefix, hash): (&[u8], Vec<u8>) = match rsa_alg {
                "1.2.840.113549.1.1.4" => (DIGEST_INFO_MD5, Md5::digest(tbs).to_vec()),
                "1.2.840.113549.1.1.5" => (DIGEST_INFO_SHA1, Sha1::digest(tbs).to_vec()),
                "1.2.840.113549.1.1.11" => (DIGEST_INFO_SHA256, Sha256::digest(tbs).to_vec()),
                "1.2.840.113549.1.1.12" => (DIGEST_INFO_SHA384, Sha384::digest(tbs).to_vec()),
                "1.2.840.113549.1.1.13" => (DIGEST_INFO_SHA512, Sha512::digest(tbs).to_vec()),
                "1.2.840.113549.1.1.14" => (DIGEST_INFO_SHA224, Sha224::digest(tbs).to_vec()),
                _ => return None,
            };
            Some(rsa_pkcs1v15_verify(n, e, prefix, &hash, sig))
        }
        (ec_alg, PubKey::Ec { curve, point }) if ec_alg.starts_with("1.2.840.10045.4.") => {
            use p256::ecdsa::signature::hazmat::PrehashVerifier;
            let digest = match ec_alg {
                "1.2.840.10045.4.1" => Sha1::digest(tbs).to_vec(),
                "1.2.840.10045.4.3.1" => Sha224::digest(tbs).to_vec(),
                "1.2.840.10045.4.3.2" => Sha256::digest(tbs).to_vec(),
                "1.2.840.10045.4.3.3" => Sha384::digest(tbs).to_vec(),
                "1.2.840.10045.4.3.4" => Sha512::digest(tbs).to_vec(),
                _ => return None,
            };
            match *curve {
                OID_P256 => {
                    let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()?;
                    let Ok(sig) = p256::ecdsa::Signature::from_der(sig) else {
                        return Some(false);
                    };
                    Some(vk.verify_prehash(&digest, &sig).is_ok())
                }
                OID_P384 => {
                    let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(point).ok()?;
                    let Ok(sig) = p384::ecdsa::Signature::from_der(sig) else {
                        return Some(false);
                    };
                    Some(vk.verify_prehash(&digest, &sig).is_ok())
                }
                _ => None,
            }
        }
        ("1.3.101.112", PubKey::Other { oid, key }) if *oid == OID_ED25519 => {
            use ed25519_dalek::Verifier;
            let key: [u8; 32] = key.as_slice().try_into().ok()?;
            let vk = ed25519_dalek::VerifyingKey::from_bytes(&key).ok()?;
            let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
                return Some(false);
            };
            Some(vk.verify(tbs, &sig).is_ok())
        }
        // A key of another type than the signature: the issuer cannot have signed it.
        (a, _)
            if a.starts_with("1.2.840.113549.1.1.")
                || a.starts_with("1.2.840.10045.4.")
                || a == "1.3.101.112" =>
        {
            if a == "1.2.840.113549.1.1.10" {
                None
            } else {
                Some(false)
            }
        }
        _ => None,
    }
}

/// DER `DigestInfo` headers (RFC 8017 §9.2 note 1); the hash follows.
const DIGEST_INFO_MD5: &[u8] = &[
    0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00,
    0x04, 0x10,
];
const DIGEST_INFO_SHA1: &[u8] = &[
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
];
const DIGEST_INFO_SHA224: &[u8] = &[
    0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05,
    0x00, 0x04, 0x1c,
];
const DIGEST_INFO_SHA256: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
const DIGEST_INFO_SHA384: &[u8] = &[
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05,
    0x00, 0x04, 0x30,
];
const DIGEST_INFO_SHA512: &[u8] = &[
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05,
    0x00, 0x04, 0x40,
];

/// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) by re-encoding the expected block and
/// comparing it whole. Public data only, so no constant-time concern. `DigestInfo` with the
/// NULL parameters omitted is accepted too, as some old signers wrote it.
fn rsa_pkcs1v15_verify(n: &[u8], e: &[u8], prefix: &[u8], hash: &[u8], sig: &[u8]) -> bool {
    use num_bigint::BigUint;
    let modulus = BigUint::from_bytes_be(n);
    let k = bit_len(n).div_ceil(8);
    let s = BigUint::from_bytes_be(sig);
    if k < 64 || sig.len() != k || s >= modulus || e.is_empty() {
        return false;
    }
    let m = s.modpow(&BigUint::from_bytes_be(e), &modulus).to_bytes_be();
    let mut em = vec![0u8; k.saturating_sub(m.len())];
    em.extend_from_slice(&m);
    let expected = |prefix: &[u8]| -> Vec<u8> {
        let t_len = prefix.len() + hash.len();
        let mut block = vec![0x00, 0x01];
        block.resize(k.saturating_sub(t_len + 1), 0xFF);
        block.push(0x00);
        block.extend_from_slice(prefix);
        block.extend_from_slice(hash);
        block
    };
    if em == expected(prefix) {
        return true;
    }
    without_null(prefix).is_some_and(|short| em == expected(&short))
}

/// `30 L1 30 L2 <OID> 05 00 04 LH` → `30 L1-2 30 L2-2 <OID> 04 LH`.
fn without_null(prefix: &[u8]) -> Option<Vec<u8>> {
    let [0x30, outer, 0x30, inner, ref tail @ ..] = *prefix else {
        return None;
    };
    let oid_len = usize::from(*tail.get(1)?) + 2;
    let (oid, rest) = (tail.get(..oid_len)?, tail.get(oid_len..)?);
    let hash_header = rest.strip_prefix(&[0x05, 0x00])?;
    let mut out = vec![0x30, outer.checked_sub(2)?, 0x30, inner.checked_sub(2)?];
    out.extend_from_slice(oid);
    out.extend_from_slice(hash_header);
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn dns_name_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim();
    let pattern = pattern.strip_suffix('.').unwrap_or(pattern);
    if let Some(suffix) = pattern.strip_prefix("*.") {
        // The wildcard stands for exactly one non-empty label, and not directly under a
        // top-level domain.
        if !suffix.contains('.') {
            return false;
        }
        return match host.split_once('.') {
            Some((label, rest)) => !label.is_empty() && rest.eq_ignore_ascii_case(suffix),
            None => false,
        };
    }
    pattern.eq_ignore_ascii_case(host)
}

fn ip_from_bytes(b: &[u8]) -> Option<IpAddr> {
    if let Ok(v4) = <[u8; 4]>::try_from(b) {
        return Some(IpAddr::V4(Ipv4Addr::from(v4)));
    }
    <[u8; 16]>::try_from(b)
        .ok()
        .map(|v6| IpAddr::V6(Ipv6Addr::from(v6)))
}

fn serial_hex(raw: &[u8]) -> String {
    let mut bytes = raw;
    while let Some((0, rest)) = bytes.split_first() {
        if rest.is_empty() {
            break;
        }
        bytes = rest;
    }
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn hex_decode(s: &str) -> Option<Vec<u8>> {
    s.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [hi, lo] => Some(hex_digit(*hi)? << 4 | hex_digit(*lo)?),
            _ => None,
        })
        .collect()
}

fn hex_digit(c: u8) -> Option<u8> {
    (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cbc::cipher::BlockEncryptMut;
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, SignatureAlgorithm,
    };

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../testdata/tls/", $name)).as_slice()
        };
    }

    const PW: Option<&str> = Some("secret");

    fn server_cert() -> CertInfo {
        read_bundle(fixture!("server.cert.pem"), None)
            .unwrap()
            .certs[0]
            .clone()
    }

    fn ca_cert() -> CertInfo {
        read_bundle(fixture!("ca.cert.pem"), None).unwrap().certs[0].clone()
    }

    fn single_key(bytes: &[u8], password: Option<&str>) -> KeyInfo {
        let b = read_bundle(bytes, password).unwrap();
        assert_eq!(b.keys.len(), 1, "{b:?}");
        b.keys[0].clone()
    }

    struct Generated {
        cert: CertInfo,
        pem: String,
        key: KeyPair,
        params: CertificateParams,
    }

    fn generate(
        alg: &'static SignatureAlgorithm,
        cn: &str,
        sans: &[&str],
        ca: bool,
        issuer: Option<&Generated>,
    ) -> Generated {
        let key = KeyPair::generate_for(alg).unwrap();
        let mut params =
            CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name.push(DnType::CommonName, cn);
        if ca {
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        }
        let cert = match issuer {
            None => params.self_signed(&key).unwrap(),
            Some(i) => params
                .signed_by(&key, &Issuer::from_params(&i.params, &i.key))
                .unwrap(),
        };
        Generated {
            cert: CertInfo::from_der(cert.der()).unwrap(),
            pem: cert.pem(),
            key,
            params,
        }
    }

    fn traditional_encrypt(label: &str, der: &[u8], password: &str) -> String {
        let iv = [7u8; 16];
        let key = evp_bytes_to_key(password.as_bytes(), &iv[..8], 32);
        let ct = cbc::Encryptor::<aes::Aes256>::new_from_slices(&key, &iv)
            .unwrap()
            .encrypt_padded_vec_mut::<Pkcs7>(der);
        let mut block = pem::Pem::new(label, ct);
        block.headers_mut().add("Proc-Type", "4,ENCRYPTED").unwrap();
        let iv_hex: String = iv.iter().map(|b| format!("{b:02X}")).collect();
        block
            .headers_mut()
            .add("DEK-Info", &format!("AES-256-CBC,{iv_hex}"))
            .unwrap();
        pem::encode(&block)
    }

    #[test]
    fn certificate_fields_match_openssl() {
        let c = server_cert();
        assert_eq!(c.subject, "O=emsftlint test, CN=ems1.example.com");
        assert_eq!(c.issuer, "C=US, O=emsftlint test, CN=Test RSA CA");
        assert_eq!(c.serial, "0A1B2C");
        assert_eq!(c.subject_cn, ["ems1.example.com"]);
        assert_eq!(c.san_dns, ["ems1.example.com", "*.ems.example.com"]);
        assert_eq!(c.san_ip, ["127.0.0.1"]);
        assert!(!c.is_ca);
        assert!(ca_cert().is_ca && ca_cert().is_self_issued());
        assert_eq!(
            c.key_usage.as_deref(),
            Some(
                &[
                    "digitalSignature".to_string(),
                    "keyEncipherment".to_string()
                ][..]
            )
        );
        assert_eq!(
            c.ext_key_usage.as_deref(),
            Some(&["serverAuth".to_string(), "clientAuth".to_string()][..])
        );
        assert_eq!(c.key_algorithm, "RSA 2048");
        assert!(c.not_after - c.not_before > 99 * 365 * 86400);
        // The fingerprint is the SHA-256 of the DER file, as OpenSSL computes it.
        let der = fixture!("server.cert.der");
        assert_eq!(c.der, der);
        assert_eq!(c.sha256[..], Sha256::digest(der)[..]);
        assert_eq!(c.fingerprint_hex().len(), 32 * 3 - 1);
        assert!(c
            .fingerprint_hex()
            .starts_with(&format!("{:02X}:", c.sha256[0])));
        assert!(format!("{c:?}").contains("ems1.example.com"));
    }

    #[test]
    fn the_same_certificate_from_every_container() {
        let leaf = server_cert();
        let ca = ca_cert();
        let der = read_bundle(fixture!("server.cert.der"), None).unwrap();
        assert_eq!(der.format, Format::Der);
        assert_eq!(der.certs, std::slice::from_ref(&leaf));
        for (bytes, format) in [
            (fixture!("chain.p7b"), Format::Pem),
            (fixture!("chain.p7b.der"), Format::Pkcs7),
        ] {
            let b = read_bundle(bytes, None).unwrap();
            assert_eq!(b.format, format);
            assert_eq!(b.certs, [leaf.clone(), ca.clone()]);
            assert!(b.keys.is_empty());
        }
        for p12 in [fixture!("server.p12"), fixture!("server.legacy.p12")] {
            let b = read_bundle(p12, PW).unwrap();
            assert_eq!(b.format, Format::Pkcs12);
            assert_eq!(b.certs.len(), 2);
            assert!(b.certs.contains(&leaf) && b.certs.contains(&ca));
            assert_eq!(b.keys.len(), 1);
            assert!(key_matches_cert(&b.keys[0], &leaf));
        }
    }

    #[test]
    fn every_key_format_opens_and_matches_its_certificate() {
        let cert = server_cert();
        let plain = [
            fixture!("server.pkcs8.pem"),
            fixture!("server.pkcs1.pem"),
            fixture!("server.pkcs8.der"),
            fixture!("server.pkcs1.der"),
        ];
        let encrypted = [
            fixture!("server.trad-aes128.pem"),
            fixture!("server.trad-des3.pem"),
            fixture!("server.trad-des.pem"),
            fixture!("server.pbes2.p8"),
            fixture!("server.pbes2.p8.der"),
            fixture!("server.pkcs12pbe.p8"),
            fixture!("server.pbes2-des3.p8"),
            fixture!("server.scrypt.p8"),
        ];
        for bytes in plain.iter().chain(&encrypted) {
            let key = single_key(bytes, PW);
            assert!(matches!(key, KeyInfo::Rsa { bits: 2048, .. }), "{key:?}");
            assert!(key_matches_cert(&key, &cert));
            assert!(!key_matches_cert(&key, &ca_cert()));
            assert_eq!(key.public_key_der(), Some(&cert.public_key_der[..]));
        }
        for bytes in &encrypted {
            assert_eq!(
                read_bundle(bytes, Some("Secret")),
                Err(TlsError::WrongPassword)
            );
            let b = read_bundle(bytes, None).unwrap();
            assert!(b.keys.is_empty() && b.encrypted_key_without_password);
        }
        // A plain key ignores a password.
        assert_eq!(single_key(plain[0], Some("x")), single_key(plain[0], None));
    }

    #[test]
    fn pkcs12_passwords() {
        for p12 in [fixture!("server.p12"), fixture!("server.legacy.p12")] {
            assert_eq!(
                read_bundle(p12, Some("wrong")),
                Err(TlsError::WrongPassword)
            );
            assert_eq!(read_bundle(p12, Some("")), Err(TlsError::WrongPassword));
            let locked = read_bundle(p12, None).unwrap();
            assert!(locked.certs.is_empty() && locked.keys.is_empty());
            assert!(locked.encrypted_certs_without_password);
            assert!(locked.encrypted_key_without_password);
        }
        // No MAC, plain certificate, encrypted key: the certificate reads without password.
        let nomac = fixture!("server.nomac.p12");
        let b = read_bundle(nomac, None).unwrap();
        assert_eq!(b.certs, std::slice::from_ref(&server_cert()));
        assert!(b.keys.is_empty() && b.encrypted_key_without_password);
        assert!(!b.encrypted_certs_without_password);
        assert_eq!(read_bundle(nomac, PW).unwrap().keys.len(), 1);
        assert_eq!(read_bundle(nomac, Some("x")), Err(TlsError::WrongPassword));
        // Unencrypted and without MAC: readable with or without a password.
        for pw in [None, Some("anything")] {
            let b = read_bundle(fixture!("server.plain.p12"), pw).unwrap();
            assert_eq!(b.certs, [server_cert()]);
            assert!(key_matches_cert(&b.keys[0], &b.certs[0]));
        }
    }

    #[test]
    fn openssl_quirks() {
        // `-trustout` appends trust settings after the certificate; they are not hashed.
        let trusted = read_bundle(fixture!("server.trusted.pem"), None).unwrap();
        assert_eq!(trusted.certs, std::slice::from_ref(&server_cert()));
        // CRLF line ends, headers included.
        let crlf = String::from_utf8(fixture!("server.trad-des3.pem").to_vec())
            .unwrap()
            .replace('\n', "\r\n");
        assert!(key_matches_cert(
            &single_key(crlf.as_bytes(), PW),
            &server_cert()
        ));
        // An empty PKCS#12 password opens with "" and with no password at all.
        for pw in [None, Some("")] {
            let b = read_bundle(fixture!("server.nopass.p12"), pw).unwrap();
            assert_eq!(b.certs.len(), 1);
            assert_eq!(b.keys.len(), 1);
        }
        assert_eq!(
            read_bundle(fixture!("server.nopass.p12"), PW),
            Err(TlsError::WrongPassword)
        );
        // A CRL alone is neither certificate nor key.
        let crl = "-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n";
        assert_eq!(
            read_bundle(crl.as_bytes(), None),
            Err(TlsError::NotACertificateOrKey)
        );
    }

    #[test]
    fn pem_with_parameters_block_and_ec_key() {
        let b = read_bundle(fixture!("ec.key.pem"), None).unwrap();
        assert_eq!(b.ignored_blocks, ["EC PARAMETERS"]);
        assert!(
            matches!(&b.keys[..], [KeyInfo::Ec { curve, public_key_der: Some(_) }] if curve == "P-256")
        );
    }

    #[test]
    fn java_keystores_are_refused() {
        for ks in [fixture!("truststore.jks"), fixture!("truststore.jceks")] {
            assert_eq!(detect_format(ks), Format::JavaKeystore);
            assert_eq!(read_bundle(ks, PW), Err(TlsError::JavaKeystore));
        }
        assert!(TlsError::JavaKeystore.to_string().contains("Java keystore"));
    }

    #[test]
    fn generated_pem_bundle_with_chain_and_key() {
        let root = generate(&rcgen::PKCS_ECDSA_P384_SHA384, "Root", &[], true, None);
        let inter = generate(
            &rcgen::PKCS_ECDSA_P256_SHA256,
            "Inter",
            &[],
            true,
            Some(&root),
        );
        let leaf = generate(
            &rcgen::PKCS_ECDSA_P256_SHA256,
            "ems.example.com",
            &["ems.example.com"],
            false,
            Some(&inter),
        );
        // Inline PEM as a parameter value: text around the blocks is allowed.
        let text = format!(
            "Bag Attributes\n    friendlyName: x\n{}{}{}{}",
            leaf.pem,
            leaf.key.serialize_pem(),
            inter.pem,
            root.pem
        );
        let b = read_bundle(text.as_bytes(), None).unwrap();
        assert_eq!(b.format, Format::Pem);
        assert_eq!(
            b.certs,
            [leaf.cert.clone(), inter.cert.clone(), root.cert.clone()]
        );
        assert_eq!(b.keys.len(), 1);
        assert!(key_matches_cert(&b.keys[0], &leaf.cert));
        assert!(!key_matches_cert(&b.keys[0], &inter.cert));
        assert_eq!(b.keys[0].describe(), "EC P-256");
        assert_eq!(leaf.cert.key_algorithm, "EC P-256");
        assert_eq!(root.cert.key_algorithm, "EC P-384");

        // DER key, and SEC1 "EC PRIVATE KEY" taken out of the PKCS#8.
        let der_key = single_key(&leaf.key.serialize_der(), None);
        assert!(key_matches_cert(&der_key, &leaf.cert));
        let p8 = leaf.key.serialize_der();
        let sec1 = pkcs8::PrivateKeyInfo::try_from(p8.as_slice())
            .unwrap()
            .private_key
            .to_vec();
        let sec1_pem = pem::encode(&pem::Pem::new("EC PRIVATE KEY", sec1.clone()));
        assert!(key_matches_cert(
            &single_key(sec1_pem.as_bytes(), None),
            &leaf.cert
        ));
        assert!(key_matches_cert(&single_key(&sec1, None), &leaf.cert));
    }

    #[test]
    fn ed25519_and_p384_keys() {
        for alg in [&rcgen::PKCS_ED25519, &rcgen::PKCS_ECDSA_P384_SHA384] {
            let g = generate(alg, "k", &[], false, None);
            let key = single_key(g.key.serialize_pem().as_bytes(), None);
            assert!(key_matches_cert(&key, &g.cert), "{key:?}");
            assert!(chains_to(&g.cert, &[], std::slice::from_ref(&g.cert)));
        }
    }

    #[test]
    fn pbes2_and_traditional_encryption_written_here() {
        let g = generate(&rcgen::PKCS_ECDSA_P256_SHA256, "k", &[], false, None);
        let p8 = g.key.serialize_der();
        let params =
            pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(1000, b"saltsalt", &[3u8; 16])
                .unwrap();
        let enc = pkcs8::PrivateKeyInfo::try_from(p8.as_slice())
            .unwrap()
            .encrypt_with_params(params, "pässword")
            .unwrap();
        let enc_pem = pem::encode(&pem::Pem::new("ENCRYPTED PRIVATE KEY", enc.as_bytes()));
        let key = single_key(enc_pem.as_bytes(), Some("pässword"));
        assert!(key_matches_cert(&key, &g.cert));
        assert_eq!(
            read_bundle(enc_pem.as_bytes(), Some("password")),
            Err(TlsError::WrongPassword)
        );

        let sec1 = pkcs8::PrivateKeyInfo::try_from(p8.as_slice())
            .unwrap()
            .private_key
            .to_vec();
        let trad = traditional_encrypt("EC PRIVATE KEY", &sec1, "pw");
        let with_cert = format!("{}{trad}", g.pem);
        let b = read_bundle(with_cert.as_bytes(), Some("pw")).unwrap();
        assert!(key_matches_cert(&b.keys[0], &b.certs[0]));
        assert_eq!(
            read_bundle(with_cert.as_bytes(), Some("pW")),
            Err(TlsError::WrongPassword)
        );
        let locked = read_bundle(with_cert.as_bytes(), None).unwrap();
        assert_eq!(locked.certs, std::slice::from_ref(&g.cert));
        assert!(locked.keys.is_empty() && locked.encrypted_key_without_password);
        // Errors and Debug output never show the password.
        let shown = format!("{:?} {}", locked, TlsError::WrongPassword);
        assert!(!shown.contains("pw\"") && !shown.contains("pässword"));
        assert!(!format!("{key:?}").contains(&format!("{:?}", &sec1[..8])));
    }

    #[test]
    fn unsupported_traditional_cipher_is_named() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
                    DEK-Info: BF-CBC,0001020304050607\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        assert_eq!(
            read_bundle(text.as_bytes(), PW),
            Err(TlsError::UnsupportedEncryption(
                "a PEM key encrypted with BF-CBC".into()
            ))
        );
    }

    #[test]
    fn digest_info_without_null_parameters() {
        let sha1 = [
            0x30, 0x1f, 0x30, 0x07, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x04, 0x14,
        ];
        assert_eq!(without_null(DIGEST_INFO_SHA1).as_deref(), Some(&sha1[..]));
        assert_eq!(without_null(&sha1), None);
    }

    #[test]
    fn hostname_matching() {
        let c = server_cert();
        assert!(c.matches_hostname("ems1.example.com"));
        assert!(c.matches_hostname("EMS1.Example.COM."));
        assert!(c.matches_hostname("node-a.ems.example.com"));
        assert!(!c.matches_hostname("ems.example.com"));
        assert!(!c.matches_hostname("a.b.ems.example.com"));
        assert!(!c.matches_hostname(".ems.example.com"));
        assert!(c.matches_hostname("127.0.0.1"));
        assert!(!c.matches_hostname("127.0.0.2"));
        assert!(!c.matches_hostname("[::1]"));
        assert!(!c.matches_hostname("other.example.com"));
        assert!(!c.matches_hostname(""));

        // No SAN: the CN decides.
        let cn_only = generate(&rcgen::PKCS_ED25519, "Host.Example.com", &[], false, None);
        assert!(cn_only.cert.matches_hostname("host.example.com"));
        assert!(!cn_only.cert.matches_hostname("host2.example.com"));
        // With a DNS SAN the CN is not used.
        let san = generate(
            &rcgen::PKCS_ED25519,
            "cn.example.com",
            &["san.example.com", "::1"],
            false,
            None,
        );
        assert!(!san.cert.matches_hostname("cn.example.com"));
        assert!(san.cert.matches_hostname("[::1]"));
        assert!(san.cert.matches_hostname("0:0::1"));
        let tld = generate(&rcgen::PKCS_ED25519, "x", &["*.com"], false, None);
        assert!(!tld.cert.matches_hostname("example.com"));
    }

    #[test]
    fn chains() {
        let leaf = server_cert();
        let ca = ca_cert();
        assert!(chains_to(&leaf, &[], std::slice::from_ref(&ca)));
        // The last DER byte is in the RSA signature: tampered, it no longer verifies.
        let mut der = leaf.der.clone();
        if let Some(b) = der.last_mut() {
            *b ^= 1;
        }
        let tampered = CertInfo::from_der(&der).unwrap();
        assert!(!chains_to(&tampered, &[], std::slice::from_ref(&ca)));
        // A trusted leaf or intermediate is not an anchor (OpenSSL needs the root).
        assert!(!chains_to(&leaf, &[], std::slice::from_ref(&leaf)));
        assert!(chains_to(&ca, &[], std::slice::from_ref(&ca)));
        assert!(!chains_to(&leaf, &[], &[]));
        assert!(!chains_to(&ca, &[], std::slice::from_ref(&leaf)));

        let root = generate(&rcgen::PKCS_ECDSA_P384_SHA384, "Root", &[], true, None);
        let inter = generate(&rcgen::PKCS_ED25519, "Inter", &[], true, Some(&root));
        let leaf = generate(
            &rcgen::PKCS_ECDSA_P256_SHA256,
            "leaf",
            &[],
            false,
            Some(&inter),
        );
        assert!(chains_to(
            &leaf.cert,
            std::slice::from_ref(&inter.cert),
            std::slice::from_ref(&root.cert)
        ));
        assert!(chains_to(
            &leaf.cert,
            &[ca.clone(), inter.cert.clone()],
            &[ca.clone(), root.cert.clone()]
        ));
        assert!(!chains_to(
            &leaf.cert,
            &[],
            std::slice::from_ref(&root.cert)
        ));
        assert!(!chains_to(
            &leaf.cert,
            &[],
            std::slice::from_ref(&inter.cert)
        ));
        assert!(chains_to(
            &leaf.cert,
            &[],
            &[inter.cert.clone(), root.cert.clone()]
        ));
        assert!(!chains_to(
            &leaf.cert,
            std::slice::from_ref(&inter.cert),
            std::slice::from_ref(&ca)
        ));
        // Another CA with the same name but another key is not the issuer.
        let impostor = generate(&rcgen::PKCS_ECDSA_P384_SHA384, "Root", &[], true, None);
        assert_eq!(impostor.cert.subject, root.cert.subject);
        assert!(!chains_to(
            &leaf.cert,
            std::slice::from_ref(&inter.cert),
            std::slice::from_ref(&impostor.cert)
        ));
        let impostor_inter = generate(
            &rcgen::PKCS_ECDSA_P256_SHA256,
            "Inter",
            &[],
            true,
            Some(&root),
        );
        assert!(!chains_to(
            &leaf.cert,
            std::slice::from_ref(&impostor_inter.cert),
            std::slice::from_ref(&root.cert)
        ));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let cases: [&[u8]; 10] = [
            b"",
            b"hello world",
            b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            b"-----BEGIN SOMETHING-----\nAAAA\n-----END SOMETHING-----\n",
            &[0x30],
            &[0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF],
            &[0x30, 0x80, 0x02, 0x01, 0x03, 0x00, 0x00],
            &[0x30, 0x03, 0x02, 0x01, 0x00],
            &[0xFE, 0xED],
        ];
        for bytes in cases {
            assert!(read_bundle(bytes, PW).is_err(), "{bytes:?}");
        }
        // Truncations and bit flips of every container kind.
        let samples = [
            fixture!("server.p12"),
            fixture!("server.legacy.p12"),
            fixture!("chain.p7b.der"),
            fixture!("server.pbes2.p8.der"),
            fixture!("server.cert.der"),
            fixture!("server.trad-des3.pem"),
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for sample in samples {
            for cut in (0..sample.len()).step_by(97) {
                let _ = read_bundle(&sample[..cut], PW);
            }
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let mut m = sample.to_vec();
                let i = (seed as usize) % m.len();
                m[i] ^= 1 << (seed % 8);
                let _ = read_bundle(&m, PW);
            }
        }
    }

    #[test]
    fn detection_ignores_extensions_and_whitespace() {
        assert_eq!(detect_format(fixture!("server.p12")), Format::Pkcs12);
        assert_eq!(detect_format(fixture!("chain.p7b.der")), Format::Pkcs7);
        assert_eq!(detect_format(fixture!("server.pkcs1.der")), Format::Der);
        assert_eq!(
            detect_format(b"  \n-----BEGIN CERTIFICATE-----"),
            Format::Pem
        );
        assert_eq!(detect_format(b"\x00\x01"), Format::Unknown);
    }

    fn corpus_certs() -> Option<std::path::PathBuf> {
        let root = std::env::var_os("EMSFTLINT_CORPUS")?;
        Some(
            std::path::Path::new(&root)
                .join("alpanachaphalkar__TIBCO-EMS/8.6.0/ems-client/ems/8.6/samples/certs"),
        )
    }

    #[test]
    fn corpus_tibco_sample_certificates() {
        let Some(dir) = corpus_certs() else {
            eprintln!("EMSFTLINT_CORPUS unset: skipped");
            return;
        };
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
        let pw = Some("password");
        for (who, root) in [("server", "server_root"), ("client", "client_root")] {
            let cert = read_bundle(&read(&format!("{who}.cert.pem")), None)
                .unwrap()
                .certs[0]
                .clone();
            let root_cert = read_bundle(&read(&format!("{root}.cert.pem")), None)
                .unwrap()
                .certs[0]
                .clone();
            assert!(
                chains_to(&cert, &[], std::slice::from_ref(&root_cert)),
                "{who}"
            );
            for (name, issued) in [(who, &cert), (root, &root_cert)] {
                for ext in ["key.pem", "key.p8"] {
                    let bytes = read(&format!("{name}.{ext}"));
                    let key = single_key(&bytes, pw);
                    assert!(key_matches_cert(&key, issued), "{name}.{ext}");
                    assert_eq!(
                        read_bundle(&bytes, Some("wrong")),
                        Err(TlsError::WrongPassword)
                    );
                }
            }
        }
        for p12 in [
            "client_identity.p12",
            "emsca_https_identity.p12",
            "test_client_identity.p12",
        ] {
            let b = read_bundle(&read(p12), pw).unwrap();
            assert_eq!(b.format, Format::Pkcs12);
            assert_eq!(b.keys.len(), 1, "{p12}");
            assert!(b.certs.len() >= 2, "{p12}");
            assert!(
                b.certs.iter().any(|c| key_matches_cert(&b.keys[0], c)),
                "{p12}"
            );
            assert_eq!(
                read_bundle(&read(p12), Some("wrong")),
                Err(TlsError::WrongPassword)
            );
        }
        let https = read_bundle(&read("emsca_https_identity.p12"), pw).unwrap();
        assert!(https.certs.iter().any(|c| c.matches_hostname("localhost")));
        // Every file in the directory reads without panicking.
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let result = read_bundle(&std::fs::read(&path).unwrap(), pw);
            eprintln!(
                "{}: {:?}",
                path.display(),
                result
                    .as_ref()
                    .map(|b| (b.format, b.certs.len(), b.keys.len()))
            );
        }
    }
}
