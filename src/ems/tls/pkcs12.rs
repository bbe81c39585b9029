//! PKCS#12 (RFC 7292)

use super::*;

pub(super) const OID_PKCS7_DATA: &str = "1.2.840.113549.1.7.1";
pub(super) const OID_ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";
pub(super) const OID_ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";

pub(super) struct MacData<'a> {
    digest_oid: String,
    digest: &'a [u8],
    salt: &'a [u8],
    iterations: u64,
}

pub(super) fn read_pkcs12(bytes: &[u8], password: Option<&str>) -> Result<Bundle, TlsError> {
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
pub(super) fn content_info(v: &[u8]) -> Option<(String, Option<Element<'_>>)> {
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
pub(super) fn encrypted_content(ed: &[u8]) -> Option<(String, &[u8], Vec<u8>)> {
    let [(0x02, _, _), (0x30, eci, _), ..] = items(ed)?[..] else {
        return None;
    };
    let [(0x06, _, _), (0x30, alg, _), (tag, data, _), ..] = items(eci)?[..] else {
        return None;
    };
    let (oid, params) = algorithm_identifier(alg)?;
    Some((oid, params, octet_string(tag, data)?))
}

pub(super) fn mac_data(v: &[u8]) -> Option<MacData<'_>> {
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
pub(super) fn read_safe_contents(
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
pub(super) fn mac_supported(mac: &MacData<'_>) -> bool {
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
pub(super) fn mac_verifies(mac: &MacData<'_>, password: &str, data: &[u8]) -> bool {
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
