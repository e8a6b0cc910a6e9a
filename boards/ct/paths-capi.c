/*
 * The same secrets through embertls.h, the C API the boards link
 * (boards/runtime/crypto.c, mac.c, pubkey.c, arena.c): its staging of C
 * buffers in the arena, its chunk loops and its branches on verdicts run
 * under memcheck too. Secrets are C buffers marked undefined before each
 * call; what is secret and what public is as in paths-aead.c, paths-mac.c
 * and paths-pk.c. Labels carry the operation as a prefix ("aes128-gcm/").
 */
#include <stdio.h>
#include <string.h>

#include "ct.h"
#include "embertls.h"

static char name[64];
static const char* label(const char* what, const char* kind, uint32_t n) {
  snprintf(name, sizeof name, "%s.%s%s%u", what, kind, *kind ? "." : "", n);
  return name;
}

/* ---- AEADs ---- */

static const uint32_t LENGTHS[] = {0, 15, 100};
#define AAD_LEN 13u

typedef int (*seal_fn)(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad, size_t aad_len,
                       const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]);
typedef int (*open_fn)(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad, size_t aad_len,
                       const uint8_t* in, size_t len, const uint8_t tag[16], uint8_t* out);

static int chacha_seal(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad, size_t aad_len,
                       const uint8_t* in, size_t len, uint8_t* out, uint8_t tag[16]) {
  (void)key_len;
  return ember_chacha20poly1305_seal(key, nonce, aad, aad_len, in, len, out, tag);
}
static int chacha_open(const uint8_t* key, size_t key_len, const uint8_t nonce[12], const uint8_t* aad, size_t aad_len,
                       const uint8_t* in, size_t len, const uint8_t tag[16], uint8_t* out) {
  (void)key_len;
  return ember_chacha20poly1305_open(key, nonce, aad, aad_len, in, len, tag, out);
}

static void aead(const char* prefix, size_t key_len, seal_fn seal, open_fn open) {
  static uint8_t key[32], nonce[12], aad[AAD_LEN], text[100], ct[100], tag[16], forged[16], out[100];
  label_prefix(prefix);
  for (uint32_t i = 0; i < sizeof LENGTHS / sizeof LENGTHS[0]; i++) {
    uint32_t len = LENGTHS[i];
    input_c(label("key", "", len), key, key_len);
    input_c(label("nonce", "", len), nonce, 12);
    input_c(label("aad", "", len), aad, AAD_LEN);
    input_c(label("text", "", len), text, len);
    secret_c(key, key_len);
    secret_c(nonce, 12);
    secret_c(aad, AAD_LEN);
    secret_c(text, len);
    seal(key, key_len, nonce, aad, AAD_LEN, text, len, ct, tag);
    output_c(label("ciphertext", "", len), ct, len);
    output_c(label("tag", "", len), tag, 16);
    for (uint32_t f = 0; f < 2; f++) {
      memcpy(forged, tag, 16);
      forged[len % 16] ^= (uint8_t)f;
      secret_c(key, key_len);
      secret_c(nonce, 12);
      secret_c(aad, AAD_LEN);
      secret_c(ct, len);
      secret_c(forged, 16);
      /* The status is public: crypto.c branched on the verdict already, and memcheck watched. */
      int ok = open(key, key_len, nonce, aad, AAD_LEN, ct, len, forged, out) == EMBER_OK;
      verdict(label("verdict", f ? "forged" : "genuine", len), (uint32_t)ok);
      if (ok) output_c(label("plaintext", "", len), out, len);
    }
  }
  label_prefix("");
}

static void capi_aead(void) {
  aead("aes128-gcm/", 16, ember_aes_gcm_seal, ember_aes_gcm_open);
  aead("aes256-gcm/", 32, ember_aes_gcm_seal, ember_aes_gcm_open);
  aead("chacha20-poly1305/", 32, chacha_seal, chacha_open);
}

/* ---- HMAC and HKDF ---- */

static const char* const HASH[] = {"sha256", "sha384", "sha512"};
static const size_t HASH_LEN[] = {32, 48, 64};

