/*
 * esp8266-lx106 glue: console and exit through QEMU's xtensa `simcall`
 * (the Xtensa ISS system-call interface: a2 = call number, a3.. = arguments),
 * and an instruction count from CCOUNT.
 *
 * CCOUNT counts core cycles, which QEMU derives from the virtual clock; under
 * -icount shift=0 that clock advances 1 ns per instruction, so instructions =
 * CCOUNT ticks x EMBER_INSNS_PER_TICK (1e9 / the core's clock in QEMU), exact
 * to one tick. The test checks the factor against board_spin().
 */
#include <stdint.h>

#include "board.h"

enum { SIMCALL_EXIT = 1, SIMCALL_WRITE = 4 };

static int simcall(int call, uintptr_t a, uintptr_t b, uintptr_t c) {
  register int a2 __asm__("a2") = call;
  register uintptr_t a3 __asm__("a3") = a;
  register uintptr_t a4 __asm__("a4") = b;
  register uintptr_t a5 __asm__("a5") = c;
  __asm__ volatile("simcall" : "+r"(a2) : "r"(a3), "r"(a4), "r"(a5) : "memory");
  return a2;
}

void board_write(const char* text, size_t n) { simcall(SIMCALL_WRITE, 1, (uintptr_t)text, n); }

void board_exit(int status) {
  simcall(SIMCALL_EXIT, (uintptr_t)status, 0, 0);
  for (;;) {
  }
}

/* CCOUNT is 32 bits; as on the Cortex-M boards, each read adds the ticks
 * since the previous one, exact while reads are < 2^32 ticks apart. */
uint64_t board_instructions(void) {
  static uint64_t ticks;
  static uint32_t last;
  uint32_t now;
  __asm__ volatile("rsr.ccount %0" : "=r"(now));
  ticks += now - last;
  last = now;
  return ticks * EMBER_INSNS_PER_TICK;
}
