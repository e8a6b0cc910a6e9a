/*
 * Cortex-M reset code and vector table, shared by cortex-m4 (mps2-an386) and
 * cortex-m33 (mps2-an505). QEMU loads the ELF and starts from the vector
 * table at address 0: initial stack pointer, then the reset handler.
 */
#include <stdint.h>
#include <string.h>

#include "board.h"

extern uint8_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
int main(void);

__attribute__((noreturn)) void reset_handler(void) {
  memcpy(__data_start, __data_load, (size_t)(__data_end - __data_start));
  memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
  board_exit(main());
}

/* Any fault ends the run with a status the runner cannot produce, instead of
 * spinning until the test's timeout. */
static void fault(void) { board_fault(); }

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))__stack_top, reset_handler, fault, fault, fault, fault, fault, 0, 0, 0, 0,
    fault, fault, 0, fault, fault,
};
