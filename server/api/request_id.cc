#include "server/api/request_id.h"

#include <atomic>
#include <cstdint>
#include <random>

namespace trtc::api {
namespace {

// splitmix64's finaliser: a bijection on 64-bit values with good avalanche.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

struct ProcessSeed {
  uint64_t high;
  uint64_t low;
  ProcessSeed() {
    std::random_device device;
    high = (uint64_t{device()} << 32) ^ device();
    low = (uint64_t{device()} << 32) ^ device();
  }
};

const ProcessSeed& Seed() {
  static const ProcessSeed seed;
  return seed;
}

std::atomic<uint64_t> g_sequence{0};

void AppendHex(uint64_t value, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xf];
    value >>= 4;
  }
}

}  // namespace

std::string NewRequestId(Family family) {
  const uint64_t sequence = g_sequence.fetch_add(1, std::memory_order_relaxed) + 1;
  const ProcessSeed& seed = Seed();
  char hex[32];
  // The low half alone is unique per sequence number (Mix is a bijection).
  AppendHex(Mix(seed.high ^ Mix(sequence)), hex);
  AppendHex(Mix(seed.low + sequence), hex + 16);
  if (family == Family::kV1) return std::string(hex, sizeof hex);
  std::string id;
  id.reserve(3 + 32 + 7 + 20);
  id.append("Id-").append(hex, sizeof hex).append("-O-Seq-").append(std::to_string(sequence));
  return id;
}

}  // namespace trtc::api
