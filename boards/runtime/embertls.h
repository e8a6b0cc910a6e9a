/*
 * embertls.h: the one header a firmware includes to use EmberTLS's engine,
 * built from WebAssembly into C by `npm run build:c -- --board NAME`.
 *
 * The engine runs in a private, statically allocated region (its WebAssembly
 * linear memory, sized by the board profile); nothing here allocates. Calls
 * are synchronous and not reentrant: use the engine from one task at a time.
 *
 * A port (the firmware) supplies:
 *   ember_trap()          what to do when the engine traps (a bug, never bad input);
 *   ember_port_random()   entropy, ember_port_time() wall-clock time,
 *   ember_port_trace()    a debug sink: the engine's imports env.random,
 *                         env.time and env.trace. The crypto core imports none
 *                         of them yet; the TLS engine will.
 */
#ifndef EMBERTLS_H_
#define EMBERTLS_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Lifecycle ---------------------------------------------------------- */

/* Instantiates the engine: zeroes its memory and copies its constant tables
 * in. Call once at start-up, and again to wipe all engine state. */
void ember_init(void);

/* ---- Supplied by the port ------------------------------------------------ */

/*
 * Called when the engine traps: an out-of-bounds access in its memory, an
 * `unreachable`, or runtime misuse (code: a wasm_rt_trap_t from the runtime,
 * 1 = out of bounds, 5 = unreachable, 100 = runtime misuse). A trap is a bug
 * in the engine or in how it was built, never the result of bad input: a
 * forged tag or a malformed key returns an error code instead. Must not
 * return (reset, or longjmp out and call ember_init() again).
 */
__attribute__((noreturn)) void ember_trap(int code);

/* Fills out[0..len) with cryptographically secure random bytes. */
void ember_port_random(uint8_t* out, size_t len);
/* Seconds since 1970-01-01 UTC (certificate validity checks). */
uint64_t ember_port_time(void);
/* Receives the engine's debug text; may discard it. */
void ember_port_trace(const char* text, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* EMBERTLS_H_ */
