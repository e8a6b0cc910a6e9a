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

/* ---- Crypto ---------------------------------------------------------------
 * One-shot calls on C buffers of any length. Inputs are streamed through the
 * engine's 16 KiB working buffers; engine memory that held keys or text is
 * zeroed before each call returns. Buffers may not overlap unless noted.
 */

enum ember_status {
  EMBER_OK = 0,
  EMBER_INCORRECT_TAG = 1,  /* AEAD open: the tag does not verify; no plaintext was written */
  EMBER_BAD_ARGUMENT = 2,   /* a length the algorithm does not accept (e.g. AES key not 16/32) */
  EMBER_WEAK_PUBLIC_KEY = 3 /* X25519: the peer's point has small order (all-zero secret) */
};

/* SHA-2 (FIPS 180-4). */
void ember_sha256(const uint8_t* data, size_t len, uint8_t digest[32]);
void ember_sha384(const uint8_t* data, size_t len, uint8_t digest[48]);
void ember_sha512(const uint8_t* data, size_t len, uint8_t digest[64]);

/* The same incrementally, for messages that do not fit in RAM at once. The
 * state lives in engine memory: one hash at a time, and no other ember_ call
 * between begin and end. */
enum ember_hash { EMBER_SHA256 = 0, EMBER_SHA384 = 1, EMBER_SHA512 = 2 };
void ember_hash_begin(enum ember_hash hash);
void ember_hash_update(const uint8_t* data, size_t len);
/* Writes the digest (32, 48 or 64 bytes) and returns its length. */
size_t ember_hash_end(uint8_t* digest);

/* ChaCha20-Poly1305 (RFC 8439 §2.8). Seal writes len bytes of ciphertext and
 * the 16-byte tag. Open checks the tag over all of the ciphertext first and
 * decrypts only if it verifies (else EMBER_INCORRECT_TAG, out untouched).
 * in and out may be the same buffer. */
int ember_chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t* aad,
                                size_t aad_len, const uint8_t* in, size_t len, uint8_t* out,
                                uint8_t tag[16]);
int ember_chacha20poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t* aad,
                                size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16],
                                uint8_t* out);

/* AES-GCM (NIST SP 800-38D) with a 16- or 32-byte key, a 12-byte nonce and a
 * 16-byte tag; same contract as ChaCha20-Poly1305 above. */
int ember_aes_gcm_seal(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad,
                       size_t aad_len, const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]);
int ember_aes_gcm_open(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad,
                       size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16], uint8_t* out);

/* X25519 (RFC 7748 §5): out = scalar x point. EMBER_WEAK_PUBLIC_KEY when the
 * result is all zeros (RFC 7748 §6.1: the peer sent a small-order point);
 * out is written either way. */
int ember_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]);
/* out = scalar x the base point (u = 9): a public key. */
void ember_x25519_public_key(uint8_t out[32], const uint8_t scalar[32]);

#ifdef __cplusplus
}
#endif

#endif /* EMBERTLS_H_ */
