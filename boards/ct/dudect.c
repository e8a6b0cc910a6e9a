/*
 * A dudect-style timing test (Reparaz, Balasch, Verbauwhede, "Dude, is my
 * code constant time?", DATE 2017) of the native build of the engine
 * (libembertls.a for boards/native, through embertls.h).
 *
 * For each operation, N calls are timed (rdtsc on x86-64, else
 * clock_gettime), each on an input of one of two classes chosen at random,
 * so drift and noise fall on both classes alike. Welch's t statistic
 * compares the two classes' times: on all measurements, and on those under
 * a few percentiles (cropping keeps interrupts and cache misses from
 * swamping a small, steady difference). |t| above 4.5 is taken as evidence
 * of a leak, as dudect does; below it, none was found at this N.
 *
 *   dudect N_TAG N_X25519   prints one JSON object per test, one per line
 *
 * Tests:
 *   aes128-gcm-open-tag, chacha20-poly1305-open-tag: open a 64-byte record
 *     whose tag matches the right one in 0 (class 0) or 15 (class 1) leading
 *     bytes: both are rejected, so only the comparison can tell them apart.
 *   x25519: a fixed scalar (class 0) against fresh random scalars (class 1),
 *     on a fixed peer point.
 *   control-memcmp-tag: the same tag classes through an early-exit compare,
 *     the leak the engine's ctEqual avoids: must show a large |t|, or the
 *     method could not see the leak it is looking for.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "embertls.h"

/* ---- Port (embertls.h) ---------------------------------------------------- */

void ember_trap(int code) {
  fprintf(stderr, "engine trap %d\n", code);
  exit(2);
}
void ember_port_random(uint8_t* out, size_t len) { memset(out, 0x5a, len); }
uint64_t ember_port_time(void) { return 1735689600u; }
void ember_port_trace(const char* text, size_t len) { (void)text, (void)len; }

/* ---- Clock and randomness -------------------------------------------------- */

