/*
 * The board benchmark: instructions and peak stack of ember_init() and of
 * each operation in ops.c. Prints "bench <op> <bytes> <instructions> <stack
 * bytes>" (hex) per operation, then "result <op> <value>" (ops_result, hex);
 * bench/boards.ts turns them into figures.
 */
#include "board.h"
#include "embertls.h"
#include "ops.h"
#include "report.h"

static void line(const char* name, uint32_t bytes, uint64_t instructions, uint32_t stack) {
  report_text("bench ");
  report_text(name);
  report_text(" ");
  report_hex(bytes);
  report_text(" ");
  report_hex(instructions);
  report_text(" ");
  report_hex(stack);
  report_text("\n");
}

static void measure(const char* name, void (*run)(void), uint32_t bytes) {
  ops_length(bytes);
  ops_result = 0;
  uint64_t start = board_instructions();
  run();
  uint64_t instructions = board_instructions() - start;
  line(name, bytes, instructions, report_stack_peak(run));
  report_text("result ");
  report_text(name);
  report_text(" ");
  report_hex(ops_result);
  report_text("\n");
}

int main(void) {
  measure("init", ember_init, 0);
  ops_setup();
  for (size_t i = 0; i < ops_count; i++) measure(ops[i].name, ops[i].run, ops[i].bytes);
  return 0;
}
