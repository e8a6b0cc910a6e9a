/*
 * Linear-memory loads and stores for wasm2c output on microcontrollers.
 * scripts/build-c.mjs splices this file into the generated C in place of
 * wasm2c's own helpers and rewrites each call from
 *     i32_load(&instance->w2c_memory, (u64)(addr) + offset)
 * to  i32_load(addr, offset).
 *
 * Why: wasm2c's helpers take the memory through the instance and a 64-bit
 * address. On a 32-bit core that costs a 64-bit add and compare per access,
 * and, since every store through the u8* data may alias the instance, the
 * compiler reloads data and size after each store. Here the memory is one
 * static array of a size known at compile time, the offset is a constant, and
 * the bounds check is a single unsigned compare against a constant.
 *
 * Wasm semantics are kept: the access [addr + offset, addr + offset + n) must
 * lie inside the memory or the call traps (WASM_RT_TRAP_OOB).
 */
#ifndef EMBER_MEMORY_H_
#define EMBER_MEMORY_H_

extern uint8_t ember_linear_memory[EMBER_MEMORY_BYTES];

/* offset and n are constants, so the first test folds away and the second is
 * one compare; written this way neither side can overflow 32 bits. */
#define EMBER_IN_BOUNDS(addr, offset, n) \
  ((offset) + (n) <= EMBER_MEMORY_BYTES && (addr) <= EMBER_MEMORY_BYTES - (n) - (offset))

/*
 * How a word access reaches memory at an address the compiler cannot prove
 * aligned (EMBER_MISALIGNED, from the board profile's "misaligned"):
 *
 *   EMBER_MISALIGNED_COMPILER  the compiler already emits word instructions
 *     that the core runs at any address (Cortex-M3/M4/M33 LDR/STR, with
 *     GCC's default -munaligned-access); a plain memcpy is one LDR.
 *   EMBER_MISALIGNED_CHECKED  the core may fault on a misaligned word (RISC-V
 *     leaves it to the implementation; the lx106 raises LoadStoreAlignment):
 *     an aligned address takes one word instruction, a misaligned one goes
 *     byte by byte. The branch is on the address, which the engine's
 *     constant-time rules keep public, never on data. Costs ~20% on rv32.
 *   EMBER_MISALIGNED_HARDWARE  the core runs misaligned LW/SW in hardware but
 *     the compiler does not know it (GCC tunes rv32 for strict alignment):
 *     force word instructions; 8-byte accesses as two words.
 */
#define EMBER_MISALIGNED_CHECKED 0
#define EMBER_MISALIGNED_COMPILER 1
#define EMBER_MISALIGNED_HARDWARE 2

#define EMBER_ALIGN_OF(n) ((n) < 4 ? (n) : 4)
#define EMBER_WORD_COPY(dst, src, n) \
  __builtin_memcpy(__builtin_assume_aligned(dst, EMBER_ALIGN_OF(n)), __builtin_assume_aligned(src, EMBER_ALIGN_OF(n)), n)

#if EMBER_MISALIGNED == EMBER_MISALIGNED_COMPILER
#define EMBER_COPY(dst, src, n) __builtin_memcpy(dst, src, n)
#elif EMBER_MISALIGNED == EMBER_MISALIGNED_HARDWARE
#define EMBER_COPY(dst, src, n)                                                     \
  do {                                                                              \
    if ((n) == 8) {                                                                 \
      EMBER_WORD_COPY(dst, src, 4);                                                 \
      EMBER_WORD_COPY((uint8_t*)(dst) + 4, (const uint8_t*)(src) + 4, 4);           \
    } else {                                                                        \
      EMBER_WORD_COPY(dst, src, n);                                                 \
    }                                                                               \
  } while (0)
#else
#define EMBER_COPY(dst, src, n)                                                     \
  do {                                                                              \
    if (LIKELY((((uintptr_t)(dst) | (uintptr_t)(src)) & (EMBER_ALIGN_OF(n) - 1)) == 0)) \
      EMBER_WORD_COPY(dst, src, n);                                                 \
    else                                                                            \
      __builtin_memcpy(dst, src, n);                                                \
  } while (0)
