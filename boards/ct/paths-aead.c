/*
 * AEAD paths: AES-128/256-GCM (GHASH included) and ChaCha20-Poly1305, seal
 * and open, through the incremental exports the C API drives
 * (boards/runtime/crypto.c) and the one-shot ones the TLS record layer calls
 * (assembly/tls/aead.ts).
 *
 * Secret: key, nonce, AAD, text and tag; only lengths are public. That is
 * stricter than TLS needs (AAD is the record header, the tag and ciphertext
 * are on the wire), but the per-record nonce is not public: RFC 8446 §5.3
 * derives it from write_iv, a secret. Open's verdict is public by design
 * (the peer learns it from the alert) and is declassified before the branch.
 */
#include <stdio.h>

#include "ct.h"

#define KEY PARAMS
#define NONCE (PARAMS + 32u)
#define TAG (PARAMS + 48u)
#define AAD (PARAMS + 64u)
#define AAD_LEN 13u
/* Text lengths: empty, a partial block, and blocks plus a tail. */
static const uint32_t LENGTHS[] = {0, 15, 100};
#define COUNT (sizeof LENGTHS / sizeof LENGTHS[0])

struct aead {
  uint32_t key_len;
  void (*init)(uint32_t ctx, uint32_t key, uint32_t key_len, uint32_t nonce);
  void (*aad)(uint32_t ctx, uint32_t p, uint32_t n);
  void (*encrypt)(uint32_t ctx, uint32_t src, uint32_t dst, uint32_t n);
  void (*authenticate)(uint32_t ctx, uint32_t p, uint32_t n);
  /* 1 when the tag verifies; then ctx is ready to decrypt from the start. */
  uint32_t (*verify)(uint32_t ctx, uint32_t tag, uint32_t key, uint32_t nonce);
  void (*decrypt)(uint32_t ctx, uint32_t src, uint32_t dst, uint32_t n);
  void (*finish)(uint32_t ctx, uint32_t tag);
  /* One-shot seal of len bytes at src to dst and tag. */
  void (*seal1)(uint32_t ctx, uint32_t src, uint32_t len, uint32_t dst, uint32_t tag);
  /* One-shot open of len bytes at src followed by their tag, in place; 1 when it verifies. */
  uint32_t (*open1)(uint32_t ctx, uint32_t src, uint32_t len);
};

/* ---- AES-GCM (assembly/exports/gcm.ts) ---- */

static uint32_t gcm_key_len;

static void gcm_init(uint32_t ctx, uint32_t key, uint32_t key_len, uint32_t nonce) {
  Z_emberZ_gcmInit(E, ctx, key, key_len, nonce);
}
static void gcm_aad(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_gcmAad(E, ctx, p, n); }
static void gcm_encrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) { Z_emberZ_gcmEncrypt(E, ctx, s, d, n); }
static void gcm_authenticate(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_gcmAuthenticate(E, ctx, p, n); }
static uint32_t gcm_verify(uint32_t ctx, uint32_t tag, uint32_t key, uint32_t nonce) {
  (void)key;
  (void)nonce;
  /* The verdict is public: the peer learns it from the alert. */
  return declassify(Z_emberZ_gcmVerify(E, ctx, tag));
}
static void gcm_decrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) { Z_emberZ_gcmCtrXor(E, ctx, s, d, n); }
static void gcm_finish(uint32_t ctx, uint32_t tag) { Z_emberZ_gcmFinish(E, ctx, tag); }
static void gcm_seal1(uint32_t ctx, uint32_t src, uint32_t len, uint32_t dst, uint32_t tag) {
  (void)tag; /* gcmSeal writes the tag after the ciphertext */
  Z_emberZ_gcmSeal(E, ctx, at(KEY), gcm_key_len, at(NONCE), at(AAD), AAD_LEN, src, len, dst);
}
static uint32_t gcm_open1(uint32_t ctx, uint32_t src, uint32_t len) {
  return declassify(Z_emberZ_gcmOpen(E, ctx, at(KEY), gcm_key_len, at(NONCE), at(AAD), AAD_LEN, src, len, src + len, src));
}

