/*
 * embertls.h's port functions for the simulated boards, and the trap hook.
 * Test firmware only: the "entropy" is a fixed-seed generator (QEMU's
 * machines here have no TRNG), so nothing built with it may hold real keys.
 * A real port reads its chip's TRNG (esp_fill_random on ESP-IDF).
 */
#include "board.h"
#include "embertls.h"
#include "report.h"

void ember_port_random(uint8_t* out, size_t len) {
  static uint32_t state = 0x2545F491u;
  for (size_t i = 0; i < len; i++) {
    /* xorshift32: deterministic runs, not secret. */
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    out[i] = (uint8_t)state;
  }
}

/* The simulated boards have no wall clock: a fixed time (2025-01-01 UTC). */
uint64_t ember_port_time(void) { return 1735689600u; }

void ember_port_trace(const char* text, size_t len) {
  report_text("trace ");
  board_write(text, len);
  report_text("\n");
}

/* A trap is always a failure: report it and end the run. */
void ember_trap(int code) {
  report_text("FAIL engine trap ");
  report_hex((uint64_t)code);
  report_text("\n");
  board_exit(2);
}
