/*
 * The board test runner for public-key crypto: every P-256, ECDSA, Ed25519
 * and RSA vector of build/boards/vectors/vectors.h through embertls.h, plus
 * forgeries and malformed keys, which must come back as error codes (never a
 * trap, never EMBER_OK). A firmware of its own because RAM is scarce where
 * .rodata sits in DRAM (lx106): the symmetric runner and this one fit apart,
 * not together. Same output and exit status as runner.c.
 */
#include <string.h>

#include "board.h"
#include "embertls.h"
#include "report.h"
#include "vectors.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Scratch for forged copies: the longest input is RFC 8032's TEST 1024
 * message (1023 bytes). */
static uint8_t forged[1100];

static const uint8_t* flip(const uint8_t* src, uint32_t len, uint32_t at) {
  memcpy(forged, src, len);
  forged[at] ^= 0x01;
  return forged;
}

/* ---- P-256 keys and ECDH ---------------------------------------------------- */

/* 1 when ECDH with this peer key returns EMBER_INVALID_POINT and leaves the
 * output alone. */
static int refuses_point(const uint8_t* priv, const uint8_t* point, size_t len) {
  uint8_t shared[32];
  memset(shared, 0xEE, 32);
  int status = ember_ecdh_p256(priv, point, len, shared);
  int untouched = 1;
  for (int i = 0; i < 32; i++) untouched &= shared[i] == 0xEE;
  return status == EMBER_INVALID_POINT && untouched;
}

static void run_p256(void) {
  for (size_t i = 0; i < COUNT(p256_vectors); i++) {
    const struct p256_vector* v = &p256_vectors[i];
    uint8_t point[65], shared[32];
    int status = ember_p256_public_key(v->private_key, point);
    report_check(v->name, "public key", status == EMBER_OK && memcmp(point, v->public_key, 65) == 0);
    if (!v->peer) continue;
    status = ember_ecdh_p256(v->private_key, v->peer, 65, shared);
    report_check(v->name, "shared secret", status == EMBER_OK && memcmp(shared, v->shared, 32) == 0);
  }

  /* Invalid peer keys (SEC1 §3.2.2.1), each a variation of a valid one. */
  const struct p256_vector* v = &p256_vectors[COUNT(p256_vectors) - 1];
  static uint8_t point[65];
  report_check("ECDH refuses a point off the curve", "y with one bit flipped", refuses_point(v->private_key, flip(v->peer, 65, 64), 65));
  memcpy(point, v->peer, 65);
  point[0] = 0x05;
  report_check("ECDH refuses an unknown point encoding", "prefix 05", refuses_point(v->private_key, point, 65));
  report_check("ECDH refuses a point without its prefix", "64 bytes", refuses_point(v->private_key, v->peer + 1, 64));
  report_check("ECDH refuses a compressed point", "33 bytes", refuses_point(v->private_key, v->peer, 33));
  report_check("ECDH refuses a key longer than any point", "200 bytes", refuses_point(v->private_key, forged, 200));
  memset(point + 1, 0xFF, 32);
  report_check("ECDH refuses a coordinate >= p", "x = 2^256 - 1", refuses_point(v->private_key, point, 65));
  memset(point, 0, 65);
  point[0] = 0x04;
  report_check("ECDH refuses the all-zero point", "(0, 0)", refuses_point(v->private_key, point, 65));

  /* Private keys outside [1, n-1]: 0 and 2^256 - 1 (> n). */
  static const uint8_t zero[32];
  uint8_t ones[32], shared[32], sig[EMBER_ECDSA_P256_MAX_SIGNATURE];
  size_t sig_len = 0;
  memset(ones, 0xFF, 32);
  report_check("P-256 refuses the private key 0", "public key", ember_p256_public_key(zero, point) == EMBER_INVALID_PRIVATE_KEY);
  report_check("P-256 refuses the private key 2^256 - 1", "public key", ember_p256_public_key(ones, point) == EMBER_INVALID_PRIVATE_KEY);
  report_check("P-256 refuses the private key 0", "ECDH", ember_ecdh_p256(zero, v->peer, 65, shared) == EMBER_INVALID_PRIVATE_KEY);
  report_check("P-256 refuses the private key 0", "ECDSA sign",
               ember_ecdsa_p256_sign(zero, NULL, 0, sig, &sig_len) == EMBER_INVALID_PRIVATE_KEY && sig_len == 0);
  report_check("P-256 refuses the private key 2^256 - 1", "ECDSA sign",
               ember_ecdsa_p256_sign(ones, NULL, 0, sig, &sig_len) == EMBER_INVALID_PRIVATE_KEY && sig_len == 0);
}