static inline uint64_t ticks(void) {
#if defined(__x86_64__) || defined(__i386__)
  /* lfence keeps rdtsc from running ahead of the code it brackets. */
  __asm__ volatile("lfence" ::: "memory");
  uint64_t t = __builtin_ia32_rdtsc();
  __asm__ volatile("lfence" ::: "memory");
  return t;
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

/* xorshift64*: classes and random scalars; the test needs no secrecy, only independence from the timings. */
static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t next(void) {
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 0x2545f4914f6cdd1du;
}
static void fill(uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(next() >> 56);
}

/* ---- Welch's t-test -------------------------------------------------------------- */

/* Running mean and sum of squared deviations per class (Welford). */
struct welch {
  double n[2], mean[2], m2[2];
};

static void push(struct welch* w, int c, double x) {
  w->n[c] += 1;
  double d = x - w->mean[c];
  w->mean[c] += d / w->n[c];
  w->m2[c] += d * (x - w->mean[c]);
}

static double t_of(const struct welch* w) {
  if (w->n[0] < 2 || w->n[1] < 2) return 0;
  double v0 = w->m2[0] / (w->n[0] - 1), v1 = w->m2[1] / (w->n[1] - 1);
  return (w->mean[0] - w->mean[1]) / sqrt(v0 / w->n[0] + v1 / w->n[1]);
}

static int cmp_u64(const void* a, const void* b) {
  uint64_t x = *(const uint64_t*)a, y = *(const uint64_t*)b;
  return x < y ? -1 : x > y;
}

static const double PERCENTILES[] = {50, 75, 90, 95, 99};
#define CROPS (sizeof PERCENTILES / sizeof PERCENTILES[0])

/*
 * Prints the test's result as JSON: t on everything, then t on the
 * measurements under each percentile (thresholds from the first tenth, which
 * is then left out, as dudect does).
 */
static void report(const char* name, const uint64_t* times, const uint8_t* classes, size_t n) {
  size_t warm = n / 10;
  uint64_t* sorted = malloc(warm * sizeof *sorted);
  memcpy(sorted, times, warm * sizeof *sorted);
  qsort(sorted, warm, sizeof *sorted, cmp_u64);
  uint64_t limit[CROPS];
  for (size_t k = 0; k < CROPS; k++) limit[k] = sorted[(size_t)(PERCENTILES[k] / 100 * (warm - 1))];
  free(sorted);
  struct welch all = {0}, crop[CROPS];
  memset(crop, 0, sizeof crop);
  for (size_t i = warm; i < n; i++) {
    push(&all, classes[i], (double)times[i]);
    for (size_t k = 0; k < CROPS; k++)
      if (times[i] <= limit[k]) push(&crop[k], classes[i], (double)times[i]);
  }
  double max = fabs(t_of(&all));
  printf("{\"test\":\"%s\",\"n\":%zu,\"class0\":%.0f,\"class1\":%.0f,\"mean0\":%.1f,\"mean1\":%.1f,\"t\":%.3f,\"cropped\":{",
         name, n - warm, all.n[0], all.n[1], all.mean[0], all.mean[1], t_of(&all));
  for (size_t k = 0; k < CROPS; k++) {
    double t = t_of(&crop[k]);
    if (fabs(t) > max) max = fabs(t);
    printf("%s\"p%.0f\":%.3f", k ? "," : "", PERCENTILES[k], t);
  }
  printf("},\"maxAbsT\":%.3f}\n", max);
  fflush(stdout);
}

/* ---- Tests ------------------------------------------------------------------------ */

#define RECORD 64

/* The two tag classes: the genuine tag with its first byte changed (0 leading bytes
 * match) or its last byte changed (15 match). */
static void tag_classes(const uint8_t genuine[16], uint8_t tags[2][16]) {
  memcpy(tags[0], genuine, 16);
  memcpy(tags[1], genuine, 16);
  tags[0][0] ^= 1;
  tags[1][15] ^= 1;
}

static uint8_t* classes_of(size_t n) {
  uint8_t* c = malloc(n);
  for (size_t i = 0; i < n; i++) c[i] = (uint8_t)(next() >> 63);
  return c;
}

typedef int (*open_fn)(const uint8_t* key, const uint8_t nonce[12], const uint8_t* in, const uint8_t tag[16], uint8_t* out);

static int gcm_open(const uint8_t* key, const uint8_t nonce[12], const uint8_t* in, const uint8_t tag[16], uint8_t* out) {
  return ember_aes_gcm_open(key, 16, nonce, NULL, 0, in, RECORD, tag, out);
}
static int chacha_open(const uint8_t* key, const uint8_t nonce[12], const uint8_t* in, const uint8_t tag[16], uint8_t* out) {
  return ember_chacha20poly1305_open(key, nonce, NULL, 0, in, RECORD, tag, out);
}

static void tag_test(const char* name, open_fn open, int is_gcm, size_t n) {
  uint8_t key[32], nonce[12], text[RECORD], ct[RECORD], out[RECORD], genuine[16], tags[2][16];
  fill(key, sizeof key);
  fill(nonce, sizeof nonce);
  fill(text, sizeof text);
  if (is_gcm) ember_aes_gcm_seal(key, 16, nonce, NULL, 0, text, RECORD, ct, genuine);
  else ember_chacha20poly1305_seal(key, nonce, NULL, 0, text, RECORD, ct, genuine);
  tag_classes(genuine, tags);
  uint8_t* classes = classes_of(n);
  uint64_t* times = malloc(n * sizeof *times);
  for (size_t i = 0; i < n; i++) {
    const uint8_t* tag = tags[classes[i]];
    uint64_t t0 = ticks();
    int status = open(key, nonce, ct, tag, out);
    times[i] = ticks() - t0;
    if (status != EMBER_INCORRECT_TAG) {
      fprintf(stderr, "%s: a forged tag was accepted\n", name);
      exit(1);
    }
  }
  report(name, times, classes, n);
  free(times);
  free(classes);
}

/* What ctEqual must not be: returns at the first differing byte. */
__attribute__((noinline)) static int early_exit_compare(const volatile uint8_t* a, const volatile uint8_t* b) {
  for (int i = 0; i < 16; i++)
    if (a[i] != b[i]) return 0;
  return 1;
}

static void control_test(size_t n) {
  uint8_t genuine[16], tags[2][16];
  fill(genuine, sizeof genuine);
  tag_classes(genuine, tags);
  uint8_t* classes = classes_of(n);
  uint64_t* times = malloc(n * sizeof *times);
  for (size_t i = 0; i < n; i++) {
    const uint8_t* tag = tags[classes[i]];
    uint64_t t0 = ticks();
    early_exit_compare(genuine, tag);
    times[i] = ticks() - t0;
  }
  report("control-memcmp-tag", times, classes, n);
  free(times);
  free(classes);
}

static void x25519_test(size_t n) {
  uint8_t fixed[32], peer_private[32], peer[32], shared[32];
  fill(fixed, sizeof fixed);
  fill(peer_private, sizeof peer_private);
  ember_x25519_public_key(peer, peer_private);
  uint8_t* classes = classes_of(n);
  /* Inputs are made before the clock starts: class 1 gets a fresh random scalar each time. */
  uint8_t* scalars = malloc(n * 32);
  for (size_t i = 0; i < n; i++) {
    if (classes[i]) fill(scalars + 32 * i, 32);
    else memcpy(scalars + 32 * i, fixed, 32);
  }
  uint64_t* times = malloc(n * sizeof *times);
  for (size_t i = 0; i < n; i++) {
    uint64_t t0 = ticks();
    ember_x25519(shared, scalars + 32 * i, peer);
    times[i] = ticks() - t0;
  }
  report("x25519", times, classes, n);
  free(times);
  free(scalars);
  free(classes);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s N_TAG N_X25519\n", argv[0]);
    return 2;
  }
  size_t n_tag = strtoul(argv[1], NULL, 10), n_x = strtoul(argv[2], NULL, 10);
  ember_init();
  control_test(n_tag);
  tag_test("aes128-gcm-open-tag", gcm_open, 1, n_tag);
  tag_test("chacha20-poly1305-open-tag", chacha_open, 0, n_tag);
  x25519_test(n_x);
  return 0;
}
