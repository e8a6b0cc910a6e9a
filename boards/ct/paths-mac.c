/*
 * HMAC, HKDF and the TLS 1.3 key schedule paths, resumption included.
 *
 * Secret: HMAC keys and messages, HKDF salts, input keying material, PRKs
 * and info, the (EC)DHE shared secret fed to the key schedule, the
 * resumption master secret and every secret derived from them. Public: hash ids, lengths, and the key schedule's
 * transcript hashes (RFC 8446 §7.1 hashes messages that went over the wire).
 */
#include <stdio.h>

#include "ct.h"

enum { SHA256 = 0, SHA384 = 1, SHA512 = 2 };
static const uint32_t HASH_LEN[] = {32, 48, 64};
static const char* const HASH_NAME[] = {"sha256", "sha384", "sha512"};

#define KEY PARAMS
#define DATA INPUT
#define DATA_LEN 100u
/* Keys shorter than a block are padded, longer ones hashed first (RFC 2104 §2). */
static const uint32_t KEY_LENGTHS[] = {32, 200};

static char name[64];
static const char* label(const char* what, uint32_t hash, uint32_t n) {
  snprintf(name, sizeof name, "%s.%s.%u", what, HASH_NAME[hash], n);
  return name;
}

/* ---- HMAC (RFC 2104): the C API's streamed calls, then the one-shot one ---- */

static void hmac(uint32_t hash) {
  uint32_t ctx = at(CTX), out = at(OUTPUT), h = HASH_LEN[hash];
  for (uint32_t i = 0; i < 2; i++) {
    uint32_t key_len = KEY_LENGTHS[i], cut = DATA_LEN / 3;
    input(label("key", hash, key_len), at(KEY), key_len);
    input(label("data", hash, key_len), at(DATA), DATA_LEN);
    secret(at(KEY), key_len);
    secret(at(DATA), DATA_LEN);
    Z_emberZ_hmacKeyInit(E, ctx, hash);
    Z_emberZ_hmacKeyUpdate(E, ctx, at(KEY), key_len / 2);
    Z_emberZ_hmacKeyUpdate(E, ctx, at(KEY) + key_len / 2, key_len - key_len / 2);
    Z_emberZ_hmacKeyFinal(E, ctx);
    Z_emberZ_hmacUpdate(E, ctx, at(DATA), cut);
    Z_emberZ_hmacUpdate(E, ctx, at(DATA) + cut, DATA_LEN - cut);
    Z_emberZ_hmacFinal(E, ctx, out);
    output(label("mac", hash, key_len), out, h);
    secret(at(KEY), key_len);
    secret(at(DATA), DATA_LEN);
    Z_emberZ_hmacCompute(E, ctx, hash, at(KEY), key_len, at(DATA), DATA_LEN, out);
    output(label("mac1", hash, key_len), out, h);
  }
}

static void hmac_sha256(void) { hmac(SHA256); }
static void hmac_sha384(void) { hmac(SHA384); }
static void hmac_sha512(void) { hmac(SHA512); }

/* ---- HKDF (RFC 5869): Extract, then Expand streamed and one-shot ---- */

#define SALT PARAMS
#define IKM (PARAMS + 128u)
#define INFO (PARAMS + 256u)
#define PRK (PARAMS + 512u)
#define SALT_LEN 20u
#define IKM_LEN 32u
#define INFO_LEN 30u
/* More than one block T(i), and not a multiple of HashLen. */
#define OKM_LEN 100u

