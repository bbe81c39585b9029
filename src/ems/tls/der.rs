//! DER sniffing

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DerKind {
    Certificate,
    Pkcs12,
    Pkcs7,
    EncryptedPkcs8,
    Pkcs8,
    Pkcs1,
    Sec1,
    DsaKey,
}

pub(super) const OID_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];
pub(super) const OID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

/// Classifies a DER object by the tags of its first elements (ASN.1 structures in
/// security.md §3.3).
pub(super) fn sniff_der(bytes: &[u8]) -> Option<DerKind> {
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
pub(super) fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
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
pub(super) type Element<'a> = (u8, &'a [u8], &'a [u8]);

/// All elements of a constructed value.
pub(super) fn items(mut value: &[u8]) -> Option<Vec<Element<'_>>> {
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
pub(super) fn octet_string(tag: u8, value: &[u8]) -> Option<Vec<u8>> {
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
pub(super) fn algorithm_identifier(v: &[u8]) -> Option<(String, &[u8])> {
    let (0x06, oid, rest) = tlv(v)? else {
        return None;
    };
    Some((oid_string(oid), rest))
}

pub(super) fn oid_string(value: &[u8]) -> String {
    ObjectIdentifier::from_bytes(value)
        .map(|o| o.to_string())
        .unwrap_or_default()
}

/// A non-negative INTEGER of at most 8 bytes.
pub(super) fn der_uint(value: &[u8]) -> Option<u64> {
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

pub(super) fn read_der_item(
    bytes: &[u8],
    password: Option<&str>,
    b: &mut Bundle,
) -> Result<(), TlsError> {
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
