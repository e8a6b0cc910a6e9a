/*
 * Footprint firmwares (bench/boards.ts): linked, never run. They differ only
 * in which embertls.h calls they make, so the difference of what each links
 * from libembertls.a is what those calls cost in flash. This one makes none
 * but ember_init().
 */
#include "embertls.h"

int main(void) {
  ember_init();
  return 0;
}
