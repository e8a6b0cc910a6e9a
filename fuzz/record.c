/*
 * Fuzz target record: the record layer's open path (assembly/tls/record.ts,
 * RFC 8446 §5.2-§5.4) under both AEADs, through the real engine: a client
 * that replayed a recorded session up to Connected (fuzz/sessions: one with
 * TLS_AES_128_GCM_SHA256, one with TLS_CHACHA20_POLY1305_SHA256), so its
 * read keys are the server's application traffic keys: a fixed key per AEAD.
 *
 * Input: byte 0 bit 0 picks the session (0 AES-128-GCM, 1 ChaCha20-Poly1305);
 * bit 1 = seal mode. Then records: a 5-byte header and up to its length of
 * body. In seal mode the harness first protects each whole record of length
 * >= 16 as the server would (the body but its last 16 bytes is the
 * TLSInnerPlaintext, sealed with the key, IV and sequence number the engine
 * holds at that moment, the header as additional data), so the fuzzer
 * reaches everything past the tag check: padding removal, inner types,
 * length limits, post-handshake messages. Raw mode feeds the bytes as they
 * are: forged and truncated records. The engine must never trap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* The client context's record-layer fields (assembly/tls/context.ts). */
#define CTX_SUITE 480u
#define CTX_READ_SEQ 496u
#define CTX_READ_KEY 512u
#define CTX_READ_IV 544u

#define MAX_RECORD (5u + 16384u + 256u)

static fuzz_snapshot* connected[2];
static uint32_t ctx;
/* Scratch past the client's buffers for sealing: AEAD context, key, nonce,
 * header, plaintext, ciphertext. */
static uint32_t s_aead, s_key, s_nonce, s_aad, s_src, s_dst;

static uint32_t load32(uint32_t at) {
  uint8_t b[4];
  fuzz_get(b, at, 4);
  return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void replay(int which, const uint8_t* session, size_t len, uint32_t suite) {
  ctx = fuzz_client_start();
  fuzz_client_feed(ctx, session, len, 0, 1);
  if (E(tlsHandshakeState, ctx) != HS_CONNECTED || E(tlsSuite, ctx) != suite) {
    fprintf(stderr, "record: session %d did not replay to Connected with suite 0x%x (state %u, error %d)\n", which, suite,
            E(tlsHandshakeState, ctx), (int)E(tlsLastError, ctx));
    abort();
  }
  /* The offsets above must still be context.ts's. */
  if (load32(ctx + CTX_SUITE) != suite) abort();
  connected[which] = fuzz_snapshot_take();
}

int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)argc;
  (void)argv;
  replay(0, fuzz_session_aes128, fuzz_session_aes128_len, 0x1301);
  replay(1, fuzz_session_chacha, fuzz_session_chacha_len, 0x1303);
  s_aead = (fuzz_client_end() + 15u) & ~15u;
  s_key = s_aead + 2048;
  s_nonce = s_key + 32;
  s_aad = s_nonce + 16;
  s_src = s_aad + 16;
  s_dst = s_src + MAX_RECORD;
  if (E(gcmContextSize) > 2048 || E(chacha20Poly1305CtxSize) > 2048 || s_dst + MAX_RECORD > EMBER_MEMORY_BYTES) abort();
  return 0;
}

/* Protects record[5..5+len) in place as the server would (RFC 8446 §5.2, §5.3). */
static void seal(uint8_t* record, uint32_t len) {
  uint32_t suite = load32(ctx + CTX_SUITE);
  uint8_t iv[12], seq[8];
  fuzz_get(iv, ctx + CTX_READ_IV, 12);
  fuzz_get(seq, ctx + CTX_READ_SEQ, 8);
  for (int i = 0; i < 8; i++) iv[4 + i] ^= seq[7 - i]; /* u64 little-endian in memory, big-endian in the nonce */
  uint32_t text = len - 16;
  fuzz_put(s_nonce, iv, 12);
  fuzz_put(s_aad, record, 5);
  fuzz_put(s_src, record + 5, text);
  memcpy(ember_span(s_key, 32), ember_span(ctx + CTX_READ_KEY, 32), 32);
  if (suite == 0x1303) {
    E(chacha20Poly1305Seal, s_aead, s_key, s_nonce, s_aad, 5, s_src, s_dst, text, s_dst + text);
  } else {
    E(gcmSeal, s_aead, s_key, suite == 0x1301 ? 16 : 32, s_nonce, s_aad, 5, s_src, text, s_dst);
  }
  fuzz_get(record + 5, s_dst, len);
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static uint8_t record[MAX_RECORD + 65536];
  if (size == 0) return 0;
  fuzz_snapshot_restore(connected[data[0] & 1]);
  int sealing = data[0] & 2;
  size_t at = 1;
  while (at < size) {
    if (!(fuzz_client_drain(ctx) & RECVREC)) break;
    size_t n = size - at;
    if (n > 5) {
      size_t body = (size_t)data[at + 3] << 8 | data[at + 4];
      if (n > 5 + body) n = 5 + body;
    }
    memcpy(record, data + at, n);
    if (sealing && n >= 5 + 16 && n == 5 + ((size_t)record[3] << 8 | record[4]) && n <= MAX_RECORD) seal(record, (uint32_t)(n - 5));
    size_t used = fuzz_client_feed(ctx, record, n, 0, 0);
    at += n;
    if (used < n) break;
  }
  fuzz_client_check(ctx);
  return 0;
}