#define GCM(bits) \
  {bits / 8, gcm_init, gcm_aad, gcm_encrypt, gcm_authenticate, gcm_verify, gcm_decrypt, gcm_finish, gcm_seal1, gcm_open1}
static const struct aead AES128_GCM = GCM(128);
static const struct aead AES256_GCM = GCM(256);

/* ---- ChaCha20-Poly1305 (assembly/exports/chacha.ts); status 0 is Ok ---- */

static void chacha_init(uint32_t ctx, uint32_t key, uint32_t key_len, uint32_t nonce) {
  (void)key_len;
  Z_emberZ_chacha20Poly1305Init(E, ctx, key, nonce);
}
static void chacha_aad(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_chacha20Poly1305Aad(E, ctx, p, n); }
static void chacha_encrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) {
  Z_emberZ_chacha20Poly1305Encrypt(E, ctx, s, d, n);
}
static void chacha_authenticate(uint32_t ctx, uint32_t p, uint32_t n) {
  Z_emberZ_chacha20Poly1305Authenticate(E, ctx, p, n);
}
/* Verify wipes the context: decryption starts from a fresh one. */
static uint32_t chacha_verify(uint32_t ctx, uint32_t tag, uint32_t key, uint32_t nonce) {
  if (declassify(Z_emberZ_chacha20Poly1305Verify(E, ctx, tag)) != 0) return 0;
  Z_emberZ_chacha20Poly1305Init(E, ctx, key, nonce);
  return 1;
}
static void chacha_decrypt(uint32_t ctx, uint32_t s, uint32_t d, uint32_t n) {
  Z_emberZ_chacha20Poly1305Decrypt(E, ctx, s, d, n);
}
static void chacha_finish(uint32_t ctx, uint32_t tag) { Z_emberZ_chacha20Poly1305Finish(E, ctx, tag); }
static void chacha_seal1(uint32_t ctx, uint32_t src, uint32_t len, uint32_t dst, uint32_t tag) {
  Z_emberZ_chacha20Poly1305Seal(E, ctx, at(KEY), at(NONCE), at(AAD), AAD_LEN, src, dst, len, tag);
}
static uint32_t chacha_open1(uint32_t ctx, uint32_t src, uint32_t len) {
  return declassify(Z_emberZ_chacha20Poly1305Open(E, ctx, at(KEY), at(NONCE), at(AAD), AAD_LEN, src, src, len, src + len)) == 0;
}

static const struct aead CHACHA20_POLY1305 = {32, chacha_init, chacha_aad, chacha_encrypt, chacha_authenticate,
                                              chacha_verify, chacha_decrypt, chacha_finish, chacha_seal1, chacha_open1};

/* ---- The paths ---- */

static char label_buf[64];
static const char* label(const char* what, uint32_t len) {
  snprintf(label_buf, sizeof label_buf, "%s.%u", what, len);
  return label_buf;
}

/* Fresh key, nonce and AAD, and len bytes of text at INPUT. */
static void inputs(const struct aead* a, uint32_t len) {
  input(label("key", len), at(KEY), a->key_len);
  input(label("nonce", len), at(NONCE), 12);
  input(label("aad", len), at(AAD), AAD_LEN);
  input(label("text", len), at(INPUT), len);
}

static void mark_secret(const struct aead* a, uint32_t len) {
  secret(at(KEY), a->key_len);
  secret(at(NONCE), 12);
  secret(at(AAD), AAD_LEN);
  secret(at(INPUT), len);
}

/* Incremental seal, the text split in two calls (the carry between them is state too). */
static void seal_incremental(const struct aead* a, uint32_t len) {
  uint32_t ctx = at(CTX), in = at(INPUT), out = at(OUTPUT), cut = len / 3;
  a->init(ctx, at(KEY), a->key_len, at(NONCE));
  a->aad(ctx, at(AAD), AAD_LEN);
  a->encrypt(ctx, in, out, cut);
  a->encrypt(ctx, in + cut, out + cut, len - cut);
  a->finish(ctx, at(TAG));
}

