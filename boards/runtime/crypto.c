/*
 * embertls.h's crypto calls over the engine's exports (assembly/exports/).
 * C buffers are streamed through the arena in the same layout the Node host
 * uses (host/engine.ts): context, parameters, one input and one output chunk.
 * Every call zeroes the arena slots it used before returning, so no key or
 * text stays in engine memory (the host's wipeArena()).
 */
#include <string.h>

#include "ember-internal.h"

#define CTX 0u
#define PARAMS 4096u
#define INPUT 8192u
#define OUTPUT 24576u
#define CHUNK 16384u

static uint32_t arena(void) { return Z_emberZ_arenaPtr(&ember_instance); }

/* The highest byte offset used in each data slot since the last wipe(). */
static uint32_t params_used, input_used, output_used;

static uint32_t* used_in(uint32_t slot) {
  return slot == PARAMS ? &params_used : slot == INPUT ? &input_used : &output_used;
}

/* Copies n bytes into the arena slot at offset at and returns their engine
 * address. */
static uint32_t put(uint32_t slot, uint32_t at, const void* src, size_t n) {
  uint32_t* used = used_in(slot);
  if (at + n > *used) *used = at + (uint32_t)n;
  uint32_t ptr = arena() + slot + at;
  memcpy(ember_span(ptr, (uint32_t)n), src, n);
  return ptr;
}

/* Copies n bytes out of the arena slot at offset at. */
static void get(void* dst, uint32_t slot, uint32_t at, size_t n) {
  uint32_t* used = used_in(slot);
  if (at + n > *used) *used = at + (uint32_t)n;
  memcpy(dst, ember_span(arena() + slot + at, (uint32_t)n), n);
}

/* Zeroes the context slot and what the call used of the others (the host's
 * wipeArena()): keys, text and state must not outlive the call. */
static void wipe(void) {
  uint32_t base = arena();
  memset(ember_span(base + CTX, PARAMS - CTX), 0, PARAMS - CTX);
  memset(ember_span(base + PARAMS, params_used), 0, params_used);
  memset(ember_span(base + INPUT, input_used), 0, input_used);
  memset(ember_span(base + OUTPUT, output_used), 0, output_used);
  params_used = input_used = output_used = 0;
}

/* ---- SHA-2 ---------------------------------------------------------------- */

void ember_hash_begin(enum ember_hash hash) { Z_emberZ_hashInit(&ember_instance, arena() + CTX, (u32)hash); }

void ember_hash_update(const uint8_t* data, size_t len) {
  uint32_t base = arena();
  while (len > 0) {
    uint32_t n = len < CHUNK ? (uint32_t)len : CHUNK;
    Z_emberZ_hashUpdate(&ember_instance, base + CTX, put(INPUT, 0, data, n), n);
    data += n;
    len -= n;
  }
}

size_t ember_hash_end(uint8_t* digest) {
  size_t n = Z_emberZ_hashFinal(&ember_instance, arena() + CTX, arena() + OUTPUT);
  get(digest, OUTPUT, 0, n);
  wipe();
  return n;
}

static void hash(enum ember_hash h, const uint8_t* data, size_t len, uint8_t* digest) {
  ember_hash_begin(h);
  ember_hash_update(data, len);
  ember_hash_end(digest);
}

void ember_sha256(const uint8_t* data, size_t len, uint8_t digest[32]) { hash(EMBER_SHA256, data, len, digest); }
void ember_sha384(const uint8_t* data, size_t len, uint8_t digest[48]) { hash(EMBER_SHA384, data, len, digest); }
void ember_sha512(const uint8_t* data, size_t len, uint8_t digest[64]) { hash(EMBER_SHA512, data, len, digest); }

/* ---- X25519 ------------------------------------------------------------- */

int ember_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]) {
  uint32_t all_zero = Z_emberZ_x25519ScalarMult(&ember_instance, arena() + OUTPUT, put(PARAMS, 0, scalar, 32),
                                                put(PARAMS, 32, point, 32));
  get(out, OUTPUT, 0, 32);
  wipe();
  /* all_zero is public: the result is about to be discarded as an error. */
  return all_zero ? EMBER_WEAK_PUBLIC_KEY : EMBER_OK;
}

void ember_x25519_public_key(uint8_t out[32], const uint8_t scalar[32]) {
  Z_emberZ_x25519ScalarMultBase(&ember_instance, arena() + OUTPUT, put(PARAMS, 0, scalar, 32));
  get(out, OUTPUT, 0, 32);
  wipe();
}
