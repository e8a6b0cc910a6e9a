/*
 * embertls.h's crypto calls over the engine's exports (assembly/exports/).
 * C buffers are streamed through the arena in the same layout the Node host
 * uses (host/engine.ts): context, parameters, one input and one output chunk.
 * Every call zeroes the arena slots it used before returning, so no key or
 * text stays in engine memory (the host's wipeArena()).
 */
#include <string.h>

#include "ember-internal.h"

#define CTX 0u
#define PARAMS 4096u
#define INPUT 8192u
#define OUTPUT 24576u
#define CHUNK 16384u

static uint32_t arena(void) { return Z_emberZ_arenaPtr(&ember_instance); }

/* The highest byte offset used in each data slot since the last wipe(). */
static uint32_t params_used, input_used, output_used;

static uint32_t* used_in(uint32_t slot) {
  return slot == PARAMS ? &params_used : slot == INPUT ? &input_used : &output_used;
}

/* Copies n bytes into the arena slot at offset at and returns their engine
 * address. */
static uint32_t put(uint32_t slot, uint32_t at, const void* src, size_t n) {
  uint32_t* used = used_in(slot);
  if (at + n > *used) *used = at + (uint32_t)n;
  uint32_t ptr = arena() + slot + at;
  memcpy(ember_span(ptr, (uint32_t)n), src, n);
  return ptr;
}

/* Copies n bytes out of the arena slot at offset at. */
static void get(void* dst, uint32_t slot, uint32_t at, size_t n) {
  uint32_t* used = used_in(slot);
  if (at + n > *used) *used = at + (uint32_t)n;
  memcpy(dst, ember_span(arena() + slot + at, (uint32_t)n), n);
}

/* Zeroes the context slot and what the call used of the others (the host's
 * wipeArena()): keys, text and state must not outlive the call. */
static void wipe(void) {
  uint32_t base = arena();
  memset(ember_span(base + CTX, PARAMS - CTX), 0, PARAMS - CTX);
  memset(ember_span(base + PARAMS, params_used), 0, params_used);
  memset(ember_span(base + INPUT, input_used), 0, input_used);
  memset(ember_span(base + OUTPUT, output_used), 0, output_used);
  params_used = input_used = output_used = 0;
}

/* ---- SHA-2 ---------------------------------------------------------------- */

void ember_hash_begin(enum ember_hash hash) { Z_emberZ_hashInit(&ember_instance, arena() + CTX, (u32)hash); }

void ember_hash_update(const uint8_t* data, size_t len) {
  uint32_t base = arena();
  while (len > 0) {
    uint32_t n = len < CHUNK ? (uint32_t)len : CHUNK;
    Z_emberZ_hashUpdate(&ember_instance, base + CTX, put(INPUT, 0, data, n), n);
    data += n;
    len -= n;
  }
}

size_t ember_hash_end(uint8_t* digest) {
  size_t n = Z_emberZ_hashFinal(&ember_instance, arena() + CTX, arena() + OUTPUT);
  get(digest, OUTPUT, 0, n);
  wipe();
  return n;
}

static void hash(enum ember_hash h, const uint8_t* data, size_t len, uint8_t* digest) {
  ember_hash_begin(h);
  ember_hash_update(data, len);
  ember_hash_end(digest);
}

void ember_sha256(const uint8_t* data, size_t len, uint8_t digest[32]) { hash(EMBER_SHA256, data, len, digest); }
void ember_sha384(const uint8_t* data, size_t len, uint8_t digest[48]) { hash(EMBER_SHA384, data, len, digest); }
void ember_sha512(const uint8_t* data, size_t len, uint8_t digest[64]) { hash(EMBER_SHA512, data, len, digest); }

/* ---- X25519 ------------------------------------------------------------- */

int ember_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]) {
  uint32_t all_zero = Z_emberZ_x25519ScalarMult(&ember_instance, arena() + OUTPUT, put(PARAMS, 0, scalar, 32),
                                                put(PARAMS, 32, point, 32));
  get(out, OUTPUT, 0, 32);
  wipe();
  /* all_zero is public: the result is about to be discarded as an error. */
  return all_zero ? EMBER_WEAK_PUBLIC_KEY : EMBER_OK;
}