static void seal(const struct aead* a) {
  for (uint32_t i = 0; i < COUNT; i++) {
    uint32_t len = LENGTHS[i];
    inputs(a, len);
    mark_secret(a, len);
    seal_incremental(a, len);
    output(label("ciphertext", len), at(OUTPUT), len);
    output(label("tag", len), at(TAG), 16);
    /* One-shot, as the record layer seals: ciphertext || tag. */
    mark_secret(a, len);
    a->seal1(at(CTX), at(INPUT), len, at(OUTPUT), at(OUTPUT) + len);
    output(label("sealed", len), at(OUTPUT), len + 16);
  }
}

/* Opens the ciphertext at INPUT (tag at TAG) incrementally; 1 when it verifies. */
static uint32_t open_incremental(const struct aead* a, uint32_t len) {
  uint32_t ctx = at(CTX), in = at(INPUT), out = at(OUTPUT), cut = len / 3;
  a->init(ctx, at(KEY), a->key_len, at(NONCE));
  a->aad(ctx, at(AAD), AAD_LEN);
  a->authenticate(ctx, in, cut);
  a->authenticate(ctx, in + cut, len - cut);
  if (!a->verify(ctx, at(TAG), at(KEY), at(NONCE))) return 0;
  a->decrypt(ctx, in, out, cut);
  a->decrypt(ctx, in + cut, out + cut, len - cut);
  return 1;
}

/* Where the genuine ciphertext and tag are kept while INPUT and TAG are reused. */
#define SAVED (OUTPUT + 4096u)

static void open_(const struct aead* a) {
  for (uint32_t i = 0; i < COUNT; i++) {
    uint32_t len = LENGTHS[i];
    /* A genuine record, sealed in the open; then all but its length turns secret. */
    inputs(a, len);
    seal_incremental(a, len);
    copy(at(SAVED), at(OUTPUT), len);
    copy(at(SAVED) + len, at(TAG), 16);
    output(label("ciphertext", len), at(SAVED), len);
    output(label("tag", len), at(SAVED) + len, 16);
    for (uint32_t forged = 0; forged < 2; forged++) {
      const char* kind = forged ? "forged" : "genuine";
      char name[64];
      /* Incremental: ciphertext at INPUT, tag at TAG; a forgery flips one bit. */
      copy(at(INPUT), at(SAVED), len);
      copy(at(TAG), at(SAVED) + len, 16);
      mem(at(TAG))[len % 16] ^= (uint8_t)forged;
      mark_secret(a, len);
      secret(at(TAG), 16);
      uint32_t ok = open_incremental(a, len);
      snprintf(name, sizeof name, "verdict.%s.%u", kind, len);
      verdict(name, ok);
      if (ok) output(label("plaintext", len), at(OUTPUT), len);
      /* One-shot, as the record layer opens: ciphertext || tag, in place. */
      copy(at(INPUT), at(SAVED), len + 16);
      mem(at(INPUT))[len + len % 16] ^= (uint8_t)forged;
      mark_secret(a, len + 16);
      ok = a->open1(at(CTX), at(INPUT), len);
      snprintf(name, sizeof name, "verdict1.%s.%u", kind, len);
      verdict(name, ok);
      if (ok) output(label("plaintext1", len), at(INPUT), len);
    }
  }
}

static void aes128_gcm_seal(void) { gcm_key_len = 16; seal(&AES128_GCM); }
static void aes128_gcm_open(void) { gcm_key_len = 16; open_(&AES128_GCM); }
static void aes256_gcm_seal(void) { gcm_key_len = 32; seal(&AES256_GCM); }
static void aes256_gcm_open(void) { gcm_key_len = 32; open_(&AES256_GCM); }
static void chacha20_poly1305_seal(void) { seal(&CHACHA20_POLY1305); }
static void chacha20_poly1305_open(void) { open_(&CHACHA20_POLY1305); }

const struct ct_path ct_aead_paths[] = {
    {"aes128-gcm-seal", aes128_gcm_seal},
    {"aes128-gcm-open", aes128_gcm_open},
    {"aes256-gcm-seal", aes256_gcm_seal},
    {"aes256-gcm-open", aes256_gcm_open},
    {"chacha20-poly1305-seal", chacha20_poly1305_seal},
    {"chacha20-poly1305-open", chacha20_poly1305_open},
    {0, 0},
};
