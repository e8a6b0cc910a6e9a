/*
 * The benchmark operations (boards/common/ops.c) as a native x86-64 program,
 * to compare the wasm2c translation with V8 running the same .wasm on the
 * same machine (bench/boards-native.ts).
 *   timing          prints "native <op> <bytes> <ns per run>" (best of 7)
 *   timing --once   runs each operation once between callgrind client
 *                   requests, so callgrind counts exactly its instructions
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#include "embertls.h"
#include "ops.h"

void ember_trap(int code) {
  fprintf(stderr, "engine trap %d\n", code);
  exit(2);
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char** argv) {
  int once = argc > 1 && strcmp(argv[1], "--once") == 0;
  ops_setup();
  for (size_t i = 0; i < ops_count; i++) {
    const struct op* op = &ops[i];
    char label[64];
    snprintf(label, sizeof label, "%s %u", op->name, (unsigned)op->bytes);
    ops_length(op->bytes);
    if (once) {
      CALLGRIND_ZERO_STATS;
      op->run();
      CALLGRIND_DUMP_STATS_AT(label);
      continue;
    }
    /* Enough runs for ~20 ms per round; the best round filters out noise. */
    double start = now_ns();
    op->run();
    int runs = (int)(2e7 / (now_ns() - start + 1)) + 1;
    double best = 1e30;
    for (int round = 0; round < 7; round++) {
      start = now_ns();
      for (int r = 0; r < runs; r++) op->run();
      double per = (now_ns() - start) / runs;
      if (per < best) best = per;
    }
    printf("native %s %u %.1f\n", op->name, (unsigned)op->bytes, best);
  }
  return 0;
}