/* ---- ECDSA ------------------------------------------------------------------ */

static int ecdsa_verify(const struct ecdsa_vector* v, const uint8_t* key, size_t key_len, const uint8_t* message,
                        size_t len, const uint8_t* sig, size_t sig_len) {
  return ember_ecdsa_verify((enum ember_curve)v->curve, (enum ember_hash)v->hash, key, key_len, message, len, sig, sig_len);
}

static void run_ecdsa(void) {
  int curve_done[2] = {0, 0};
  for (size_t i = 0; i < COUNT(ecdsa_vectors); i++) {
    const struct ecdsa_vector* v = &ecdsa_vectors[i];
    const uint8_t *key = v->public_key, *msg = v->message, *sig = v->signature;
    uint32_t key_len = v->public_key_len, len = v->message_len, sig_len = v->signature_len;
    report_check(v->name, "verify", ecdsa_verify(v, key, key_len, msg, len, sig, sig_len) == EMBER_OK);
    if (v->private_key) {
      uint8_t mine[EMBER_ECDSA_P256_MAX_SIGNATURE];
      size_t mine_len = 0;
      int status = ember_ecdsa_p256_sign(v->private_key, msg, len, mine, &mine_len);
      report_check(v->name, "sign (RFC 6979 nonce)", status == EMBER_OK && mine_len == sig_len && memcmp(mine, sig, sig_len) == 0);
    }
    report_check(v->name, "verify refuses a signature with one bit flipped",
                 ecdsa_verify(v, key, key_len, msg, len, flip(sig, sig_len, sig_len - 1), sig_len) == EMBER_BAD_SIGNATURE);
    /* The other forgeries once per curve: a verify costs millions of
     * instructions, and they exercise parsing, not arithmetic. */
    if (curve_done[v->curve]++) continue;
    report_check(v->name, "verify refuses another message",
                 ecdsa_verify(v, key, key_len, flip(msg, len, 0), len, sig, sig_len) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "verify refuses a public key off the curve",
                 ecdsa_verify(v, flip(key, key_len, key_len - 1), key_len, msg, len, sig, sig_len) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "verify refuses a truncated signature",
                 ecdsa_verify(v, key, key_len, msg, len, sig, sig_len - 1) == EMBER_BAD_SIGNATURE);
    memcpy(forged, sig, sig_len);
    forged[sig_len] = 0;
    report_check(v->name, "verify refuses a signature with a trailing byte",
                 ecdsa_verify(v, key, key_len, msg, len, forged, sig_len + 1) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "verify refuses the key on the other curve",
                 ember_ecdsa_verify((enum ember_curve)(v->curve ^ 1), (enum ember_hash)v->hash, key, key_len, msg, len, sig,
                                    sig_len) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "an unknown hash is EMBER_BAD_ARGUMENT",
                 ember_ecdsa_verify((enum ember_curve)v->curve, (enum ember_hash)3, key, key_len, msg, len, sig, sig_len) ==
                     EMBER_BAD_ARGUMENT);
  }
}

/* ---- Ed25519 ---------------------------------------------------------------- */