static void hkdf(uint32_t hash) {
  uint32_t ctx = at(CTX), out = at(OUTPUT), h = HASH_LEN[hash];
  input(label("salt", hash, SALT_LEN), at(SALT), SALT_LEN);
  input(label("ikm", hash, IKM_LEN), at(IKM), IKM_LEN);
  input(label("info", hash, INFO_LEN), at(INFO), INFO_LEN);
  secret(at(SALT), SALT_LEN);
  secret(at(IKM), IKM_LEN);
  secret(at(INFO), INFO_LEN);
  Z_emberZ_hkdfExtract(E, ctx, hash, at(SALT), SALT_LEN, at(IKM), IKM_LEN, at(PRK));
  /* The PRK stays secret for Expand; a copy is declassified for printing. */
  copy(out, at(PRK), h);
  output(label("prk", hash, h), out, h);
  Z_emberZ_hkdfExpandInit(E, ctx, hash);
  Z_emberZ_hkdfExpandKey(E, ctx, at(PRK), h);
  for (uint32_t done = 0; done < OKM_LEN;) {
    Z_emberZ_hkdfExpandBlockStart(E, ctx);
    Z_emberZ_hkdfExpandInfo(E, ctx, at(INFO), INFO_LEN);
    uint32_t want = OKM_LEN - done < h ? OKM_LEN - done : h;
    done += Z_emberZ_hkdfExpandBlockEnd(E, ctx, out + done, want);
  }
  output(label("okm", hash, OKM_LEN), out, OKM_LEN);
  Z_emberZ_hkdfExpand(E, ctx, hash, at(PRK), h, at(INFO), INFO_LEN, out, OKM_LEN);
  output(label("okm1", hash, OKM_LEN), out, OKM_LEN);
}

static void hkdf_sha256(void) { hkdf(SHA256); }
static void hkdf_sha384(void) { hkdf(SHA384); }

/* ---- The TLS 1.3 key schedule (ctKeySchedule, test/assembly/ct-valgrind-probe.ts) ---- */

#define SHARED PARAMS
#define TRANSCRIPT (PARAMS + 128u)
#define SHARED_LEN 32u

static void key_schedule(uint32_t hash, uint32_t key_len) {
  uint32_t h = HASH_LEN[hash];
  input(label("shared", hash, SHARED_LEN), at(SHARED), SHARED_LEN);
  input(label("transcript", hash, 2 * h), at(TRANSCRIPT), 2 * h);
  secret(at(SHARED), SHARED_LEN);
  uint32_t n = Z_emberZ_ctKeySchedule(E, hash, at(SHARED), SHARED_LEN, at(TRANSCRIPT), key_len, at(OUTPUT));
  output(label("schedule", hash, n), at(OUTPUT), n);
}

/* TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384's key lengths. */
static void key_schedule_sha256(void) { key_schedule(SHA256, 16); }
static void key_schedule_sha384(void) { key_schedule(SHA384, 32); }

/* ---- Resumption: a ticket's PSK, its early secret, the binder (ctResumption) ---- */

#define RES_MASTER PARAMS
#define NONCE (PARAMS + 64u)
#define NONCE_LEN 8u
#define TRUNCATED_HELLO_HASH (PARAMS + 128u)

static void resumption(uint32_t hash) {
  uint32_t h = HASH_LEN[hash];
  input(label("res-master", hash, h), at(RES_MASTER), h);
  input(label("nonce", hash, NONCE_LEN), at(NONCE), NONCE_LEN);
  input(label("hello-hash", hash, h), at(TRUNCATED_HELLO_HASH), h);
  secret(at(RES_MASTER), h);
  uint32_t n = Z_emberZ_ctResumption(E, hash, at(RES_MASTER), at(NONCE), NONCE_LEN, at(TRUNCATED_HELLO_HASH), at(OUTPUT));
  output(label("psk-early-binder", hash, n), at(OUTPUT), n);
}

static void resumption_sha256(void) { resumption(SHA256); }
static void resumption_sha384(void) { resumption(SHA384); }

const struct ct_path ct_mac_paths[] = {
    {"hmac-sha256", hmac_sha256},
    {"hmac-sha384", hmac_sha384},
    {"hmac-sha512", hmac_sha512},
    {"hkdf-sha256", hkdf_sha256},
    {"hkdf-sha384", hkdf_sha384},
    {"tls13-key-schedule-sha256", key_schedule_sha256},
    {"tls13-key-schedule-sha384", key_schedule_sha384},
    {"tls13-resumption-sha256", resumption_sha256},
    {"tls13-resumption-sha384", resumption_sha384},
    {0, 0},
};
