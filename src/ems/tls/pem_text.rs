//! PEM

use super::*;

pub(super) fn read_pem(bytes: &[u8], password: Option<&str>) -> Result<Bundle, TlsError> {
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
pub(super) fn decrypt_traditional(
    dek_info: &str,
    password: &str,
    data: &[u8],
) -> Result<Vec<u8>, TlsError> {
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

pub(super) fn evp_bytes_to_key(password: &[u8], salt: &[u8], len: usize) -> Vec<u8> {
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
pub(super) fn cbc_decrypt<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Option<Vec<u8>>
where
    C: BlockDecryptMut + cbc::cipher::BlockCipher + KeyInit,
{
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .ok()?
        .decrypt_padded_vec_mut::<Pkcs7>(data)
        .ok()
}

pub(super) fn rc2_cbc_decrypt(
    key: &[u8],
    effective_bits: usize,
    iv: &[u8],
    data: &[u8],
) -> Option<Vec<u8>> {
    let cipher = rc2::Rc2::new_with_eff_key_len(key, effective_bits);
    cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, iv)
        .ok()?
        .decrypt_padded_vec_mut::<Pkcs7>(data)
        .ok()
}