static void run_ed25519(void) {
  for (size_t i = 0; i < COUNT(ed25519_vectors); i++) {
    const struct ed25519_vector* v = &ed25519_vectors[i];
    const uint8_t *key = v->public_key, *msg = v->message, *sig = v->signature;
    uint32_t len = v->message_len;
    report_check(v->name, "verify", ember_ed25519_verify(key, msg, len, sig) == EMBER_OK);
    report_check(v->name, "verify refuses R with one bit flipped", ember_ed25519_verify(key, msg, len, flip(sig, 64, 0)) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "verify refuses S with one bit flipped", ember_ed25519_verify(key, msg, len, flip(sig, 64, 32)) == EMBER_BAD_SIGNATURE);
    /* An empty message is forged by appending a byte. */
    int other = len > 0 ? ember_ed25519_verify(key, flip(msg, len, len - 1), len, sig)
                        : ember_ed25519_verify(key, (const uint8_t*)"", 1, sig);
    report_check(v->name, "verify refuses another message", other == EMBER_BAD_SIGNATURE);
  }
  /* The identity (y = 1) has small order: RFC 8032 §5.1.7 accepts no key a
   * signature can be forged for without the private key. */
  const struct ed25519_vector* v = &ed25519_vectors[0];
  uint8_t identity[32] = {1};
  report_check("Ed25519 refuses a small-order public key", "the identity",
               ember_ed25519_verify(identity, v->message, v->message_len, v->signature) == EMBER_BAD_SIGNATURE);
  uint8_t high_s[64];
  memcpy(high_s, v->signature, 64);
  high_s[63] |= 0xF0;
  report_check("Ed25519 refuses S >= L", "top bits of S set", ember_ed25519_verify(v->public_key, v->message, v->message_len, high_s) == EMBER_BAD_SIGNATURE);
}

/* ---- RSA -------------------------------------------------------------------- */

static int rsa_verify(const struct rsa_vector* v, size_t salt, const uint8_t* spki, size_t spki_len, const uint8_t* sig,
                      size_t sig_len) {
  return ember_rsa_verify((enum ember_rsa_scheme)v->scheme, (enum ember_hash)v->hash, salt, spki, spki_len, v->message,
                          v->message_len, sig, sig_len);
}

static void run_rsa(void) {
  int scheme_done[2] = {0, 0};
  for (size_t i = 0; i < COUNT(rsa_vectors); i++) {
    const struct rsa_vector* v = &rsa_vectors[i];
    const uint8_t *spki = v->spki, *sig = v->signature;
    uint32_t spki_len = v->spki_len, sig_len = v->signature_len;
    int status = rsa_verify(v, v->salt_len, spki, spki_len, sig, sig_len);
    report_check(v->name, v->valid ? "verifies" : "is refused", status == (v->valid ? EMBER_OK : EMBER_BAD_SIGNATURE));
    if (!v->valid) continue;
    report_check(v->name, "verify refuses a signature with one bit flipped",
                 rsa_verify(v, v->salt_len, spki, spki_len, flip(sig, sig_len, sig_len - 1), sig_len) == EMBER_BAD_SIGNATURE);
    if (v->scheme == EMBER_RSA_PSS) {
      report_check(v->name, "verifies with any salt length", rsa_verify(v, EMBER_RSA_PSS_ANY_SALT, spki, spki_len, sig, sig_len) == EMBER_OK);
      report_check(v->name, "verify refuses salt length 31", rsa_verify(v, 31, spki, spki_len, sig, sig_len) == EMBER_BAD_SIGNATURE);
    }
    if (scheme_done[v->scheme]++) continue;
    report_check(v->name, "verify refuses a truncated signature", rsa_verify(v, v->salt_len, spki, spki_len, sig, sig_len - 1) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "verify refuses a truncated key", rsa_verify(v, v->salt_len, spki, spki_len - 1, sig, sig_len) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "verify refuses a key with its modulus changed",
                 rsa_verify(v, v->salt_len, flip(spki, spki_len, spki_len - 8), spki_len, sig, sig_len) == EMBER_BAD_SIGNATURE);
    report_check(v->name, "an unknown scheme is EMBER_BAD_ARGUMENT",
                 ember_rsa_verify((enum ember_rsa_scheme)2, (enum ember_hash)v->hash, 0, spki, spki_len, v->message,
                                  v->message_len, sig, sig_len) == EMBER_BAD_ARGUMENT);
  }
}

int main(void) {
  ember_init();
  run_p256();
  run_ecdsa();
  run_ed25519();
  run_rsa();
  return report_summary();
}
