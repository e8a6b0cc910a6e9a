/* The benchmarked operations (ops.h), on the arena layout of host/engine.ts.
 * Public-key operations run on real keys and signatures from test/vectors
 * (vectors.h's bench_pk_inputs, see scripts/board-vectors.mjs). */
#include "ops.h"

#include <string.h>

#include "ember-internal.h"
#include "vectors.h"

#define E (&ember_instance)

static uint32_t ctx, params, input, output;
static uint32_t length;
uint32_t ops_result;

void ops_length(uint32_t bytes) { length = bytes; }

/* The public-key inputs (bench_pk_inputs, from the vectors) sit in the
 * parameter slot past its first 128 bytes, which the AEADs use (key, nonce,
 * AAD, tag). The operations only read them and write to the output slot,
 * so every run sees the same inputs. */
#define PK 128u

/* The benchmark works on engine memory directly, past the C API's chunks: one
 * 16 KiB input processed in a single call, and a small output slot. */
#define BENCH_INPUT 16384u
#define BENCH_OUTPUT 4096u
#define BENCH_SPAN (8192u + BENCH_INPUT + BENCH_OUTPUT)

void ops_setup(void) {
  ember_init();
  uint32_t base = Z_emberZ_arenaPtr(E);
  ctx = base;
  params = base + 4096;
  input = base + 8192;
  output = input + BENCH_INPUT;
  /* Arbitrary public inputs: the cost does not depend on the values. */
  uint8_t* memory = ember_span(base, BENCH_SPAN);
  for (uint32_t i = 0; i < BENCH_SPAN; i++) memory[i] = (uint8_t)(i * 131 + 7);
  memcpy(memory + 4096 + PK, bench_pk_inputs, sizeof bench_pk_inputs);
}

static void sha256(void) {
  Z_emberZ_hashInit(E, ctx, 0);
  Z_emberZ_hashUpdate(E, ctx, input, length);
  Z_emberZ_hashFinal(E, ctx, output);
}

/* One-shot seals of the input slot in place, key and nonce in params. */
static void chacha20_poly1305(void) {
  Z_emberZ_chacha20Poly1305Seal(E, ctx, params, params + 32, params + 48, 13, input, input, length, params + 64);
}

static void aes_128_gcm(void) {
  Z_emberZ_gcmSeal(E, ctx, params, 16, params + 32, params + 48, 13, input, length, input);
}

/* X25519 of a fixed scalar and point (the cost does not depend on them). */
static void x25519(void) { Z_emberZ_x25519ScalarMult(E, output, params, params + 32); }

/* ---- Public-key operations, each a whole call as a TLS engine makes it ---- */

/* The engine address of a public-key input, and its length. */
#define IN(name) (params + PK + BENCH_##name)
#define LEN(name) BENCH_##name##_LEN

static void p256_public_key(void) { ops_result = Z_emberZ_p256PublicKey(E, IN(P256_PRIV), output); }

static void ecdh_p256(void) { ops_result = Z_emberZ_ecdhP256(E, IN(P256_PRIV), IN(P256_PEER), LEN(P256_PEER), output); }

/* Sign and verify hash their message too (6 bytes: ~1 compression). */
static void ecdsa_p256_sign(void) {
  Z_emberZ_ecdsaInit(E, ctx, 0);
  Z_emberZ_ecdsaUpdate(E, ctx, IN(ECDSA_MSG), LEN(ECDSA_MSG));
  ops_result = Z_emberZ_ecdsaSignFinal(E, ctx, 0, IN(ECDSA_PRIV), output);
}

static void ecdsa_p256_verify(void) {
  Z_emberZ_ecdsaInit(E, ctx, 0);
  Z_emberZ_ecdsaUpdate(E, ctx, IN(ECDSA_MSG), LEN(ECDSA_MSG));
  ops_result = Z_emberZ_ecdsaVerifyFinal(E, ctx, 0, IN(ECDSA_PUB), LEN(ECDSA_PUB), IN(ECDSA_SIG), LEN(ECDSA_SIG));
}

static void ecdsa_p384_verify(void) {
  Z_emberZ_ecdsaInit(E, ctx, 1);
  Z_emberZ_ecdsaUpdate(E, ctx, IN(P384_MSG), LEN(P384_MSG));
  ops_result = Z_emberZ_ecdsaVerifyFinal(E, ctx, 1, IN(P384_PUB), LEN(P384_PUB), IN(P384_SIG), LEN(P384_SIG));
}

static void ed25519_verify(void) {
  ops_result = Z_emberZ_ed25519Verify(E, ctx, IN(ED_PUB), IN(ED_MSG), LEN(ED_MSG), IN(ED_SIG));
}

/* Hash id 0 (SHA-256); scheme 0 (PKCS #1 v1.5) or 1 (PSS, salt length 32). */
static void rsa2048_pkcs1_verify(void) {
  ops_result = Z_emberZ_rsaVerify(E, ctx, IN(RSA_SPKI), LEN(RSA_SPKI), 0, IN(RSA_PKCS1_MSG), LEN(RSA_PKCS1_MSG),
                                  IN(RSA_PKCS1_SIG), LEN(RSA_PKCS1_SIG), 0, 0);
}

static void rsa2048_pss_verify(void) {
  ops_result = Z_emberZ_rsaVerify(E, ctx, IN(RSA_SPKI), LEN(RSA_SPKI), 0, IN(RSA_PSS_MSG), LEN(RSA_PSS_MSG),
                                  IN(RSA_PSS_SIG), LEN(RSA_PSS_SIG), 1, 32);
}

static void rsa4096_public_op(void) {
  ops_result = Z_emberZ_rsaPublicOp(E, IN(RSA4096_N), LEN(RSA4096_N), 65537, IN(RSA4096_SIG), LEN(RSA4096_SIG), output);
}

const struct op ops[] = {
    {"sha256", sha256, 1024},
    {"sha256", sha256, 16384},
    {"chacha20-poly1305", chacha20_poly1305, 1024},
    {"chacha20-poly1305", chacha20_poly1305, 16384},
    {"aes-128-gcm", aes_128_gcm, 1024},
    {"aes-128-gcm", aes_128_gcm, 16384},
    {"x25519", x25519, 0},
    {"p256-public-key", p256_public_key, 0},
    {"ecdh-p256", ecdh_p256, 0},
    {"ecdsa-p256-sign", ecdsa_p256_sign, 0},
    {"ecdsa-p256-verify", ecdsa_p256_verify, 0},
    {"ecdsa-p384-verify", ecdsa_p384_verify, 0},
    {"ed25519-verify", ed25519_verify, 0},
    {"rsa2048-pkcs1-verify", rsa2048_pkcs1_verify, 0},
    {"rsa2048-pss-verify", rsa2048_pss_verify, 0},
    {"rsa4096-public-op", rsa4096_public_op, 0},
};
const size_t ops_count = sizeof ops / sizeof ops[0];
