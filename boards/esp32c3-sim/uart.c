/*
 * esp32c3-sim's serial port: the NS16550A of QEMU's RISC-V virt machine at
 * 0x10000000 (byte registers, no shift), polled. A real ESP32-C3 would use
 * its own UART or, for TLS, a socket; this one carries the simulated board's
 * TLS bytes to the host (test/support/board-tls.ts bridges it to a TCP peer).
 */
#include "board.h"

#define UART ((volatile uint8_t*)0x10000000u)
enum { RBR_THR = 0, FCR = 2, LSR = 5 };
enum { LSR_DATA_READY = 0x01, LSR_THR_EMPTY = 0x20 };
enum { FCR_ENABLE_AND_CLEAR = 0x07 };

static void start(void) {
  static int started;
  if (started) return;
  /* FIFOs on: QEMU then buffers 16 received bytes instead of 1. */
  UART[FCR] = FCR_ENABLE_AND_CLEAR;
  started = 1;
}

void board_uart_write(const uint8_t* data, size_t n) {
  start();
  for (size_t i = 0; i < n; i++) {
    while ((UART[LSR] & LSR_THR_EMPTY) == 0) {
    }
    UART[RBR_THR] = data[i];
  }
}

size_t board_uart_read(uint8_t* out, size_t max) {
  start();
  size_t n = 0;
  if (max == 0) return 0;
  while (n == 0 || (n < max && (UART[LSR] & LSR_DATA_READY) != 0)) {
    if ((UART[LSR] & LSR_DATA_READY) != 0) out[n++] = UART[RBR_THR];
  }
  return n;
}
