/*
 * Footprint firmware (see footprint-none.c): SHA-256 and HMAC as in
 * footprint-hashes.c, plus all of P-256: key derivation, ECDH, ECDSA-P256
 * sign and verify.
 */
#include "embertls.h"

static volatile uint8_t buffer[256];

int main(void) {
  uint8_t* b = (uint8_t*)buffer;
  size_t len;
  ember_init();
  ember_sha256(b, buffer[0], b);
  ember_hmac(EMBER_SHA256, b, 32, b, buffer[1], b + 32);
  ember_p256_public_key(b, b + 32);
  ember_ecdh_p256(b, b + 32, 65, b + 100);
  ember_ecdsa_p256_sign(b, b, buffer[2], b + 128, &len);
  return ember_ecdsa_verify(EMBER_P256, EMBER_SHA256, b + 32, 65, b, buffer[3], b + 128, len);
}
