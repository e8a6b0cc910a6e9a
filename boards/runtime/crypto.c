/*
 * embertls.h's symmetric crypto calls (SHA-2, X25519, the AEADs) over the
 * engine's exports (assembly/exports/). C buffers are streamed through the
 * arena (arena.c) in the layout the Node host uses: context, parameters, one
 * input and one output chunk. Every call zeroes the arena slots it used
 * before returning, so no key or text stays in engine memory.
 */
#include <string.h>

#include "ember-internal.h"

#define CTX EMBER_CTX
#define PARAMS EMBER_PARAMS
#define INPUT EMBER_INPUT
#define OUTPUT EMBER_OUTPUT
#define CHUNK EMBER_CHUNK

/* ---- SHA-2 ---------------------------------------------------------------- */

void ember_hash_begin(enum ember_hash hash) { Z_emberZ_hashInit(&ember_instance, ember_at(CTX, 0), (u32)hash); }

static void hash_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_hashUpdate(&ember_instance, ctx, p, n); }

void ember_hash_update(const uint8_t* data, size_t len) { ember_absorb(hash_update, data, len); }

size_t ember_hash_end(uint8_t* digest) {
  size_t n = Z_emberZ_hashFinal(&ember_instance, ember_at(CTX, 0), ember_at(OUTPUT, 0));
  ember_get(digest, OUTPUT, 0, n);
  ember_wipe();
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
  uint32_t all_zero = Z_emberZ_x25519ScalarMult(&ember_instance, ember_at(OUTPUT, 0), ember_put(PARAMS, 0, scalar, 32),
                                                ember_put(PARAMS, 32, point, 32));
  ember_get(out, OUTPUT, 0, 32);
  ember_wipe();
  /* all_zero is public: the result is about to be discarded as an error. */
  return all_zero ? EMBER_WEAK_PUBLIC_KEY : EMBER_OK;
}

void ember_x25519_public_key(uint8_t out[32], const uint8_t scalar[32]) {
  Z_emberZ_x25519ScalarMultBase(&ember_instance, ember_at(OUTPUT, 0), ember_put(PARAMS, 0, scalar, 32));
  ember_get(out, OUTPUT, 0, 32);
  ember_wipe();
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

/* Streams len bytes of in through the input slot and the output slot back
 * out to out. */
static void transform(void (*f)(uint32_t, uint32_t, uint32_t, uint32_t), const uint8_t* in, uint8_t* out, size_t len) {
  uint32_t ctx = ember_at(CTX, 0);
  while (len > 0) {
    uint32_t n = len < CHUNK ? (uint32_t)len : CHUNK;
    f(ctx, ember_put(INPUT, 0, in, n), ember_at(OUTPUT, 0), n);
    ember_get(out, OUTPUT, 0, n);
    in += n;
    out += n;
    len -= n;
  }
}

/* Keys a context and absorbs the AAD; 0 for a key length a rejects. */
static uint32_t begin(const struct aead* a, const uint8_t* key, size_t key_len, const uint8_t nonce[12],
                      const uint8_t* aad, size_t aad_len) {
  if (key_len > 32) return 0;
  uint32_t k = ember_put(PARAMS, KEY_AT, key, key_len);
  if (!a->init(ember_at(CTX, 0), k, (uint32_t)key_len, ember_put(PARAMS, NONCE_AT, nonce, 12))) return 0;
  ember_absorb(a->aad, aad, aad_len);
  return 1;
}

static int aead_seal(const struct aead* a, const uint8_t* key, size_t key_len, const uint8_t nonce[12],
                const uint8_t* aad, size_t aad_len, const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]) {
  int status = EMBER_BAD_ARGUMENT;
  if (begin(a, key, key_len, nonce, aad, aad_len)) {
    transform(a->encrypt, in, out, len);
    a->finish(ember_at(CTX, 0), ember_at(PARAMS, TAG_AT));
    ember_get(tag, PARAMS, TAG_AT, 16);
    status = EMBER_OK;
  }
  ember_wipe();
  return status;
}

/* RFC 8439 §2.8 and SP 800-38D §7.2: the tag covers the ciphertext, so it is
 * checked over all of it before a byte of plaintext is released. */
static int aead_open(const struct aead* a, const uint8_t* key, size_t key_len, const uint8_t nonce[12],
                const uint8_t* aad, size_t aad_len, const uint8_t* in, size_t len, const uint8_t tag[16],
                uint8_t* out) {
  int status = EMBER_BAD_ARGUMENT;
  if (begin(a, key, key_len, nonce, aad, aad_len)) {
    ember_absorb(a->authenticate, in, len);
    uint32_t t = ember_put(PARAMS, TAG_AT, tag, 16);
    /* The verdict is public once computed: the peer learns it from the alert. */
    if (a->verify(ember_at(CTX, 0), t, ember_at(PARAMS, KEY_AT), ember_at(PARAMS, NONCE_AT))) {
      transform(a->decrypt, in, out, len);
      status = EMBER_OK;
    } else {
      status = EMBER_INCORRECT_TAG;
    }
  }
  ember_wipe();
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
