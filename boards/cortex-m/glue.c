/*
 * Cortex-M glue: semihosting console and exit (BKPT 0xAB, ARM semihosting
 * spec), and an instruction count from SysTick.
 *
 * Instruction count: QEMU has no cycle counter for M-profile (DWT CYCCNT reads
 * 0) and Debian's QEMU ships no TCG plugins. Under -icount shift=0 every
 * instruction advances the virtual clock by exactly 1 ns, and SysTick, fed by
 * the processor clock, counts that virtual time; so instructions = ticks x
 * (1e9 / clock Hz) = ticks x EMBER_INSNS_PER_TICK, exact to one tick and the
 * same on every run. The test checks the factor against board_spin().
 */
#include <stdint.h>

#include "board.h"

enum { SYS_WRITE0 = 0x04, SYS_EXIT_EXTENDED = 0x20, ADP_STOPPED_APPLICATION_EXIT = 0x20026 };

static uintptr_t semihost_call(uintptr_t op, const void* block) {
  register uintptr_t r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = block;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void board_write(const char* text, size_t n) {
  char chunk[65];
  while (n > 0) {
    size_t k = n < 64 ? n : 64;
    __builtin_memcpy(chunk, text, k);
    chunk[k] = 0;
    semihost_call(SYS_WRITE0, chunk);
    text += k;
    n -= k;
  }
}

void board_exit(int status) {
  const uintptr_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)status};
  semihost_call(SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)

/*
 * SysTick is a 24-bit down-counter. It runs without interrupts; each read adds
 * the ticks since the previous read, which is exact as long as reads are less
 * than 2^24 ticks apart (0.67 s of virtual time, 671 M instructions at 25 MHz).
 */
uint64_t board_instructions(void) {
  static uint64_t ticks;
  static uint32_t last;
  if ((SYST_CSR & 1u) == 0) {
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 5u; /* enable, processor clock, no interrupt */
    last = SYST_CVR;
  }
  uint32_t now = SYST_CVR;
  ticks += (last - now) & 0xFFFFFFu;
  last = now;
  return ticks * EMBER_INSNS_PER_TICK;
}

void board_spin(uint32_t n) {
  __asm__ volatile("1: subs %0, %0, #1\n bne 1b" : "+r"(n) : : "cc");
}

void board_fault(void) {
  static const char message[] = "board: CPU fault\n";
  board_write(message, sizeof message - 1);
  board_exit(99);
}
