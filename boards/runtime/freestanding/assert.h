/* Minimal <assert.h>: the library is always built with NDEBUG. */
#ifndef EMBER_FREESTANDING_ASSERT_H_
#define EMBER_FREESTANDING_ASSERT_H_
#define assert(x) ((void)0)
#endif
