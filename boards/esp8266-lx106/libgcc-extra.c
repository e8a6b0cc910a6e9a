/*
 * Arithmetic helpers that GCC calls on the lx106 and that Debian's
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

/*
 * Unsigned division, which GCC calls on the lx106 (no divider) and which the
 * same libgcc.a also lacks: restoring division, one quotient bit per step.
 * Only for public operands: the engine divides nothing secret (AES key
 * expansion's round index, i % nk, and RSA's bnToMont, a u64 quotient
 * estimate on the public modulus and signature), and division by zero is
 * trapped by the generated code before it gets here.
 */
static uint32_t divide(uint32_t n, uint32_t d, uint32_t* remainder) {
  uint64_t r = 0; /* 33 bits are needed while d > 2^31 */
  uint32_t q = 0;
  for (int i = 31; i >= 0; i--) {
    r = (r << 1) | ((n >> i) & 1u);
    if (r >= d) {
      r -= d;
      q |= 1u << i;
    }
  }
  *remainder = (uint32_t)r;
  return q;
}

uint32_t __udivsi3(uint32_t n, uint32_t d) {
  uint32_t r;
  return divide(n, d, &r);
}

uint32_t __umodsi3(uint32_t n, uint32_t d) {
  uint32_t r;
  divide(n, d, &r);
  return r;
}

/* 64 / 64 (bnToMont). The remainder needs 65 bits for a moment when d >=
 * 2^63: the bit shifted out is kept in top, and then r >= d for sure. */
uint64_t __udivdi3(uint64_t n, uint64_t d) {
  uint64_t q = 0, r = 0;
  for (int i = 63; i >= 0; i--) {
    uint32_t top = (uint32_t)(r >> 63);
    r = (r << 1) | ((n >> i) & 1u);
    if (top || r >= d) {
      r -= d;
      q |= (uint64_t)1 << i;
    }
  }
  return q;
}
