//! Chains and signatures

use super::*;

pub(super) fn chain_walk(
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

pub(super) fn issued_by(child: &CertInfo, issuer: &CertInfo, budget: &mut usize) -> bool {
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
pub(super) fn verify_signature(
    child: &X509Certificate<'_>,
    issuer: &X509Certificate<'_>,
) -> Option<bool> {
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
pub(super) const DIGEST_INFO_MD5: &[u8] = &[
    0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00,
    0x04, 0x10,
];
pub(super) const DIGEST_INFO_SHA1: &[u8] = &[
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
];
pub(super) const DIGEST_INFO_SHA224: &[u8] = &[
    0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05,
    0x00, 0x04, 0x1c,
];
pub(super) const DIGEST_INFO_SHA256: &[u8] = &[
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
pub(super) const DIGEST_INFO_SHA384: &[u8] = &[
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05,
    0x00, 0x04, 0x30,
];
pub(super) const DIGEST_INFO_SHA512: &[u8] = &[
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05,
    0x00, 0x04, 0x40,
];

/// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2) by re-encoding the expected block and
/// comparing it whole. Public data only, so no constant-time concern. `DigestInfo` with the
/// NULL parameters omitted is accepted too, as some old signers wrote it.
pub(super) fn rsa_pkcs1v15_verify(
    n: &[u8],
    e: &[u8],
    prefix: &[u8],
    hash: &[u8],
    sig: &[u8],
) -> bool {
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
pub(super) fn without_null(prefix: &[u8]) -> Option<Vec<u8>> {
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
