/*
 * embertls.h's public-key calls over the engine's exports
 * (assembly/exports/{ec,ed25519,rsa}.ts): P-256 keys and ECDH, ECDSA sign
 * and verify, Ed25519 and RSA verify. Keys and signatures go into the
 * parameter slot, messages stream through the input slot into the export's
 * own hash, and the arena is wiped before every return (arena.c).
 */
#include "ember-internal.h"

#define E (&ember_instance)

/* The engine's EcResult codes (assembly/crypto/weierstrass.ts). */
#define EC_OK 0u
#define EC_INVALID_PRIVATE_KEY 1u

/* Where keys and signatures sit in the parameter slot (4 KiB). */
#define PRIVATE_AT 0u
#define PUBLIC_AT 64u
#define SIGNATURE_AT 256u
#define OUT_AT 512u
/* Longer than any point or ECDSA signature of P-256 or P-384: refused
 * before it reaches the engine, as malformed. */
#define MAX_EC_ENCODING 192u
/* RSA: the SPKI and the signature of a 4096-bit key are ~550 and 512
 * bytes; anything past these bounds is not a key the engine takes. */
#define RSA_SPKI_AT 0u
#define RSA_MAX_SPKI 2048u
#define RSA_SIGNATURE_AT 2048u
#define RSA_MAX_SIGNATURE 2048u

static int ec_status(uint32_t rc) {
  return rc == EC_OK ? EMBER_OK : rc == EC_INVALID_PRIVATE_KEY ? EMBER_INVALID_PRIVATE_KEY : EMBER_INVALID_POINT;
}

static int verdict(uint32_t valid) { return valid == 1 ? EMBER_OK : EMBER_BAD_SIGNATURE; }

/* ---- P-256 keys and ECDH ---------------------------------------------------- */

int ember_p256_public_key(const uint8_t private_key[32], uint8_t public_key[65]) {
  uint32_t rc = Z_emberZ_p256PublicKey(E, ember_put(EMBER_PARAMS, PRIVATE_AT, private_key, 32),
                                       ember_at(EMBER_PARAMS, OUT_AT));
  if (rc == EC_OK) ember_get(public_key, EMBER_PARAMS, OUT_AT, 65);
  ember_wipe();
  return ec_status(rc);
}

int ember_ecdh_p256(const uint8_t private_key[32], const uint8_t* public_key, size_t public_key_len,
                    uint8_t shared[32]) {
  if (public_key_len > MAX_EC_ENCODING) return EMBER_INVALID_POINT;
  uint32_t rc = Z_emberZ_ecdhP256(E, ember_put(EMBER_PARAMS, PRIVATE_AT, private_key, 32),
                                  ember_put(EMBER_PARAMS, PUBLIC_AT, public_key, public_key_len),
                                  (uint32_t)public_key_len, ember_at(EMBER_PARAMS, OUT_AT));
  if (rc == EC_OK) ember_get(shared, EMBER_PARAMS, OUT_AT, 32);
  ember_wipe();
  return ec_status(rc);
}

/* ---- ECDSA ------------------------------------------------------------------ */

static void ecdsa_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_ecdsaUpdate(E, ctx, p, n); }

int ember_ecdsa_p256_sign(const uint8_t private_key[32], const uint8_t* message, size_t len,
                          uint8_t signature[EMBER_ECDSA_P256_MAX_SIGNATURE], size_t* signature_len) {
  uint32_t ctx = ember_at(EMBER_CTX, 0);
  Z_emberZ_ecdsaInit(E, ctx, EMBER_SHA256);
  ember_absorb(ecdsa_update, message, len);
  uint32_t n = Z_emberZ_ecdsaSignFinal(E, ctx, EMBER_P256, ember_put(EMBER_PARAMS, PRIVATE_AT, private_key, 32),
                                       ember_at(EMBER_PARAMS, OUT_AT));
  int status = EMBER_INVALID_PRIVATE_KEY;
  /* 0 means a key outside [1, n-1]; a signature's length depends on r and
   * s, which are public. */
  if (n > 0) {
    /* P-256's DER signature fits in 72 bytes; more is an engine bug. */
    if (n > EMBER_ECDSA_P256_MAX_SIGNATURE) wasm_rt_trap(WASM_RT_TRAP_RUNTIME);
    ember_get(signature, EMBER_PARAMS, OUT_AT, n);
    *signature_len = n;
    status = EMBER_OK;
  }
  ember_wipe();
  return status;
}

