/*
 * The Cortex-M boards' serial port: UART0 of the MPS2 FPGA images (ARM's
 * CMSDK APB UART at 0x40004000 on mps2-an386), polled, one byte each way. It
 * carries the simulated board's TLS bytes to the host
 * (test/support/board-tls.ts bridges it to a TCP peer).
 */
#include "board.h"

#define UART0 ((volatile uint32_t*)0x40004000u)
enum { DATA = 0, STATE = 1, CTRL = 2, BAUDDIV = 4 }; /* word offsets */
enum { STATE_TX_FULL = 1, STATE_RX_FULL = 2, CTRL_TX_RX_ENABLE = 3 };

static void start(void) {
  static int started;
  if (started) return;
  /* The smallest divider the CMSDK UART accepts; QEMU ignores the rate. */
  UART0[BAUDDIV] = 16;
  UART0[CTRL] = CTRL_TX_RX_ENABLE;
  started = 1;
}

void board_uart_write(const uint8_t* data, size_t n) {
  start();
  for (size_t i = 0; i < n; i++) {
    while ((UART0[STATE] & STATE_TX_FULL) != 0) {
    }
    UART0[DATA] = data[i];
  }
}

size_t board_uart_read(uint8_t* out, size_t max) {
  start();
  size_t n = 0;
  if (max == 0) return 0;
  while (n == 0 || (n < max && (UART0[STATE] & STATE_RX_FULL) != 0)) {
    if ((UART0[STATE] & STATE_RX_FULL) != 0) out[n++] = (uint8_t)UART0[DATA];
  }
  return n;
}
