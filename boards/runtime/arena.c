/*
 * Staging C buffers in the engine's arena (ember-internal.h): the one place
 * that copies bytes across the boundary and keeps track of what must be
 * wiped afterwards.
 */
#include <string.h>

#include "ember-internal.h"

/* Set by tls.c; defined here so that a build without the TLS client links. */
bool ember_tls_holds_arena;

static const uint32_t SLOT_SIZE[] = {4096u, 4096u, EMBER_CHUNK, EMBER_CHUNK};

/* The highest byte offset used in each data slot since the last wipe. */
static uint32_t used[4];

static uint32_t index_of(uint32_t slot) {
  return slot == EMBER_CTX ? 0 : slot == EMBER_PARAMS ? 1 : slot == EMBER_INPUT ? 2 : 3;
}

uint32_t ember_at(uint32_t slot, uint32_t at) {
  /* Every crypto call comes through here before it stages anything. */
  if (ember_tls_holds_arena) wasm_rt_trap(WASM_RT_TRAP_RUNTIME);
  return Z_emberZ_arenaPtr(&ember_instance) + slot + at;
}

/* Records [at, at + n) of slot as used, trapping past the slot's end. */
static uint32_t claim(uint32_t slot, uint32_t at, size_t n) {
  uint32_t i = index_of(slot);
  if (n > SLOT_SIZE[i] || at > SLOT_SIZE[i] - n) wasm_rt_trap(WASM_RT_TRAP_OOB);
  if (at + n > used[i]) used[i] = at + (uint32_t)n;
  return ember_at(slot, at);
}

uint32_t ember_put(uint32_t slot, uint32_t at, const void* src, size_t n) {
  uint32_t ptr = claim(slot, at, n);
  /* memcpy from NULL is undefined even for n = 0 (an empty message). */
  if (n > 0) memcpy(ember_span(ptr, (uint32_t)n), src, n);
  return ptr;
}

void ember_get(void* dst, uint32_t slot, uint32_t at, size_t n) {
  uint32_t ptr = claim(slot, at, n);
  if (n > 0) memcpy(dst, ember_span(ptr, (uint32_t)n), n);
}

void ember_wipe(void) {
  /* The context slot is always wiped whole: exports write state there
   * without going through ember_put. */
  used[0] = SLOT_SIZE[0];
  static const uint32_t slots[] = {EMBER_CTX, EMBER_PARAMS, EMBER_INPUT, EMBER_OUTPUT};
  for (uint32_t i = 0; i < 4; i++) {
    memset(ember_span(ember_at(slots[i], 0), used[i]), 0, used[i]);
    used[i] = 0;
  }
}

void ember_absorb(ember_absorb_fn absorb, const uint8_t* in, size_t len) {
  uint32_t ctx = ember_at(EMBER_CTX, 0);
  while (len > 0) {
    uint32_t n = len < EMBER_CHUNK ? (uint32_t)len : EMBER_CHUNK;
    absorb(ctx, ember_put(EMBER_INPUT, 0, in, n), n);
    in += n;
    len -= n;
  }
}
