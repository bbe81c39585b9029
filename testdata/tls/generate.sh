#!/bin/sh
# Regenerates the OpenSSL/keytool-made fixtures read by src/ems/tls.rs tests.
# Needs OpenSSL 3 and a JDK keytool. Run from this directory. Password: "secret".
set -eu
cd "$(dirname "$0")"
P=pass:secret
DAYS=36500

# RSA CA and an RSA leaf issued by it (SAN DNS + IP).
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key.pem -out ca.cert.pem -days $DAYS \
  -subj "/C=US/O=emsftlint test/CN=Test RSA CA" -sha256 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
openssl req -newkey rsa:2048 -nodes -keyout server.pkcs8.pem -out server.csr -subj "/O=emsftlint test/CN=ems1.example.com"
openssl x509 -req -in server.csr -CA ca.cert.pem -CAkey ca.key.pem -set_serial 0x0A1B2C -days $DAYS -sha256 \
  -extfile /dev/stdin -out server.cert.pem <<EXT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:ems1.example.com,DNS:*.ems.example.com,IP:127.0.0.1
EXT
rm -f server.csr ca.key.pem
openssl x509 -in server.cert.pem -outform DER -out server.cert.der
openssl x509 -in server.cert.pem -trustout -addtrust serverAuth -out server.trusted.pem

# The leaf key in every format the EMS server reads.
openssl pkey -in server.pkcs8.pem -traditional -out server.pkcs1.pem
openssl pkcs8 -topk8 -nocrypt -in server.pkcs8.pem -outform DER -out server.pkcs8.der
openssl rsa -in server.pkcs8.pem -traditional -outform DER -out server.pkcs1.der
openssl rsa -in server.pkcs8.pem -traditional -aes128 -passout $P -out server.trad-aes128.pem
openssl rsa -in server.pkcs8.pem -traditional -des3 -passout $P -out server.trad-des3.pem
openssl rsa -provider legacy -provider default -in server.pkcs8.pem -traditional -des -passout $P -out server.trad-des.pem
openssl pkcs8 -topk8 -in server.pkcs8.pem -passout $P -out server.pbes2.p8
openssl pkcs8 -topk8 -in server.pkcs8.pem -passout $P -outform DER -out server.pbes2.p8.der
openssl pkcs8 -topk8 -in server.pkcs8.pem -passout $P -v1 PBE-SHA1-3DES -out server.pkcs12pbe.p8
openssl pkcs8 -topk8 -in server.pkcs8.pem -passout $P -v2 des3 -v2prf hmacWithSHA1 -out server.pbes2-des3.p8
openssl pkcs8 -topk8 -in server.pkcs8.pem -passout $P -scrypt -scrypt_N 1024 -scrypt_r 8 -scrypt_p 1 -out server.scrypt.p8

# PKCS#12: OpenSSL 3 default (PBES2/AES-256, SHA-256 MAC), legacy (RC2-40 + 3DES, SHA-1 MAC),
# SHA-512 MAC, empty password, no MAC with plain certificates, and all unencrypted without MAC.
openssl pkcs12 -export -in server.cert.pem -inkey server.pkcs8.pem -certfile ca.cert.pem -passout $P -out server.p12
openssl pkcs12 -export -legacy -in server.cert.pem -inkey server.pkcs8.pem -certfile ca.cert.pem -passout $P -out server.legacy.p12
openssl pkcs12 -export -in server.cert.pem -inkey server.pkcs8.pem -macalg sha512 -passout $P -out server.sha512mac.p12
openssl pkcs12 -export -in server.cert.pem -inkey server.pkcs8.pem -passout pass: -out server.nopass.p12
openssl pkcs12 -export -in server.cert.pem -inkey server.pkcs8.pem -certpbe NONE -nomac -passout $P -out server.nomac.p12
openssl pkcs12 -export -in server.cert.pem -inkey server.pkcs8.pem -keypbe NONE -certpbe NONE -nomac -passout pass: -out server.plain.p12

# PKCS#7 certificate bundles.
openssl crl2pkcs7 -nocrl -certfile server.cert.pem -certfile ca.cert.pem -out chain.p7b
openssl crl2pkcs7 -nocrl -certfile server.cert.pem -certfile ca.cert.pem -outform DER -out chain.p7b.der

# EC key as "openssl ecparam -genkey" writes it (EC PARAMETERS block first).
openssl ecparam -name prime256v1 -genkey -out ec.key.pem

# Java keystores (the EMS server cannot read them).
rm -f truststore.jks truststore.jceks
keytool -importcert -noprompt -alias ca -file ca.cert.pem -keystore truststore.jks -storetype JKS -storepass secret
keytool -importcert -noprompt -alias ca -file ca.cert.pem -keystore truststore.jceks -storetype JCEKS -storepass secret
