/* Reports to the host over the board's console (see report.h). */
#include "report.h"

#include <string.h>

#include "board.h"

void report_text(const char* text) { board_write(text, strlen(text)); }

void report_hex(uint64_t value) {
  char digits[16];
  int n = 0;
  do {
    digits[sizeof digits - 1 - n++] = "0123456789abcdef"[value & 15];
    value >>= 4;
  } while (value != 0);
  board_write(digits + sizeof digits - n, (size_t)n);
}

static uint32_t passed, failed;

void report_check(const char* name, const char* what, int ok) {
  report_text(ok ? "ok " : "FAIL ");
  report_text(name);
  if (what[0]) {
    report_text(": ");
    report_text(what);
  }
  report_text("\n");
  if (ok)
    passed++;
  else
    failed++;
}

int report_summary(void) {
  report_text("summary ");
  report_hex(passed);
  report_text(" ");
  report_hex(failed);
  report_text("\n");
  return failed == 0 ? 0 : 1;
}

#define PAINT 0xA5A5A5A5u

/* Leave this much below our own frame unpainted, so painting does not
 * overwrite the painting loop's own spills. */
#define MARGIN 128u

__attribute__((noinline)) uint32_t report_stack_peak(void (*op)(void)) {
  uint8_t* here = __builtin_frame_address(0);
  volatile uint32_t* word = (volatile uint32_t*)__stack_bottom;
  while ((uint8_t*)word < here - MARGIN) *word++ = PAINT;
  op();
  word = (volatile uint32_t*)__stack_bottom;
  while (*word == PAINT) word++;
  return (uint32_t)(here - (uint8_t*)word);
}
