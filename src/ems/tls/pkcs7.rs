//! PKCS#7

use super::*;

/// Certificates of a PKCS#7/CMS SignedData (`certificates [0] IMPLICIT SET OF`), each kept
/// byte for byte so that fingerprints match.
pub(super) fn read_pkcs7(der: &[u8]) -> Result<Vec<CertInfo>, TlsError> {
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
