/*
 * Line-oriented reports from firmware to the host (test/boards.test.ts,
 * bench/boards.ts parse them). Numbers are printed in hex: formatting decimal
 * would need 64-bit division, which some boards' libgcc lacks.
 */
#ifndef REPORT_H_
#define REPORT_H_

#include <stddef.h>
#include <stdint.h>

void report_text(const char* text);
void report_hex(uint64_t value);

/* Records one check of a test runner: prints "ok <name>[: what]" or "FAIL
 * <name>[: what]". */
void report_check(const char* name, const char* what, int ok);
/* Prints "summary <passed> <failed>" (hex) and returns the runner's exit
 * status: 0 only when no check failed. */
int report_summary(void);

/* Peak stack, in bytes, that op() uses below the caller's frame: the stack
 * under this function is painted with a pattern, op runs, and the deepest
 * word no longer holding the pattern marks the peak. */
uint32_t report_stack_peak(void (*op)(void));

#endif /* REPORT_H_ */
