/* What the library's own C files share: the generated module, the instance,
 * ember_span() for turning an engine pointer into a C pointer, and the arena
 * helpers (arena.c) that stage arguments in engine memory. */
#ifndef EMBER_INTERNAL_H_
#define EMBER_INTERNAL_H_

#include "ember.h"
#include "embertls.h"

extern Z_ember_instance_t ember_instance;
extern uint8_t ember_linear_memory[EMBER_MEMORY_BYTES];

/* The C address of engine memory [ptr, ptr + len); traps when the range is
 * not inside it. */
static inline uint8_t* ember_span(uint32_t ptr, uint32_t len) {
  if (UNLIKELY(len > EMBER_MEMORY_BYTES || ptr > EMBER_MEMORY_BYTES - len)) wasm_rt_trap(WASM_RT_TRAP_OOB);
  return ember_linear_memory + ptr;
}

/*
 * The arena's slots, as offsets from its start: the slots the Node host uses
 * (host/engine.ts), with smaller chunks. The context and parameter slots are
 * 4 KiB, the input and output slots one 8 KiB chunk, so the whole arena is
 * 24 KiB and fits with the engine's static data in a 64 KiB linear memory.
 */
#define EMBER_CTX 0u
#define EMBER_PARAMS 4096u
#define EMBER_INPUT 8192u
#define EMBER_OUTPUT 16384u
#define EMBER_CHUNK 8192u

/* True while a TLS connection lives in the arena (tls.c, ember_tls_init to
 * ember_tls_end): the crypto calls must not stage over it. */
extern bool ember_tls_holds_arena;

/* The engine address of offset at in slot. Traps (runtime misuse) while a
 * TLS connection holds the arena. */
uint32_t ember_at(uint32_t slot, uint32_t at);
/* Copies n bytes into slot at offset at and returns their engine address.
 * Traps when they would not fit in the slot: callers bound every length
 * first, so that is a bug here, never bad input. */
uint32_t ember_put(uint32_t slot, uint32_t at, const void* src, size_t n);
/* Copies n bytes out of slot at offset at. */
void ember_get(void* dst, uint32_t slot, uint32_t at, size_t n);
/* Zeroes the context slot and what any call used of the others since the
 * last wipe (the host's wipeArena()): keys, text and state must not outlive
 * the call that put them there. */
void ember_wipe(void);

/* An export that absorbs (ctx, data, len), adapted to drop the instance. */
typedef void (*ember_absorb_fn)(uint32_t ctx, uint32_t data, uint32_t len);
/* Feeds len bytes at in to absorb over the context slot, one input chunk at
 * a time: C buffers of any length through the fixed 16 KiB slot. */
void ember_absorb(ember_absorb_fn absorb, const uint8_t* in, size_t len);

#endif /* EMBER_INTERNAL_H_ */
