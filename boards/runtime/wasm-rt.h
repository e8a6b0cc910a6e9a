/*
 * wasm-rt.h for microcontrollers: the runtime interface that wasm2c 1.0.32's
 * generated code includes, cut down to what a bare-metal target can honour.
 *
 * It replaces wabt's /usr/include/wasm-rt.h (whose runtime library needs an OS:
 * mmap'd memory, guard pages, signal handlers). Here:
 *   - there is one linear memory, a static array sized by the board profile
 *     (runtime.c); every access is bounds-checked in code (ember-memory.h);
 *   - a trap calls ember_trap(), which the firmware supplies and which must
 *     not return (embertls.h);
 *   - no call-depth counter: scripts/build-c.mjs refuses a module whose call
 *     graph has a cycle or an indirect call, so stack depth is bounded and is
 *     measured by painting the stack (bench/boards.ts).
 * The type and function names are wabt's, because the generated code uses them.
 */
#ifndef WASM_RT_H_
#define WASM_RT_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ember-config.h" /* generated from the board profile */

#ifdef __cplusplus
extern "C" {
#endif

#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define wasm_rt_memcpy __builtin_memcpy
#define wasm_rt_unreachable __builtin_unreachable
#define WASM_RT_NO_RETURN __attribute__((noreturn))

#define WASM_RT_MEMCHECK_SIGNAL_HANDLER 0
#define WASM_RT_USE_STACK_DEPTH_COUNT 0

/* Trap codes; ember_trap() receives one of these. */
typedef enum {
  WASM_RT_TRAP_NONE,
  WASM_RT_TRAP_OOB,               /* linear-memory or table access out of bounds */
  WASM_RT_TRAP_INT_OVERFLOW,
  WASM_RT_TRAP_DIV_BY_ZERO,
  WASM_RT_TRAP_INVALID_CONVERSION,
  WASM_RT_TRAP_UNREACHABLE,       /* the engine reached `unreachable` */
  WASM_RT_TRAP_CALL_INDIRECT,
  WASM_RT_TRAP_UNCAUGHT_EXCEPTION,
  WASM_RT_TRAP_EXHAUSTION,
  WASM_RT_TRAP_RUNTIME = 100,     /* runtime misuse: see runtime.c */
} wasm_rt_trap_t;

typedef enum {
  WASM_RT_I32,
  WASM_RT_I64,
  WASM_RT_F32,
  WASM_RT_F64,
  WASM_RT_FUNCREF,
  WASM_RT_EXTERNREF,
} wasm_rt_type_t;

typedef void (*wasm_rt_function_ptr_t)(void);

typedef struct {
  uint32_t func_type;
  wasm_rt_function_ptr_t func;
  void* module_instance;
} wasm_rt_funcref_t;

static const wasm_rt_funcref_t wasm_rt_funcref_null_value = {0, NULL, NULL};

typedef void* wasm_rt_externref_t;
static const wasm_rt_externref_t wasm_rt_externref_null_value = NULL;

typedef struct {
  uint8_t* data;
  uint32_t pages, max_pages;
  uint32_t size;
} wasm_rt_memory_t;

typedef struct {
  wasm_rt_funcref_t* data;
  uint32_t max_size;
  uint32_t size;
} wasm_rt_funcref_table_t;

typedef struct {
  wasm_rt_externref_t* data;
  uint32_t max_size;
  uint32_t size;
} wasm_rt_externref_table_t;

void wasm_rt_init(void);
bool wasm_rt_is_initialized(void);
void wasm_rt_free(void);
WASM_RT_NO_RETURN void wasm_rt_trap(wasm_rt_trap_t);
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...);

/* Points the memory at the static array; traps if the module asks for more
 * than the board profile reserved (EMBER_MEMORY_BYTES). */
void wasm_rt_allocate_memory(wasm_rt_memory_t*, uint32_t initial_pages, uint32_t max_pages);
/* Always fails (returns UINT32_MAX): the array cannot grow. */
uint32_t wasm_rt_grow_memory(wasm_rt_memory_t*, uint32_t pages);
void wasm_rt_free_memory(wasm_rt_memory_t*);

#ifdef __cplusplus
}
#endif

#endif /* WASM_RT_H_ */
