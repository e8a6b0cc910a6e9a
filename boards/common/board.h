/*
 * What each simulated board's glue gives the shared firmware (runner.c,
 * bench.c): console output and exit over semihosting, and a deterministic
 * count of executed instructions. The glue also supplies embertls.h's port
 * functions (entropy, time, trace) and ember_trap().
 */
#ifndef BOARD_H_
#define BOARD_H_

#include <stddef.h>
#include <stdint.h>

/* Writes n bytes to the host's console. */
void board_write(const char* text, size_t n);

/* Ends the simulation; QEMU exits with this status. */
__attribute__((noreturn)) void board_exit(int status);

/* Reports a CPU exception and exits with status 99 (boards with a handler). */
__attribute__((noreturn)) void board_fault(void);

/*
 * Instructions retired since an arbitrary origin. Exact on rv32 (instret
 * under -icount); elsewhere a tick counter of QEMU's virtual clock, which
 * -icount shift=0 advances by 1 ns per instruction, scaled to instructions:
 * exact to within one tick (EMBER_INSNS_PER_TICK instructions).
 */
uint64_t board_instructions(void);

/* Runs a loop of exactly 2 * n instructions (plus a constant prologue), to
 * check board_instructions() against. */
void board_spin(uint32_t n);

/*
 * The board's serial port, polled (only the TLS firmware uses it, as its
 * transport: the board's uart.c). Write sends all n bytes; read waits for at
 * least one byte and returns how many it stored, at most max.
 */
void board_uart_write(const uint8_t* data, size_t n);
size_t board_uart_read(uint8_t* out, size_t max);

/* The lowest and highest addresses of the main stack (from the linker
 * script), for painting it. */
extern uint8_t __stack_bottom[], __stack_top[];

#endif /* BOARD_H_ */
