/*
 * The fuzz targets' port and TLS driver (see fuzz.h). A trap aborts, so
 * libFuzzer records the input that caused it: the engine must never trap,
 * whatever the peer sends (embertls.h: a trap is a bug, never bad input).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

uint32_t fuzz_random_counter;

void ember_trap(int code) {
  fprintf(stderr, "ember_trap(%d): the engine trapped\n", code);
  abort();
}

/* A counter stream, not entropy: the harness must replay recorded sessions,
 * which needs the ClientHello fuzz/seeds.mjs sent (see there). */
void ember_port_random(uint8_t* out, size_t len) {
  for (size_t i = 0; i < len; i++) out[i] = (uint8_t)fuzz_random_counter++;
}

uint64_t ember_port_time(void) { return FUZZ_TIME; }

void ember_port_trace(const char* text, size_t len) {
  (void)text;
  (void)len;
}

void fuzz_put(uint32_t ptr, const uint8_t* src, size_t n) {
  if (n) memcpy(ember_span(ptr, (uint32_t)n), src, n);
}

void fuzz_get(uint8_t* dst, uint32_t ptr, size_t n) {
  if (n) memcpy(dst, ember_span(ptr, (uint32_t)n), n);
}

struct fuzz_snapshot {
  uint8_t memory[EMBER_MEMORY_BYTES];
  Z_ember_instance_t instance;
  uint32_t counter;
};

fuzz_snapshot* fuzz_snapshot_take(void) {
  fuzz_snapshot* s = malloc(sizeof *s);
  if (!s) abort();
  memcpy(s->memory, ember_linear_memory, sizeof s->memory);
  s->instance = ember_instance;
  s->counter = fuzz_random_counter;
  return s;
}

void fuzz_snapshot_restore(const fuzz_snapshot* s) {
  memcpy(ember_linear_memory, s->memory, sizeof s->memory);
  ember_instance = s->instance;
  fuzz_random_counter = s->counter;
}

/* fuzz/seeds.mjs's layout: sizes matter (record_size_limit), addresses do not. */
#define RECORD_BUFFER (16384u + 256u + 5u)
#define HANDSHAKE_BUFFER 16384u
#define ALIGN16(n) (((n) + 15u) & ~15u)

static uint32_t client_end;

uint32_t fuzz_client_end(void) { return client_end; }

uint32_t fuzz_client_start(void) {
  ember_init();
  fuzz_random_counter = 0;
  uint32_t ctx = ALIGN16(E(arenaPtr));
  uint32_t recv = ctx + ALIGN16(E(tlsClientCtxSize));
  uint32_t send = recv + ALIGN16(RECORD_BUFFER);
  uint32_t hs = send + ALIGN16(RECORD_BUFFER);
  uint32_t x509 = hs + HANDSHAKE_BUFFER;
  uint32_t x509_size = E(x509CtxSize);
  client_end = x509 + ALIGN16(x509_size);
  if (client_end > EMBER_MEMORY_BYTES) abort();
  if (E(tlsClientInit, ctx, recv, RECORD_BUFFER, send, RECORD_BUFFER, hs, HANDSHAKE_BUFFER) != 0) abort();
  fuzz_put(hs, (const uint8_t*)FUZZ_HOST, sizeof FUZZ_HOST - 1);
  if (E(tlsClientSetServerName, ctx, hs, sizeof FUZZ_HOST - 1) != 0) abort();
  if (E(tlsClientSetTime, ctx, FUZZ_TIME, 0) != 0) abort();
  /* The chain is checked as in a device (mode 1: it must be valid) against
   * the fuzz PKI's root, for the SNI name; the anchor is parsed at once, so it
   * may sit in the handshake buffer until the handshake starts. */
  if (E(tlsClientSetVerifier, ctx, x509, x509_size, 0, 0, 0, 0, 1) != 0) abort();
  fuzz_put(hs, fuzz_root_der, fuzz_root_der_len);
  if (E(tlsClientAddTrustAnchor, ctx, hs, (uint32_t)fuzz_root_der_len) != 0) abort();
  if (E(tlsClientStart, ctx) != 0) abort();
  fuzz_client_drain(ctx);
  return ctx;
}

uint32_t fuzz_client_drain(uint32_t ctx) {
  for (;;) {
    uint32_t st = E(tlsEngineState, ctx);
    if (st & SENDREC) {
      uint32_t n = E(tlsSendrecLen, ctx);
      E(tlsSendrecAck, ctx, n);
    } else if (st & RECVAPP) {
      uint32_t n = E(tlsRecvappLen, ctx);
      E(tlsRecvappAck, ctx, n);
    } else {
      return st;
    }
  }
}

size_t fuzz_client_feed(uint32_t ctx, const uint8_t* in, size_t len, size_t piece, int stop_when_connected) {
  size_t at = 0;
  while (at < len) {
    uint32_t st = fuzz_client_drain(ctx);
    if (!(st & RECVREC)) break;
    uint32_t want = E(tlsRecvrecLen, ctx);
    /* RECVREC with nothing asked would never end: a hang by another name. */
    if (want == 0) {
      fprintf(stderr, "recvrec offered with a length of 0\n");
      abort();
    }
    if (stop_when_connected && want == 5 && E(tlsHandshakeState, ctx) == HS_CONNECTED) break;
    size_t n = want;
    if (n > len - at) n = len - at;
    if (piece && n > piece) n = piece;
    fuzz_put(E(tlsRecvrecBuf, ctx), in + at, n);
    E(tlsRecvrecAck, ctx, (uint32_t)n);
    at += n;
  }
  fuzz_client_drain(ctx);
  return at;
}

void fuzz_client_check(uint32_t ctx) {
  int32_t err = (int32_t)E(tlsLastError, ctx);
  uint32_t st = E(tlsEngineState, ctx);
  uint32_t hs = E(tlsHandshakeState, ctx);
  /* A failed engine is closed and stays so (engine.ts fail()). */
  if (err != 0 && (!(st & CLOSED) || E(tlsRecvrecLen, ctx) != 0 || hs == HS_CONNECTED)) {
    fprintf(stderr, "error %d but state word %u, handshake state %u\n", err, st, hs);
    abort();
  }
  if (err != 0) {
    E(tlsRecvrecAck, ctx, 0);
    if ((int32_t)E(tlsLastError, ctx) != err) {
      fprintf(stderr, "error %d is not sticky\n", err);
      abort();
    }
  }
}
