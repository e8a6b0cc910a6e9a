/* What the library's own C files share: the generated module, the instance,
 * and ember_span() for turning an engine pointer into a C pointer. */
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

#endif /* EMBER_INTERNAL_H_ */
