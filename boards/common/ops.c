/* The benchmarked operations (ops.h), on the arena layout of host/engine.ts. */
#include "ops.h"

#include "ember-internal.h"

#define E (&ember_instance)

static uint32_t ctx, params, input, output;
static uint32_t length;

void ops_length(uint32_t bytes) { length = bytes; }

void ops_setup(void) {
  ember_init();
  uint32_t base = Z_emberZ_arenaPtr(E);
  ctx = base;
  params = base + 4096;
  input = base + 8192;
  output = base + 24576;
  /* Arbitrary public inputs: the cost does not depend on the values. */
  uint8_t* memory = ember_span(base, Z_emberZ_arenaSize(E));
  for (uint32_t i = 0; i < Z_emberZ_arenaSize(E); i++) memory[i] = (uint8_t)(i * 131 + 7);
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

const struct op ops[] = {
    {"sha256", sha256, 1024},
    {"sha256", sha256, 16384},
    {"chacha20-poly1305", chacha20_poly1305, 1024},
    {"chacha20-poly1305", chacha20_poly1305, 16384},
    {"aes-128-gcm", aes_128_gcm, 1024},
    {"aes-128-gcm", aes_128_gcm, 16384},
    {"x25519", x25519, 0},
};
const size_t ops_count = sizeof ops / sizeof ops[0];
