/* Minimal <math.h>: wasm2c's float helpers name these, but the engine uses no
 * floating point, so the helpers are never called and nothing links them. */
#ifndef EMBER_FREESTANDING_MATH_H_
#define EMBER_FREESTANDING_MATH_H_
#define NAN __builtin_nanf("")
#define isnan(x) __builtin_isnan(x)
#define signbit(x) __builtin_signbit(x)
double floor(double), ceil(double), trunc(double), nearbyint(double), fabs(double), sqrt(double);
float floorf(float), ceilf(float), truncf(float), nearbyintf(float), fabsf(float), sqrtf(float);
#endif
