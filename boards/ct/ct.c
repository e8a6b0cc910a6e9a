/*
 * The harness's driver (see ct.h): `ct-harness list` prints the paths,
 * `ct-harness NAME` runs one in a fresh engine. Run it under
 *   valgrind --error-exitcode=1 --track-origins=yes ct-harness NAME
 * A nonzero exit is a finding (or, for the control paths, the proof that
 * memcheck sees a leak at all).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "ct.h"

Z_ember_instance_t ember_instance;
extern uint8_t ember_linear_memory[];
/* Z_ember_instantiate with the module's imports (generated: ct-glue.c). */
void ct_instantiate(Z_ember_instance_t* e);

/* ---- The engine's imports ------------------------------------------------ */

/* ct.declassify and ct.declassifyBytes (assembly/crypto/ct.ts, EMBER_CT_PROBE
 * builds only): the engine's own declassification points. */
u32 Z_ctZ_declassify(struct Z_ct_instance_t* ct, u32 v) {
  (void)ct;
  return declassify(v);
}
void Z_ctZ_declassifyBytes(struct Z_ct_instance_t* ct, u32 ptr, u32 len) {
  (void)ct;
  VALGRIND_MAKE_MEM_DEFINED(mem(ptr), len);
}

/* env.random and env.time: the TLS engine's; no path here reaches them. */
void Z_envZ_random(struct Z_env_instance_t* env, u32 ptr, u32 len) {
  (void)env;
  memset(ember_linear_memory + ptr, 0x5a, len);
}
u64 Z_envZ_time(struct Z_env_instance_t* env) {
  (void)env;
  return 1735689600u;
}

void ember_trap(int code) {
  fprintf(stderr, "engine trap %d\n", code);
  exit(2);
}

/* ---- ct.h ------------------------------------------------------------------ */

uint32_t at(uint32_t off) { return Z_emberZ_arenaPtr(E) + off; }

uint8_t* mem(uint32_t ptr) { return ember_linear_memory + ptr; }

void copy(uint32_t dst, uint32_t src, size_t n) { memmove(mem(dst), mem(src), n); }

static const char* prefix = "";
void label_prefix(const char* p) { prefix = p; }

static void print_hex(const char* kind, const char* label, const uint8_t* p, size_t n) {
  printf("%s %s%s ", kind, prefix, label);
  for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
  printf("\n");
}

/* xorshift32 over the path's name: the same bytes on every run. */
static uint32_t seed = 2463534242u;

void input_c(const char* label, uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    p[i] = (uint8_t)(seed >> 24);
  }
  print_hex("in", label, p, n);
}

uint32_t input(const char* label, uint32_t ptr, size_t n) {
  input_c(label, mem(ptr), n);
  return ptr;
}

uint32_t input_bytes(const char* label, uint32_t ptr, const uint8_t* data, size_t n) {
  memcpy(ember_linear_memory + ptr, data, n);
  print_hex("in", label, data, n);
  return ptr;
}

void secret_c(const void* p, size_t n) { VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
void secret(uint32_t ptr, size_t n) { secret_c(mem(ptr), n); }

void output_c(const char* label, const uint8_t* p, size_t n) {
  VALGRIND_MAKE_MEM_DEFINED(p, n);
  print_hex("out", label, p, n);
}
void output(const char* label, uint32_t ptr, size_t n) { output_c(label, mem(ptr), n); }

uint32_t declassify(uint32_t v) {
  VALGRIND_MAKE_MEM_DEFINED(&v, sizeof v);
  return v;
}

void verdict(const char* label, uint32_t v) { printf("out %s%s %u\n", prefix, label, v); }

/* ---- Driver ------------------------------------------------------------------ */

static const struct ct_path* const groups[] = {ct_control_paths, ct_aead_paths, ct_mac_paths, ct_pk_paths, ct_capi_paths};

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s list | PATH\n", argv[0]);
    return 2;
  }
  for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
    for (const struct ct_path* p = groups[g]; p->name; p++) {
      if (strcmp(argv[1], "list") == 0) {
        printf("%s\n", p->name);
      } else if (strcmp(argv[1], p->name) == 0) {
        for (const char* c = p->name; *c; c++) seed = seed * 31u + (uint8_t)*c;
        wasm_rt_init();
        Z_ember_init_module();
        ct_instantiate(E);
        Z_emberZ__initialize(E);
        printf("path %s\n", p->name);
        p->run();
        fflush(stdout);
        return 0;
      }
    }
  }
  if (strcmp(argv[1], "list") == 0) return 0;
  fprintf(stderr, "no path %s\n", argv[1]);
  return 2;
}
