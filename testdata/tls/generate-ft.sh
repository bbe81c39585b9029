#!/bin/sh
# Regenerates testdata/tls/ft/: the certificates and keys of the FT pair cases under
# testdata/pairs/ (tls-* and the other TLS rules' cases hold copies of these files, under
# primary/certs/ and backup/certs/). Needs OpenSSL 3. Run from this directory.
#
# Dates are fixed so that the cases' reports do not change from day to day: the tests run
# with EMSFTLINT_NOW=2026-11-22. Key password: "password" (mangled in the cases as
# $man$WjtSRCpaXu7hoTkDlcEPr6KNKRr, TIBCO's sample value).
set -eu
cd "$(dirname "$0")"
mkdir -p ft
cd ft
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
P=pass:password

# make_ca name subject: a self-signed CA valid from 2020 to 2120, and the `openssl ca`
# configuration that signs with it (`openssl ca` takes validity dates; OpenSSL 3.0's
# `openssl x509` does not).
make_ca() {
  openssl req -new -newkey rsa:2048 -nodes -keyout "$W/$1.key" -out "$W/$1.csr" -subj "$2"
  mkdir -p "$W/$1.db"
  : > "$W/$1.db/index.txt"
  echo 1000 > "$W/$1.db/serial"
  cat > "$W/$1.cnf" <<CNF
[ca]
default_ca = this
[this]
dir = $W/$1.db
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
certificate = $PWD/$1.cert.pem
private_key = $W/$1.key
default_md = sha256
policy = anything
copy_extensions = none
unique_subject = no
email_in_dn = no
[anything]
organizationName = optional
commonName = supplied
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = \$ENV::SAN
CNF
  SAN= openssl ca -batch -notext -selfsign -config "$W/$1.cnf" -extensions root \
    -keyfile "$W/$1.key" -startdate 20200101000000Z -enddate 21200101000000Z \
    -in "$W/$1.csr" -out "$1.cert.pem"
}

# leaf ca name cn sans start end: name.cert.pem and name.key.pem (traditional encrypted PEM,
# AES-256-CBC, as TIBCO's samples).
leaf() {
  openssl req -newkey rsa:2048 -nodes -keyout "$W/$2.key" -out "$W/$2.csr" \
    -subj "/O=emsftlint test/CN=$3"
  SAN="$4" openssl ca -batch -notext -config "$W/$1.cnf" -extensions leaf \
    -startdate "$5" -enddate "$6" -in "$W/$2.csr" -out "$2.cert.pem"
  openssl rsa -in "$W/$2.key" -traditional -aes256 -passout $P -out "$2.key.pem"
}

make_ca ca "/O=emsftlint test/CN=emsftlint FT CA"
make_ca other-ca "/O=emsftlint test/CN=emsftlint Other CA"

SHARED="DNS:ems.example.com,DNS:ems-a.example.com,DNS:ems-b.example.com"
# The identity both servers share (TIBCO: unshared state needs "the same certificate(s)").
leaf ca ems ems.example.com "$SHARED" 20250101000000Z 20350101000000Z
# One certificate per host.
leaf ca ems-a ems-a.example.com DNS:ems-a.example.com 20250101000000Z 20350101000000Z
leaf ca ems-b ems-b.example.com DNS:ems-b.example.com 20250101000000Z 20350101000000Z
# The backup's certificate from another CA.
leaf other-ca ems-other ems.example.com "$SHARED" 20250101000000Z 20350101000000Z
# Validity: expired on 2026-11-01, expiring on 2026-12-10, a year earlier than `ems`.
leaf ca ems-expired ems.example.com "$SHARED" 20241101000000Z 20261101000000Z
leaf ca ems-expiring ems.example.com "$SHARED" 20251210000000Z 20261210000000Z
leaf ca ems-2034 ems.example.com "$SHARED" 20250101000000Z 20340101000000Z

# The shared identity in other formats: PKCS#12 with the CA, DER, encrypted PKCS#8 DER.
openssl rsa -in ems.key.pem -passin $P -out "$W/ems.plain.key"
openssl pkcs12 -export -in ems.cert.pem -inkey "$W/ems.plain.key" -certfile ca.cert.pem \
  -passout $P -out ems.p12
openssl x509 -in ems.cert.pem -outform DER -out ems.cert.der
openssl pkcs8 -topk8 -in "$W/ems.plain.key" -passout $P -outform DER -out ems.key.p8

# Both CAs in one PEM file (a trust bundle).
cat ca.cert.pem other-ca.cert.pem > cas.pem
