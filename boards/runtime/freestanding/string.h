/* Minimal <string.h> for boards without a C library (esp8266-lx106 here):
 * what the generated code and the runtime call. Defined in libc.c. */
#ifndef EMBER_FREESTANDING_STRING_H_
#define EMBER_FREESTANDING_STRING_H_
#include <stddef.h>
void* memcpy(void* dst, const void* src, size_t n);
void* memmove(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);
int memcmp(const void* a, const void* b, size_t n);
size_t strlen(const char* s);
#endif
