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
 * still, equal signatures must get equal ids. A signature is at most a few
 * value types, so it is packed into one word (4 bits per type, params then a
 * separator, then results) and the word itself is the id.
 */
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  if (params + results > 6) wasm_rt_trap(WASM_RT_TRAP_RUNTIME);
  uint32_t id = 1;
  va_list types;
  va_start(types, results);
  for (uint32_t i = 0; i < params + results; i++) {
    if (i == params) id = (id << 4) | 0xF;
    id = (id << 4) | (uint32_t)va_arg(types, int);
  }
  va_end(types);
  return id;
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
