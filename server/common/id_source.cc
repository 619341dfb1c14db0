#include "server/common/id_source.h"

#include <random>

namespace trtc {
namespace {

uint64_t RandomSeed() {
  std::random_device device;
  return (uint64_t{device()} << 32) ^ device();
}

}  // namespace

// Streams are spread over the seed space by Mix, so two streams of one seed do not meet
// for about 2^63 ids.
IdSource::IdSource(std::optional<uint64_t> seed, uint64_t stream)
    : seed_(seed.value_or(RandomSeed()) ^ Mix(stream + 0x9e3779b97f4a7c15ULL)) {}

}  // namespace trtc