void ember_x25519_public_key(uint8_t out[32], const uint8_t scalar[32]) {
  Z_emberZ_x25519ScalarMultBase(&ember_instance, arena() + OUTPUT, put(PARAMS, 0, scalar, 32));
  get(out, OUTPUT, 0, 32);
  wipe();
}

/* ---- AEADs ---------------------------------------------------------------
 * ChaCha20-Poly1305 and AES-GCM share one driver: their exports have the same
 * shape (init, AAD, encrypt, authenticate, verify, decrypt, finish), adapted
 * below. Parameters sit in the params slot: key, nonce, tag.
 */

#define KEY_AT 0u
#define NONCE_AT 32u
#define TAG_AT 48u

struct aead {
  /* 1 when the key length is accepted. */
  uint32_t (*init)(uint32_t ctx, uint32_t key, uint32_t key_len, uint32_t nonce);
  void (*aad)(uint32_t ctx, uint32_t ptr, uint32_t len);
  void (*encrypt)(uint32_t ctx, uint32_t src, uint32_t dst, uint32_t len);
  void (*authenticate)(uint32_t ctx, uint32_t ptr, uint32_t len);
  /* 1 when the tag verifies; then ctx is ready for decrypt from the start. */
  uint32_t (*verify)(uint32_t ctx, uint32_t tag, uint32_t key, uint32_t nonce);
  void (*decrypt)(uint32_t ctx, uint32_t src, uint32_t dst, uint32_t len);
  void (*finish)(uint32_t ctx, uint32_t tag);
};

/* ChaCha20-Poly1305's text calls only fail past RFC 8439's P_MAX (256 GB),
 * beyond any size_t here, so their status is not looked at. */
static uint32_t chacha_init(uint32_t ctx, uint32_t key, uint32_t key_len, uint32_t nonce) {
  if (key_len != 32) return 0;
  Z_emberZ_chacha20Poly1305Init(&ember_instance, ctx, key, nonce);
  return 1;
}
static void chacha_aad(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_chacha20Poly1305Aad(&ember_instance, ctx, p, n); }
static void chacha_encrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) {
  Z_emberZ_chacha20Poly1305Encrypt(&ember_instance, ctx, s, d, n);
}
static void chacha_authenticate(uint32_t ctx, uint32_t p, uint32_t n) {
  Z_emberZ_chacha20Poly1305Authenticate(&ember_instance, ctx, p, n);
}
/* Verify wipes the context, so decryption starts from a fresh one (with no
 * AAD: pass 2 only needs the keystream). */
static uint32_t chacha_verify(uint32_t ctx, uint32_t tag, uint32_t key, uint32_t nonce) {
  if (Z_emberZ_chacha20Poly1305Verify(&ember_instance, ctx, tag) != 0) return 0;
  Z_emberZ_chacha20Poly1305Init(&ember_instance, ctx, key, nonce);
  return 1;
}
static void chacha_decrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) {
  Z_emberZ_chacha20Poly1305Decrypt(&ember_instance, ctx, s, d, n);
}
static void chacha_finish(uint32_t ctx, uint32_t tag) { Z_emberZ_chacha20Poly1305Finish(&ember_instance, ctx, tag); }

static const struct aead CHACHA20_POLY1305 = {chacha_init, chacha_aad, chacha_encrypt, chacha_authenticate,
                                              chacha_verify, chacha_decrypt, chacha_finish};

static uint32_t gcm_init(uint32_t ctx, uint32_t key, uint32_t key_len, uint32_t nonce) {
  return Z_emberZ_gcmInit(&ember_instance, ctx, key, key_len, nonce);
}
static void gcm_aad(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_gcmAad(&ember_instance, ctx, p, n); }
static void gcm_encrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) { Z_emberZ_gcmEncrypt(&ember_instance, ctx, s, d, n); }
static void gcm_authenticate(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_gcmAuthenticate(&ember_instance, ctx, p, n); }
/* gcmVerify keeps the context; gcmCtrXor then runs CTR from the start. */
static uint32_t gcm_verify(uint32_t ctx, uint32_t tag, uint32_t key, uint32_t nonce) {
  (void)key;
  (void)nonce;
  return Z_emberZ_gcmVerify(&ember_instance, ctx, tag);
}
static void gcm_decrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) { Z_emberZ_gcmCtrXor(&ember_instance, ctx, s, d, n); }
static void gcm_finish(uint32_t ctx, uint32_t tag) { Z_emberZ_gcmFinish(&ember_instance, ctx, tag); }

