/*
 * Fuzz target x509: the DER parser and chain validator (assembly/x509/) as
 * the TLS engine and verifyCertificateChain use it: begin with host FUZZ_HOST
 * at FUZZ_TIME for serverAuth, one fixed trust anchor (fuzz/pki/root.der),
 * 1..3 peer certificates, finish; twice, in a context of the full budget
 * (8 + 8 slots) and in the smallest (3 + 2 slots, chain.ts "Budget"). Must
 * return a code, never trap.
 *
 * Input: byte 0 = certificates - 1 (mod 3), then each certificate but the
 * last as a 2-byte big-endian length and that many bytes (fewer when the
 * input ends); the last takes the rest.
 */
#include <stdlib.h>

#include "fuzz.h"

#define MAX_CERT 16384u

static uint32_t ctx, ctx_size, ctx_min_size, anchor, certs;

int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)argc;
  (void)argv;
  ember_init();
  ctx = (E(arenaPtr) + 15u) & ~15u;
  ctx_size = E(x509CtxSize);
  ctx_min_size = E(x509CtxMinSize);
  anchor = ctx + ctx_size;
  certs = anchor + (uint32_t)fuzz_root_der_len;
  if (certs + 3 * MAX_CERT > EMBER_MEMORY_BYTES) abort();
  fuzz_put(anchor, fuzz_root_der, fuzz_root_der_len);
  return 0;
}

static void validate(const uint8_t* data, size_t size, uint32_t ctx_len) {
  uint32_t count = 1 + data[0] % 3;
  size_t at = 1;
  uint32_t host = certs + 3 * MAX_CERT - 64;
  fuzz_put(host, (const uint8_t*)FUZZ_HOST, sizeof FUZZ_HOST - 1);
  if (E(x509Begin, ctx, ctx_len, host, sizeof FUZZ_HOST - 1, 0, 0, FUZZ_TIME, 1) != 0) abort();
  if (E(x509AddTrustAnchor, ctx, anchor, (uint32_t)fuzz_root_der_len) != 0) abort();
  for (uint32_t i = 0; i < count; i++) {
    size_t len = size - at;
    if (i + 1 < count) {
      if (size - at < 2) break;
      len = (size_t)data[at] << 8 | data[at + 1];
      at += 2;
      if (len > size - at) len = size - at;
    }
    if (len > MAX_CERT - 64) len = MAX_CERT - 64;
    uint32_t der = certs + i * MAX_CERT;
    fuzz_put(der, data + at, len);
    E(x509AddCertificate, ctx, der, (uint32_t)len);
    at += len;
  }
  uint32_t verdict = E(x509Finish, ctx);
  /* A valid path runs leaf first, anchor last (x509.ts). */
  uint32_t path = E(x509PathLength, ctx);
  if ((verdict == 0) != (path != 0)) abort();
  for (uint32_t i = 0; i < path; i++) E(x509PathEntry, ctx, i);
  E(x509ErrorReason, ctx);
  E(x509ErrorEntity, ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  validate(data, size, ctx_size);
  validate(data, size, ctx_min_size);
  return 0;
}