#endif

/*
 * Whether every access is inlined. GCC at -Os calls a shared copy of each
 * accessor instead: on Cortex-M4 (size profile) that made P-256 ECDH 52.3 M
 * instructions against 18.6 M inlined, SHA-256 54.4 against 38.5 per byte,
 * for 0.8 KB more flash in all. Where the accessor also tests alignment
 * (EMBER_MISALIGNED_CHECKED: rv32, lx106) inlining costs far more flash
 * (rv32 size profile: +5.4 KB for SHA-2 and HMAC, +2.4 KB for P-256, for
 * ECDH 80.7 M -> 33.7 M), so there the compiler still decides: the speed
 * profile is the one that trades flash for instructions. At -O2 (speed)
 * GCC inlines where it pays, and forcing it everywhere measured worse
 * (Cortex-M4 AES-128-GCM 153.4 -> 159.7 instructions per byte).
 */
#if EMBER_MISALIGNED != EMBER_MISALIGNED_CHECKED && defined(__OPTIMIZE_SIZE__)
#define EMBER_ACCESSOR static inline __attribute__((always_inline))
#else
#define EMBER_ACCESSOR static inline
#endif

#define DEFINE_LOAD(name, t1, t2, t3)                              \
  EMBER_ACCESSOR t3 name(u32 addr, u32 offset) {                   \
    if (UNLIKELY(!EMBER_IN_BOUNDS(addr, offset, sizeof(t1))))      \
      TRAP(OOB);                                                   \
    t1 result;                                                     \
    EMBER_COPY(&result, ember_linear_memory + addr + offset, sizeof(t1)); \
    return (t3)(t2)result;                                         \
  }

#define DEFINE_STORE(name, t1, t2)                                 \
  EMBER_ACCESSOR void name(u32 addr, u32 offset, t2 value) {       \
    if (UNLIKELY(!EMBER_IN_BOUNDS(addr, offset, sizeof(t1))))      \
      TRAP(OOB);                                                   \
    t1 wrapped = (t1)value;                                        \
    EMBER_COPY(ember_linear_memory + addr + offset, &wrapped, sizeof(t1)); \
  }

/* Data segments are copied in once, at instantiation. */
#define LOAD_DATA(m, o, i, s)                  \
  do {                                         \
    RANGE_CHECK((&m), o, s);                   \
    __builtin_memcpy(&(m.data[o]), i, s);      \
  } while (0)

DEFINE_LOAD(i32_load, u32, u32, u32)
DEFINE_LOAD(i64_load, u64, u64, u64)
DEFINE_LOAD(f32_load, f32, f32, f32)
DEFINE_LOAD(f64_load, f64, f64, f64)
DEFINE_LOAD(i32_load8_s, s8, s32, u32)
DEFINE_LOAD(i64_load8_s, s8, s64, u64)
DEFINE_LOAD(i32_load8_u, u8, u32, u32)
DEFINE_LOAD(i64_load8_u, u8, u64, u64)
DEFINE_LOAD(i32_load16_s, s16, s32, u32)
DEFINE_LOAD(i64_load16_s, s16, s64, u64)
DEFINE_LOAD(i32_load16_u, u16, u32, u32)
DEFINE_LOAD(i64_load16_u, u16, u64, u64)
DEFINE_LOAD(i64_load32_s, s32, s64, u64)
DEFINE_LOAD(i64_load32_u, u32, u64, u64)
DEFINE_STORE(i32_store, u32, u32)
DEFINE_STORE(i64_store, u64, u64)
DEFINE_STORE(f32_store, f32, f32)
DEFINE_STORE(f64_store, f64, f64)
DEFINE_STORE(i32_store8, u8, u32)
DEFINE_STORE(i32_store16, u16, u32)
DEFINE_STORE(i64_store8, u8, u64)
DEFINE_STORE(i64_store16, u16, u64)
DEFINE_STORE(i64_store32, u32, u64)

#endif /* EMBER_MEMORY_H_ */
