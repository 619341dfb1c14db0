// FUZZ_CHECK: a property every input must keep. A failure prints what broke and aborts,
// which libFuzzer reports as a crash (and keeps the input).
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                   \
  do {                                                                                \
    if (!(condition)) {                                                               \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed: %s\n", __FILE__, __LINE__, \
                   #condition, what);                                                 \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)
