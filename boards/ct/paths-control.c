/*
 * The positive controls: engine code (test/assembly/ct-valgrind-probe.ts)
 * that leaks on purpose, through the same wasm2c translation and runtime as
 * the real paths. The harness must report both; if it did not, a clean run
 * of a real path would prove nothing.
 */
#include "ct.h"

#define SECRET PARAMS

/* An early-exit compare: "Conditional jump or move depends on uninitialised value(s)". */
static void control_branch(void) {
  input("secret", at(SECRET), 16);
  secret(at(SECRET), 16);
  verdict("result", declassify(Z_emberZ_ctLeakyBranch(E, at(SECRET))));
}

/* A table lookup at a secret index: "Use of uninitialised value of size 8" (the address). */
static void control_lookup(void) {
  input("secret", at(SECRET), 1);
  secret(at(SECRET), 1);
  verdict("result", declassify(Z_emberZ_ctLeakyLookup(E, at(SECRET))));
}

const struct ct_path ct_control_paths[] = {
    {"control-branch", control_branch},
    {"control-lookup", control_lookup},
    {0, 0},
};
