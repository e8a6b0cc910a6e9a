/*
 * The operations the benchmarks time, shared by the board benchmark (bench.c)
 * and the native x86-64 comparison (boards/native/timing.c). Each runs on
 * data already in engine memory, through the wasm exports: the TLS engine
 * will call them that way, on records in static memory.
 */
#ifndef OPS_H_
#define OPS_H_

#include <stddef.h>
#include <stdint.h>

struct op {
  const char* name;
  void (*run)(void);
  uint32_t bytes; /* bytes processed, or 0 for a fixed-size operation */
};

extern const struct op ops[];
extern const size_t ops_count;

/* Instantiates the engine and fills its arena with arbitrary public data. */
void ops_setup(void);

/* What the last public-key run() returned (its export's result), so the
 * host can check that the benchmark measured a success: 1 for a valid
 * signature, 0 (EcResult.Ok) for a key or ECDH, a DER length for a
 * signature, the modulus bits for RSAVP1. */
extern uint32_t ops_result;

/* Makes the next run() process this many bytes. */
void ops_length(uint32_t bytes);

#endif /* OPS_H_ */
