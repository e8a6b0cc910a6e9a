/* Minimal <alloca.h>: wasm2c includes it; the engine's code never uses it. */
#ifndef EMBER_FREESTANDING_ALLOCA_H_
#define EMBER_FREESTANDING_ALLOCA_H_
#define alloca __builtin_alloca
#endif