static void capi_mac(void) {
  static uint8_t key[200], data[100], mac[64], salt[20], ikm[32], info[30], prk[64], okm[100];
  label_prefix("hmac/");
  for (uint32_t h = 0; h < 3; h++) {
    for (uint32_t key_len = 32; key_len <= 200; key_len += 168) {
      input_c(label("key", HASH[h], key_len), key, key_len);
      input_c(label("data", HASH[h], key_len), data, sizeof data);
      secret_c(key, key_len);
      secret_c(data, sizeof data);
      ember_hmac((enum ember_hash)h, key, key_len, data, sizeof data, mac);
      output_c(label("mac", HASH[h], key_len), mac, HASH_LEN[h]);
    }
  }
  label_prefix("hkdf/");
  for (uint32_t h = 0; h < 2; h++) {
    input_c(label("salt", HASH[h], sizeof salt), salt, sizeof salt);
    input_c(label("ikm", HASH[h], sizeof ikm), ikm, sizeof ikm);
    input_c(label("info", HASH[h], sizeof info), info, sizeof info);
    secret_c(salt, sizeof salt);
    secret_c(ikm, sizeof ikm);
    secret_c(info, sizeof info);
    ember_hkdf_extract((enum ember_hash)h, salt, sizeof salt, ikm, sizeof ikm, prk);
    /* Expand reads the PRK while it is still secret; it is printed after. */
    ember_hkdf_expand((enum ember_hash)h, prk, HASH_LEN[h], info, sizeof info, okm, sizeof okm);
    output_c(label("prk", HASH[h], (uint32_t)HASH_LEN[h]), prk, HASH_LEN[h]);
    output_c(label("okm", HASH[h], sizeof okm), okm, sizeof okm);
  }
  label_prefix("");
}

/* ---- X25519 and P-256 ---- */

static void capi_pk(void) {
  static uint8_t d[32], peer_d[32], peer[65], shared[32], pub[65], message[100], sig[EMBER_ECDSA_P256_MAX_SIGNATURE];
  label_prefix("x25519/");
  input_c("peer-private", peer_d, 32);
  ember_x25519_public_key(peer, peer_d);
  output_c("peer", peer, 32);
  input_c("private", d, 32);
  secret_c(d, 32);
  secret_c(peer, 32);
  /* The status is public by contract (RFC 7748 §6.1: the caller aborts on
   * it); crypto.c computes it branch-free from the engine's flag, which the
   * engine leaves to the caller to declassify. */
  verdict("all-zero", declassify(ember_x25519(shared, d, peer) == EMBER_WEAK_PUBLIC_KEY));
  output_c("shared", shared, 32);
  label_prefix("x25519-base/");
  input_c("private", d, 32);
  secret_c(d, 32);
  ember_x25519_public_key(pub, d);
  verdict("all-zero", 0);
  output_c("public", pub, 32);
  label_prefix("p256-public-key/");
  input_c("private", d, 32);
  secret_c(d, 32);
  verdict("status", (uint32_t)ember_p256_public_key(d, pub));
  output_c("public", pub, 65);
  label_prefix("ecdh-p256/");
  input_c("peer-private", peer_d, 32);
  ember_p256_public_key(peer_d, peer);
  output_c("peer", peer, 65);
  input_c("private", d, 32);
  secret_c(d, 32);
  verdict("status", (uint32_t)ember_ecdh_p256(d, peer, 65, shared));
  output_c("shared", shared, 32);
  label_prefix("ecdsa-p256-sign/");
  input_c("private", d, 32);
  input_c("message", message, sizeof message);
  secret_c(d, 32);
  size_t n = 0;
  verdict("status", (uint32_t)ember_ecdsa_p256_sign(d, message, sizeof message, sig, &n));
  verdict("length", (uint32_t)n);
  output_c("signature", sig, n);
  label_prefix("");
}

const struct ct_path ct_capi_paths[] = {
    {"capi-aead", capi_aead},
    {"capi-mac", capi_mac},
    {"capi-pk", capi_pk},
    {0, 0},
};
