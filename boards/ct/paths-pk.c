/*
 * Public-key paths: X25519, P-256 key derivation and ECDH, ECDSA-P256
 * signing (RFC 6979 nonce).
 *
 * Secret: the private scalar (and so the RFC 6979 nonce, which HMACs it),
 * and X25519's peer point too (stricter than needed: the ladder never looks
 * at it but through field arithmetic). Public: the P-256 peer point (its
 * validation branches, SEC1 §3.2.2), the message, and results public by
 * design, declassified where they come out: the X25519 all-zero flag and the
 * P-256 status codes (they only say the call is refused), the signature.
 */
#include "ct.h"

#define PRIVATE PARAMS
#define PEER (PARAMS + 64u)
#define PEER_PRIVATE (PARAMS + 192u)
#define MESSAGE INPUT
#define MESSAGE_LEN 100u

/* ---- X25519 (RFC 7748 §5) ---- */

static void x25519(void) {
  /* The peer's key, made in the open. */
  input("peer-private", at(PEER_PRIVATE), 32);
  Z_emberZ_x25519ScalarMultBase(E, at(PEER), at(PEER_PRIVATE));
  output("peer", at(PEER), 32);
  input("private", at(PRIVATE), 32);
  secret(at(PRIVATE), 32);
  secret(at(PEER), 32);
  verdict("all-zero", declassify(Z_emberZ_x25519ScalarMult(E, at(OUTPUT), at(PRIVATE), at(PEER))));
  output("shared", at(OUTPUT), 32);
}

static void x25519_base(void) {
  input("private", at(PRIVATE), 32);
  secret(at(PRIVATE), 32);
  verdict("all-zero", declassify(Z_emberZ_x25519ScalarMultBase(E, at(OUTPUT), at(PRIVATE))));
  output("public", at(OUTPUT), 32);
}

/* ---- P-256 (SEC1 §3.2.1, §3.3.1; FIPS 186-5 §6.4.1) ---- */

static void p256_public_key(void) {
  input("private", at(PRIVATE), 32);
  secret(at(PRIVATE), 32);
  verdict("status", declassify(Z_emberZ_p256PublicKey(E, at(PRIVATE), at(OUTPUT))));
  output("public", at(OUTPUT), 65);
}

static void ecdh_p256(void) {
  input("peer-private", at(PEER_PRIVATE), 32);
  Z_emberZ_p256PublicKey(E, at(PEER_PRIVATE), at(PEER));
  output("peer", at(PEER), 65);
  input("private", at(PRIVATE), 32);
  secret(at(PRIVATE), 32);
  verdict("status", declassify(Z_emberZ_ecdhP256(E, at(PRIVATE), at(PEER), 65, at(OUTPUT))));
  output("shared", at(OUTPUT), 32);
}

static void ecdsa_p256_sign(void) {
  uint32_t ctx = at(CTX);
  input("private", at(PRIVATE), 32);
  input("message", at(MESSAGE), MESSAGE_LEN);
  secret(at(PRIVATE), 32);
  Z_emberZ_ecdsaInit(E, ctx, 0);
  Z_emberZ_ecdsaUpdate(E, ctx, at(MESSAGE), MESSAGE_LEN);
  /* The signature's length follows from r and s, which are public. */
  uint32_t n = declassify(Z_emberZ_ecdsaSignFinal(E, ctx, 0, at(PRIVATE), at(OUTPUT)));
  verdict("length", n);
  output("signature", at(OUTPUT), n);
}

const struct ct_path ct_pk_paths[] = {
    {"x25519", x25519},
    {"x25519-base", x25519_base},
    {"p256-public-key", p256_public_key},
    {"ecdh-p256", ecdh_p256},
    {"ecdsa-p256-sign", ecdsa_p256_sign},
    {0, 0},
};