int ember_ecdsa_verify(enum ember_curve curve, enum ember_hash hash, const uint8_t* public_key,
                       size_t public_key_len, const uint8_t* message, size_t len, const uint8_t* signature,
                       size_t signature_len) {
  if ((uint32_t)curve > EMBER_P384 || (uint32_t)hash > EMBER_SHA512) return EMBER_BAD_ARGUMENT;
  if (public_key_len > MAX_EC_ENCODING || signature_len > MAX_EC_ENCODING) return EMBER_BAD_SIGNATURE;
  uint32_t ctx = ember_at(EMBER_CTX, 0);
  Z_emberZ_ecdsaInit(E, ctx, hash);
  ember_absorb(ecdsa_update, message, len);
  uint32_t valid = Z_emberZ_ecdsaVerifyFinal(E, ctx, curve, ember_put(EMBER_PARAMS, PUBLIC_AT, public_key, public_key_len),
                                             (uint32_t)public_key_len,
                                             ember_put(EMBER_PARAMS, SIGNATURE_AT, signature, signature_len),
                                             (uint32_t)signature_len);
  ember_wipe();
  return verdict(valid);
}

/* ---- Ed25519 ---------------------------------------------------------------- */

static void ed25519_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_ed25519VerifyUpdate(E, ctx, p, n); }

int ember_ed25519_verify(const uint8_t public_key[32], const uint8_t* message, size_t len,
                         const uint8_t signature[64]) {
  uint32_t ctx = ember_at(EMBER_CTX, 0);
  uint32_t valid = Z_emberZ_ed25519VerifyInit(E, ctx, ember_put(EMBER_PARAMS, PUBLIC_AT, public_key, 32),
                                              ember_put(EMBER_PARAMS, SIGNATURE_AT, signature, 64));
  /* A key that does not decode or S >= L fails whatever the message: skip
   * hashing it. The verdict is public. */
  if (valid == 1) {
    ember_absorb(ed25519_update, message, len);
    valid = Z_emberZ_ed25519VerifyFinal(E, ctx);
  }
  ember_wipe();
  return verdict(valid);
}

/* ---- RSA -------------------------------------------------------------------- */

static void rsa_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_rsaVerifyUpdate(E, ctx, p, n); }

int ember_rsa_verify(enum ember_rsa_scheme scheme, enum ember_hash hash, size_t salt_len, const uint8_t* spki,
                     size_t spki_len, const uint8_t* message, size_t len, const uint8_t* signature,
                     size_t signature_len) {
  if ((uint32_t)scheme > EMBER_RSA_PSS || (uint32_t)hash > EMBER_SHA512) return EMBER_BAD_ARGUMENT;
  if (spki_len > RSA_MAX_SPKI || signature_len > RSA_MAX_SIGNATURE) return EMBER_BAD_SIGNATURE;
  /* The engine's "any salt length" is 0xFFFFFFFF; a larger size_t (64-bit
   * hosts) can match no salt, so it stays a length that fails. */
  uint32_t salt = salt_len == EMBER_RSA_PSS_ANY_SALT ? 0xFFFFFFFFu : salt_len > 0xFFFFFFFEu ? 0xFFFFFFFEu : (uint32_t)salt_len;
  uint32_t ctx = ember_at(EMBER_CTX, 0);
  Z_emberZ_rsaVerifyInit(E, ctx, hash);
  ember_absorb(rsa_update, message, len);
  uint32_t valid = Z_emberZ_rsaVerifyFinal(E, ctx, ember_put(EMBER_PARAMS, RSA_SPKI_AT, spki, spki_len), (uint32_t)spki_len,
                                           ember_put(EMBER_PARAMS, RSA_SIGNATURE_AT, signature, signature_len),
                                           (uint32_t)signature_len, scheme, salt);
  ember_wipe();
  return verdict(valid);
}
