/*
 * 64-bit multiplication helpers that GCC calls on the lx106 and that Debian's
 * gcc-xtensa-lx106 libgcc.a lacks (it has no lib1funcs multiply routines).
 * The lx106 has MULL (32 x 32 -> low 32) but no high-half multiply, so the
 * 64-bit product is built from 16-bit halves. No branches and no early exits:
 * Poly1305 and X25519 multiply secrets through these.
 */
#include <stdint.h>

/* 32 x 32 -> 64, schoolbook on 16-bit halves. */
uint64_t __umulsidi3(uint32_t a, uint32_t b) {
  uint32_t a0 = a & 0xFFFFu, a1 = a >> 16, b0 = b & 0xFFFFu, b1 = b >> 16;
  uint32_t lo = a0 * b0, m0 = a1 * b0, m1 = a0 * b1, hi = a1 * b1;
  /* The middle sum can carry out of 32 bits: keep it in 64. */
  uint64_t mid = (uint64_t)m0 + m1;
  return ((uint64_t)hi << 32) + (mid << 16) + lo;
}

/* 64 x 64 -> low 64: the high x high term falls off the top. */
uint64_t __muldi3(uint64_t a, uint64_t b) {
  uint32_t al = (uint32_t)a, ah = (uint32_t)(a >> 32);
  uint32_t bl = (uint32_t)b, bh = (uint32_t)(b >> 32);
  return __umulsidi3(al, bl) + ((uint64_t)(al * bh + ah * bl) << 32);
}
