use super::*;
use cbc::cipher::BlockEncryptMut;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, SignatureAlgorithm,
};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../../testdata/tls/", $name)).as_slice()
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
