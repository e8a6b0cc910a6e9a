/* esp32c3-sim glue: semihosting console and exit, the instret counter. */
#include <stdint.h>

#include "board.h"

enum { SYS_WRITE0 = 0x04, SYS_EXIT_EXTENDED = 0x20, ADP_STOPPED_APPLICATION_EXIT = 0x20026 };

uintptr_t semihost_call(uintptr_t op, const void* block);

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
  /* SYS_EXIT_EXTENDED passes the status through (plain SYS_EXIT cannot on a
   * 32-bit target), so QEMU's own exit status is the firmware's. */
  const uintptr_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)status};
  semihost_call(SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}

uint64_t board_instructions(void) {
  /* Read high, low, high again: a carry between the reads is retried. The
   * ESP32-C3 has Zicsr; GCC 12 wants it named apart from rv32imc. */
  uint32_t hi, lo, again;
  do {
    __asm__ volatile(".option push\n.option arch, +zicsr\n"
                     "csrr %0, instreth\ncsrr %1, instret\ncsrr %2, instreth\n"
                     ".option pop"
                     : "=r"(hi), "=r"(lo), "=r"(again));
  } while (hi != again);
  return ((uint64_t)hi << 32) | lo;
}

void board_fault(void) {
  static const char message[] = "board: CPU exception\n";
  board_write(message, sizeof message - 1);
  board_exit(99);
}
