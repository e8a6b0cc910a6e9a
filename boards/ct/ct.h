/*
 * The valgrind constant-time harness (the "ctgrind" method): secret bytes in
 * the engine's linear memory are marked undefined to memcheck, an operation
 * runs, and memcheck reports every conditional jump and every memory address
 * computed from them. Outputs are marked defined again before they are
 * printed, and values that are public by design (a tag verdict, a signature)
 * are declassified, so any report is a finding.
 *
 * The engine is the wasm2c translation of a module that scripts/ct.mjs builds
 * from the shipped sources plus test/assembly/ct-valgrind-probe.ts, with
 * EMBER_CT_PROBE=1, so that ct.ts's declassify() and declassifyBytes() reach
 * the harness (ct.c), which marks what they pass defined.
 */
#ifndef EMBER_CT_H_
#define EMBER_CT_H_

#include <stddef.h>
#include <stdint.h>

#include "ember.h"

/* The instance boards/runtime's C API (crypto.c, mac.c, pubkey.c) also drives. */
extern Z_ember_instance_t ember_instance;
#define E (&ember_instance)

/* Arena offsets, as in boards/runtime/ember-internal.h (the Node host's layout). */
#define CTX 0u
#define PARAMS 4096u
#define INPUT 8192u
#define OUTPUT 24576u

/* The engine address of arena offset off. */
uint32_t at(uint32_t off);
/* The C address of engine address ptr. */
uint8_t* mem(uint32_t ptr);
/* Copies n bytes of engine memory (definedness travels with them). */
void copy(uint32_t dst, uint32_t src, size_t n);

/* Writes n bytes of test data (deterministic, from the path's name) at
 * engine address ptr and prints them as "in <label> <hex>". */
uint32_t input(const char* label, uint32_t ptr, size_t n);
/* Copies n bytes of given data to ptr and prints them the same way. */
uint32_t input_bytes(const char* label, uint32_t ptr, const uint8_t* data, size_t n);

/* The same on C memory, for the C API's paths (paths-capi.c). */
void input_c(const char* label, uint8_t* p, size_t n);
void secret_c(const void* p, size_t n);
void output_c(const char* label, const uint8_t* p, size_t n);
/* Printed before every label from here on ("" for none). */
void label_prefix(const char* prefix);

/* Marks [ptr, ptr + n) of engine memory undefined: secret from here on. */
void secret(uint32_t ptr, size_t n);
/* Marks [ptr, ptr + n) defined and prints it as "out <label> <hex>". */
void output(const char* label, uint32_t ptr, size_t n);
/* v, marked defined: a value that is public by design (say why at the call). */
uint32_t declassify(uint32_t v);
/* Prints a public number as "out <label> <v>". */
void verdict(const char* label, uint32_t v);

/* A path: one secret operation, run in a fresh engine. */
struct ct_path {
  const char* name;
  void (*run)(void);
};

extern const struct ct_path ct_aead_paths[];
extern const struct ct_path ct_mac_paths[];
extern const struct ct_path ct_pk_paths[];
extern const struct ct_path ct_control_paths[];
extern const struct ct_path ct_capi_paths[];

#endif /* EMBER_CT_H_ */
