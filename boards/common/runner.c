/*
 * The board test runner: every vector of build/boards/vectors/vectors.h
 * (generated from the JSON files in test/vectors) through embertls.h, plus forged
 * inputs, which must come back as error codes. Prints "ok <name>" or
 * "FAIL <name>" per check and "summary <passed> <failed>" (hex); exits 0 only
 * when nothing failed. An engine trap ends the run (port.c).
 */
#include <string.h>

#include "board.h"
#include "embertls.h"
#include "report.h"
#include "vectors.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Long repeated messages (one million 'a') go in through a 1 KiB buffer of
 * whole copies of the message, so any update length is exercised too. */
static void run_sha2(void) {
  static uint8_t chunk[1024];
  for (size_t i = 0; i < COUNT(sha2_vectors); i++) {
    const struct sha2_vector* v = &sha2_vectors[i];
    uint8_t digest[64];
    /* Counted, not divided: the lx106 has no divider and its libgcc no
     * division routine. */
    uint32_t copies = 1;
    while (v->message_len && (copies + 1) * v->message_len <= sizeof chunk) copies++;
    for (uint32_t c = 0; c < copies; c++) memcpy(chunk + c * v->message_len, v->message, v->message_len);
    ember_hash_begin((enum ember_hash)v->hash);
    uint32_t left = v->repeat;
    while (left > 0) {
      uint32_t n = left < copies ? left : copies;
      ember_hash_update(chunk, (size_t)n * v->message_len);
      left -= n;
    }
    size_t len = ember_hash_end(digest);
    report_check(v->name, "", len == v->digest_len && memcmp(digest, v->digest, len) == 0);
  }
}

static void run_x25519(void) {
  for (size_t i = 0; i < COUNT(x25519_vectors); i++) {
    const struct x25519_vector* v = &x25519_vectors[i];
    uint8_t out[32];
    int status = EMBER_OK;
    if (v->point)
      status = ember_x25519(out, v->scalar, v->point);
    else
      ember_x25519_public_key(out, v->scalar);
    int expected = v->weak ? EMBER_WEAK_PUBLIC_KEY : EMBER_OK;
    report_check(v->name, "", status == expected && memcmp(out, v->out, 32) == 0);
  }
}

static int seal(const struct aead_vector* v, const uint8_t* in, uint8_t* out, uint8_t tag[16]) {
  return v->aes_gcm ? ember_aes_gcm_seal(v->key, v->key_len, v->nonce, v->aad, v->aad_len, in, v->len, out, tag)
                    : ember_chacha20poly1305_seal(v->key, v->nonce, v->aad, v->aad_len, in, v->len, out, tag);
}

static int open(const struct aead_vector* v, const uint8_t* in, const uint8_t tag[16], uint8_t* out) {
  return v->aes_gcm ? ember_aes_gcm_open(v->key, v->key_len, v->nonce, v->aad, v->aad_len, in, v->len, tag, out)
                    : ember_chacha20poly1305_open(v->key, v->nonce, v->aad, v->aad_len, in, v->len, tag, out);
}

/* 1 when open() refuses (ciphertext, tag) and leaves the output as it was. */
static int refuses(const struct aead_vector* v, const uint8_t* ciphertext, const uint8_t tag[16]) {
  static uint8_t out[512];
  memset(out, 0xEE, v->len);
  int status = open(v, ciphertext, tag, out);
  int untouched = 1;
  for (uint32_t i = 0; i < v->len; i++) untouched &= out[i] == 0xEE;
  return status == EMBER_INCORRECT_TAG && untouched;
}

static void run_aead(void) {
  static uint8_t text[512], forged[512];
  for (size_t i = 0; i < COUNT(aead_vectors); i++) {
    const struct aead_vector* v = &aead_vectors[i];
    uint8_t tag[16];
    int status = seal(v, v->plaintext, text, tag);
    report_check(v->name, "seal", status == EMBER_OK && memcmp(text, v->ciphertext, v->len) == 0 && memcmp(tag, v->tag, 16) == 0);
    status = open(v, v->ciphertext, v->tag, text);
    report_check(v->name, "open", status == EMBER_OK && memcmp(text, v->plaintext, v->len) == 0);
    /* Forgeries: the last tag bit, then the first ciphertext bit. */
    memcpy(tag, v->tag, 16);
    tag[15] ^= 0x80;
    report_check(v->name, "open refuses a tag with one bit flipped", refuses(v, v->ciphertext, tag));
    if (v->len > 0) {
      memcpy(forged, v->ciphertext, v->len);
      forged[0] ^= 0x01;
      report_check(v->name, "open refuses a ciphertext with one bit flipped", refuses(v, forged, v->tag));
    }
  }
  /* AES-192 is not offered: a 24-byte key is an argument error, not a trap. */
  const struct aead_vector* v = &aead_vectors[COUNT(aead_vectors) - 1];
  uint8_t tag[16];
  report_check("AES-GCM with a 24-byte key", "EMBER_BAD_ARGUMENT",
        ember_aes_gcm_seal(v->key, 24, v->nonce, NULL, 0, NULL, 0, NULL, tag) == EMBER_BAD_ARGUMENT);
}

static void run_hmac(void) {
  for (size_t i = 0; i < COUNT(hmac_vectors); i++) {
    const struct hmac_vector* v = &hmac_vectors[i];
    uint8_t mac[64];
    size_t len = ember_hmac((enum ember_hash)v->hash, v->key, v->key_len, v->data, v->data_len, mac);
    report_check(v->name, "", len >= v->mac_len && memcmp(mac, v->mac, v->mac_len) == 0);
  }
  uint8_t mac[64] = {0};
  report_check("HMAC with an unknown hash", "returns 0, writes nothing",
               ember_hmac((enum ember_hash)3, mac, 1, mac, 1, mac) == 0 && mac[0] == 0);
}

static void run_hkdf(void) {
  static const size_t HASH_LEN[] = {32, 48, 64};
  for (size_t i = 0; i < COUNT(hkdf_vectors); i++) {
    const struct hkdf_vector* v = &hkdf_vectors[i];
    uint8_t prk[64], okm[128];
    size_t len = ember_hkdf_extract((enum ember_hash)v->hash, v->salt, v->salt_len, v->ikm, v->ikm_len, prk);
    report_check(v->name, "extract", len == HASH_LEN[v->hash] && memcmp(prk, v->prk, len) == 0);
    int status = ember_hkdf_expand((enum ember_hash)v->hash, v->prk, HASH_LEN[v->hash], v->info, v->info_len, okm, v->okm_len);
    report_check(v->name, "expand", status == EMBER_OK && memcmp(okm, v->okm, v->okm_len) == 0);
  }
  /* RFC 5869 §2.3: L <= 255 * HashLen. */
  uint8_t prk[32] = {0};
  report_check("HKDF-Expand of 255 x 32 + 1 bytes", "EMBER_BAD_ARGUMENT",
               ember_hkdf_expand(EMBER_SHA256, prk, 32, NULL, 0, NULL, 255 * 32 + 1) == EMBER_BAD_ARGUMENT);
}

int main(void) {
  ember_init();
  run_sha2();
  run_x25519();
  run_aead();
  run_hmac();
  run_hkdf();
  return report_summary();
}
