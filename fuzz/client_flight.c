/*
 * Fuzz target client_flight: the TLS 1.3 client's handling of whatever the
 * server sends (RFC 8446 §4: ServerHello or HelloRetryRequest through
 * Finished, then NewSessionTicket, KeyUpdate, application data and alerts).
 *
 * Every run starts from the same snapshot: a client started with the counter
 * stream as randomness, its ClientHello sent. Input: byte 0 = the piece size
 * (0: each call gets what recvrec asks for, n: at most n bytes per call, so
 * headers and bodies arrive split), then the server's bytes. The recorded
 * sessions in fuzz/seeds/client_flight replay to Connected (see seeds.mjs).
 * The engine must never trap, and a failure must be sticky and closed.
 */
#include "fuzz.h"

static fuzz_snapshot* started;
static uint32_t ctx;

int LLVMFuzzerInitialize(int* argc, char*** argv) {
  (void)argc;
  (void)argv;
  ctx = fuzz_client_start();
  started = fuzz_snapshot_take();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  fuzz_snapshot_restore(started);
  fuzz_client_feed(ctx, data + 1, size - 1, data[0], 0);
  fuzz_client_check(ctx);
  return 0;
}
