// IdSource: the ids the emulator makes up (RequestIds, call ids, random room ids). Each
// owner has its own source; a seed (--seed) makes every id of a run reproducible, so a
// test can predict them. Without one the seed is random per process.
//
// Thread-safe and lock-free: the n-th id is Mix(seed + n), and Mix is a bijection on 64-bit
// values, so a source never repeats itself within 2^64 ids.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

namespace trtc {

// splitmix64's finaliser: a bijection on 64-bit values with good avalanche.
constexpr uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

class IdSource {
 public:
  // nullopt: a random seed. `stream` keeps sources that share one seed apart.
  explicit IdSource(std::optional<uint64_t> seed, uint64_t stream = 0);

  IdSource(const IdSource&) = delete;
  IdSource& operator=(const IdSource&) = delete;

  // The sequence number of the next id: 1, 2, 3, ...
  uint64_t NextSequence() { return counter_.fetch_add(1, std::memory_order_relaxed) + 1; }
  // The id of sequence number `sequence`.
  uint64_t IdOf(uint64_t sequence) const { return Mix(seed_ + sequence); }
  uint64_t Next() { return IdOf(NextSequence()); }
  uint64_t seed() const { return seed_; }

 private:
  const uint64_t seed_;
  std::atomic<uint64_t> counter_{0};
};

}  // namespace trtc
