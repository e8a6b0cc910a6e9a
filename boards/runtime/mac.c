/*
 * embertls.h's HMAC and HKDF calls over the engine's exports
 * (assembly/exports/hash.ts). Keys, salts, input keying material and info of
 * any length are streamed through the input slot; HKDF's output comes back
 * one block T(i) at a time. The arena is wiped before every return.
 */
#include "ember-internal.h"

#define E (&ember_instance)

static void key_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_hmacKeyUpdate(E, ctx, p, n); }
static void mac_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_hmacUpdate(E, ctx, p, n); }

size_t ember_hmac(enum ember_hash hash, const uint8_t* key, size_t key_len, const uint8_t* data, size_t len,
                  uint8_t* mac) {
  uint32_t ctx = ember_at(EMBER_CTX, 0);
  uint32_t size = Z_emberZ_hmacKeyInit(E, ctx, hash);
  if (size > 0) {
    ember_absorb(key_update, key, key_len);
    Z_emberZ_hmacKeyFinal(E, ctx);
    ember_absorb(mac_update, data, len);
    Z_emberZ_hmacFinal(E, ctx, ember_at(EMBER_PARAMS, 0));
    ember_get(mac, EMBER_PARAMS, 0, size);
  }
  ember_wipe();
  return size;
}

/* RFC 5869 §2.2: Extract is an HMAC keyed with the salt. */
size_t ember_hkdf_extract(enum ember_hash hash, const uint8_t* salt, size_t salt_len, const uint8_t* ikm,
                          size_t ikm_len, uint8_t* prk) {
  return ember_hmac(hash, salt, salt_len, ikm, ikm_len, prk);
}

static void prk_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_hkdfExpandKey(E, ctx, p, n); }
static void info_update(uint32_t ctx, uint32_t p, uint32_t n) { Z_emberZ_hkdfExpandInfo(E, ctx, p, n); }

int ember_hkdf_expand(enum ember_hash hash, const uint8_t* prk, size_t prk_len, const uint8_t* info,
                      size_t info_len, uint8_t* out, size_t out_len) {
  uint32_t ctx = ember_at(EMBER_CTX, 0);
  uint32_t size = Z_emberZ_hkdfExpandInit(E, ctx, hash);
  /* §2.3: L <= 255 * HashLen. */
  if (size == 0 || out_len > 255u * size) {
    ember_wipe();
    return EMBER_BAD_ARGUMENT;
  }
  ember_absorb(prk_update, prk, prk_len);
  while (out_len > 0) {
    /* T(i) = HMAC(PRK, T(i-1) | info | i): info goes in again per block. */
    Z_emberZ_hkdfExpandBlockStart(E, ctx);
    ember_absorb(info_update, info, info_len);
    uint32_t n = Z_emberZ_hkdfExpandBlockEnd(E, ctx, ember_at(EMBER_PARAMS, 0), out_len < size ? (uint32_t)out_len : size);
    ember_get(out, EMBER_PARAMS, 0, n);
    out += n;
    out_len -= n;
  }
  ember_wipe();
  return EMBER_OK;
}
