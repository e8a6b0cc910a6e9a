/*
 * Checks the board's instruction counter: board_spin(n) retires 2n
 * instructions plus a constant, so two spins of different lengths must differ
 * by exactly 2 x their difference (within one counter tick on boards that
 * count ticks). Prints "spin <n> <count>" twice; the host does the check.
 */
#include "board.h"
#include "report.h"

static void spin(uint32_t n) {
  uint64_t start = board_instructions();
  board_spin(n);
  uint64_t count = board_instructions() - start;
  report_text("spin ");
  report_hex(n);
  report_text(" ");
  report_hex(count);
  report_text("\n");
}

int main(void) {
  spin(100000);
  spin(1000000);
  return 0;
}
