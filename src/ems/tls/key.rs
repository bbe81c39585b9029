//! Private keys

use super::*;

pub(super) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(super) const OID_RSA_PSS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
pub(super) const OID_EC_PUBLIC_KEY: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(super) const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
pub(super) const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(super) const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
pub(super) const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
pub(super) const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

pub(super) fn algorithm_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10040.4.1" => "DSA".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.113549.1.3.1" => "DH".into(),
        other => format!("key algorithm {other}"),
    }
}

pub(super) fn curve_name(oid: &ObjectIdentifier) -> String {
    match *oid {
        OID_P256 => "P-256".into(),
        OID_P384 => "P-384".into(),
        OID_P521 => "P-521".into(),
        OID_SECP256K1 => "secp256k1".into(),
        _ => oid.to_string(),
    }
}

pub(super) fn key_from_pkcs8(der: &[u8]) -> Result<KeyInfo, TlsError> {
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

pub(super) fn key_from_pkcs1(der: &[u8]) -> Result<KeyInfo, TlsError> {
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
pub(super) fn key_from_sec1(
    der: &[u8],
    curve: Option<ObjectIdentifier>,
) -> Result<KeyInfo, TlsError> {
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

pub(super) fn sec1_point_p256(k: &p256::PublicKey) -> Vec<u8> {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    k.to_encoded_point(false).as_bytes().to_vec()
}

pub(super) fn sec1_point_p384(k: &p384::PublicKey) -> Vec<u8> {
    use p384::elliptic_curve::sec1::ToEncodedPoint;
    k.to_encoded_point(false).as_bytes().to_vec()
}

pub(super) fn encode_spki(
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
pub(super) enum PubKey {
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
    pub(super) fn from_spki(der: &[u8]) -> Option<PubKey> {
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

    pub(super) fn describe(&self) -> String {
        match self {
            PubKey::Rsa { n, .. } => format!("RSA {}", bit_len(n)),
            PubKey::Ec { curve, .. } => format!("EC {}", curve_name(curve)),
            PubKey::Other { oid, .. } if *oid == OID_ED25519 => "Ed25519".into(),
            PubKey::Other { oid, .. } => algorithm_name(oid),
        }
    }
}

pub(super) fn bit_len(be: &[u8]) -> usize {
    let mut bytes = be;
    while let Some((0, rest)) = bytes.split_first() {
        bytes = rest;
    }
    match bytes.first() {
        Some(b) => bytes.len() * 8 - b.leading_zeros() as usize,
        None => 0,
    }
}
