#!/usr/bin/env bash
# A local RFC 3161 time-stamp authority made with OpenSSL, for the tests only (never a real TSA):
#   local_tsa.sh setup DIR [FAKE-TIME]       a root and a TSA certificate (valid 30 days) in DIR, made at FAKE-TIME
#   local_tsa.sh stamp DIR REQUEST RESPONSE [FAKE-TIME]   the authority's response to REQUEST, made at FAKE-TIME
# FAKE-TIME (e.g. "2020-01-10 00:00:00") runs OpenSSL under faketime; without it, now.
set -euo pipefail
command="$1" dir="$2"
at() { if [ -n "${fake:-}" ]; then faketime "$fake" "$@"; else "$@"; fi; }
case "$command" in
  setup)
    fake="${3:-}"
    mkdir -p "$dir" && cd "$dir"
    cat > tsa.cnf <<'CONF'
[ tsa ]
default_tsa = local
[ local ]
serial = ./serial
crypto_device = builtin
signer_cert = ./tsa.pem
certs = ./ca.pem
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
[ ext ]
extendedKeyUsage = critical,timeStamping
keyUsage = critical,digitalSignature
basicConstraints = CA:FALSE
CONF
    echo 01 > serial
    at openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
      -subj "/CN=uea-screen test TSA root" -days 3650 2> /dev/null
    at openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tsa.key -out tsa.csr \
      -subj "/CN=uea-screen test TSA" 2> /dev/null
    at openssl x509 -req -in tsa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out tsa.pem -days 30 \
      -extfile tsa.cnf -extensions ext 2> /dev/null
    ;;
  stamp)
    fake="${5:-}"
    request="$(realpath "$3")" response="$(realpath -m "$4")"
    cd "$dir"
    at openssl ts -reply -config tsa.cnf -queryfile "$request" -out "$response" 2> /dev/null
    ;;
esac
