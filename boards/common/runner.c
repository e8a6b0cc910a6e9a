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

static uint32_t passed, failed;

static void check(const char* name, const char* what, int ok) {
  report_text(ok ? "ok " : "FAIL ");
  report_text(name);
  if (what[0]) {
    report_text(": ");
    report_text(what);
  }
  report_text("\n");
  if (ok)
    passed++;
  else
    failed++;
}

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
    check(v->name, "", len == v->digest_len && memcmp(digest, v->digest, len) == 0);
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
    check(v->name, "", status == expected && memcmp(out, v->out, 32) == 0);
  }
}

int main(void) {
  ember_init();
  run_sha2();
  run_x25519();
  report_text("summary ");
  report_hex(passed);
  report_text(" ");
  report_hex(failed);
  report_text("\n");
  return failed == 0 ? 0 : 1;
}
