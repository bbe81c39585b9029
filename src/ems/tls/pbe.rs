//! Password-based decryption (PKCS#8, PKCS#12)

use super::*;

/// Iteration counts above this are refused rather than spun on.
pub(super) const MAX_ITERATIONS: u64 = 10_000_000;

pub(super) const OID_PBES2: &str = "1.2.840.113549.1.5.13";

pub(super) fn decrypt_pkcs8(der: &[u8], password: &str) -> Result<Vec<u8>, TlsError> {
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
pub(super) fn pbe_decrypt(
    oid: &str,
    params: &[u8],
    password: &str,
    data: &[u8],
) -> Result<Vec<u8>, TlsError> {
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

pub(super) fn check_pbes2_cost(
    params: &pkcs8::pkcs5::pbes2::Parameters<'_>,
) -> Result<(), TlsError> {
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

pub(super) fn pbkdf1<D: Digest>(password: &[u8], salt: &[u8], iterations: u64) -> Vec<u8> {
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
pub(super) fn p12_kdf<D>(
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u64,
    len: usize,
) -> Vec<u8>
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
pub(super) fn bmp_password(password: &str) -> Vec<u8> {
    let mut out: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    out.extend_from_slice(&[0, 0]);
    out
}