static const struct aead AES_GCM = {gcm_init, gcm_aad, gcm_encrypt, gcm_authenticate, gcm_verify, gcm_decrypt, gcm_finish};

/* Streams len bytes of in through the input slot; with out, also streams the
 * output slot back out. */
static void stream(void (*absorb)(uint32_t, uint32_t, uint32_t), void (*transform)(uint32_t, uint32_t, uint32_t, uint32_t),
                   const uint8_t* in, uint8_t* out, size_t len) {
  uint32_t ctx = arena() + CTX;
  while (len > 0) {
    uint32_t n = len < CHUNK ? (uint32_t)len : CHUNK;
    uint32_t src = put(INPUT, 0, in, n);
    if (transform) {
      transform(ctx, src, arena() + OUTPUT, n);
      get(out, OUTPUT, 0, n);
      out += n;
    } else {
      absorb(ctx, src, n);
    }
    in += n;
    len -= n;
  }
}

/* Keys a context and absorbs the AAD; 0 for a key length a rejects. */
static uint32_t begin(const struct aead* a, const uint8_t* key, size_t key_len, const uint8_t nonce[12],
                      const uint8_t* aad, size_t aad_len) {
  if (key_len > 32) return 0;
  uint32_t k = put(PARAMS, KEY_AT, key, key_len);
  if (!a->init(arena() + CTX, k, (uint32_t)key_len, put(PARAMS, NONCE_AT, nonce, 12))) return 0;
  stream(a->aad, NULL, aad, NULL, aad_len);
  return 1;
}

static int aead_seal(const struct aead* a, const uint8_t* key, size_t key_len, const uint8_t nonce[12],
                const uint8_t* aad, size_t aad_len, const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]) {
  int status = EMBER_BAD_ARGUMENT;
  if (begin(a, key, key_len, nonce, aad, aad_len)) {
    stream(NULL, a->encrypt, in, out, len);
    a->finish(arena() + CTX, arena() + PARAMS + TAG_AT);
    get(tag, PARAMS, TAG_AT, 16);
    status = EMBER_OK;
  }
  wipe();
  return status;
}

/* RFC 8439 §2.8 and SP 800-38D §7.2: the tag covers the ciphertext, so it is
 * checked over all of it before a byte of plaintext is released. */
static int aead_open(const struct aead* a, const uint8_t* key, size_t key_len, const uint8_t nonce[12],
                const uint8_t* aad, size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16],
                uint8_t* out) {
  int status = EMBER_BAD_ARGUMENT;
  if (begin(a, key, key_len, nonce, aad, aad_len)) {
    stream(a->authenticate, NULL, in, NULL, len);
    uint32_t t = put(PARAMS, TAG_AT, tag, 16);
    /* The verdict is public once computed: the peer learns it from the alert. */
    if (a->verify(arena() + CTX, t, arena() + PARAMS + KEY_AT, arena() + PARAMS + NONCE_AT)) {
      stream(NULL, a->decrypt, in, out, len);
      status = EMBER_OK;
    } else {
      status = EMBER_INCORRECT_TAG;
    }
  }
  wipe();
  return status;
}

int ember_chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t* aad,
                                size_t aad_len, const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]) {
  return aead_seal(&CHACHA20_POLY1305, key, 32, nonce, aad, aad_len, in, len, out, tag);
}

int ember_chacha20poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t* aad,
                                size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16], uint8_t* out) {
  return aead_open(&CHACHA20_POLY1305, key, 32, nonce, aad, aad_len, in, len, tag, out);
}

int ember_aes_gcm_seal(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad,
                       size_t aad_len, const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]) {
  return aead_seal(&AES_GCM, key, key_len, nonce, aad, aad_len, in, len, out, tag);
}

int ember_aes_gcm_open(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad,
                       size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16], uint8_t* out) {
  return aead_open(&AES_GCM, key, key_len, nonce, aad, aad_len, in, len, tag, out);
}
