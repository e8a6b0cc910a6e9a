/*
 * The wasm2c runtime for microcontrollers (see wasm-rt.h): static linear
 * memory, traps routed to the firmware's ember_trap(), no OS, no malloc.
 */
#include <stdarg.h>
#include <string.h>

#include "wasm-rt.h"
#include "embertls.h"

/* The engine's linear memory. Aligned so that word accesses at word-aligned
 * wasm addresses are word-aligned in C too (ember-memory.h relies on it). */
__attribute__((aligned(8))) uint8_t ember_linear_memory[EMBER_MEMORY_BYTES];

static bool initialized;

void wasm_rt_init(void) { initialized = true; }
bool wasm_rt_is_initialized(void) { return initialized; }
void wasm_rt_free(void) { initialized = false; }

void wasm_rt_trap(wasm_rt_trap_t code) {
  ember_trap((int)code);
  /* ember_trap must not return; if a port's does, stop here rather than
   * resume generated code whose invariants no longer hold. */
  for (;;) {
  }
}

/*
 * Signatures are only compared by call_indirect, which build-c.mjs rejects;
 * still, equal signatures must get equal ids, so they are interned. A
 * signature is packed into one word: the two counts, then 3 bits per value
 * type (wasm_rt_type_t has 6 values), which holds 18 types.
 */
#define MAX_SIGNATURES 64

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  static uint64_t interned[MAX_SIGNATURES];
  static uint32_t count;
  if (params + results > 18) wasm_rt_trap(WASM_RT_TRAP_RUNTIME);
  uint64_t key = params | (uint64_t)results << 5;
  va_list types;
  va_start(types, results);
  for (uint32_t i = 0; i < params + results; i++) key |= (uint64_t)va_arg(types, int) << (10 + 3 * i);
  va_end(types);
  for (uint32_t i = 0; i < count; i++)
    if (interned[i] == key) return i;
  if (count == MAX_SIGNATURES) wasm_rt_trap(WASM_RT_TRAP_RUNTIME);
  interned[count] = key;
  return count++;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t* memory, uint32_t initial_pages,
                             uint32_t max_pages) {
  /* A profile may reserve less than the module declares (RAM is scarce; the
   * engine allocates nothing, so it never touches memory past its static
   * data). Any access beyond EMBER_MEMORY_BYTES still traps. */
  uint64_t declared = (uint64_t)initial_pages * 65536u;
  memory->data = ember_linear_memory;
  memory->pages = initial_pages;
  memory->max_pages = max_pages;
  memory->size = declared < EMBER_MEMORY_BYTES ? (uint32_t)declared : EMBER_MEMORY_BYTES;
  /* Wasm memory starts zeroed; a re-instantiated engine must not see the
   * previous instance's secrets. */
  memset(ember_linear_memory, 0, sizeof ember_linear_memory);
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t pages) {
  (void)memory;
  (void)pages;
  return UINT32_MAX;
}

void wasm_rt_free_memory(wasm_rt_memory_t* memory) {
  memset(ember_linear_memory, 0, sizeof ember_linear_memory);
  memory->size = 0;
}
