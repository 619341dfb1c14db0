#include "server/api/request_id.h"

namespace trtc::api {
namespace {

void AppendHex(uint64_t value, char* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[value & 0xf];
    value >>= 4;
  }
}

}  // namespace

RequestIds::RequestIds(std::optional<uint64_t> seed) : high_(seed, 1), low_(seed, 2) {}

std::string RequestIds::Next(Family family) {
  // One sequence number names both halves, so the 128 bits never repeat within a run.
  const uint64_t sequence = low_.NextSequence();
  char hex[32];
  AppendHex(high_.IdOf(sequence), hex);
  AppendHex(low_.IdOf(sequence), hex + 16);
  if (family == Family::kV1) return std::string(hex, sizeof hex);
  std::string id;
  id.reserve(3 + 32 + 7 + 20);
  id.append("Id-").append(hex, sizeof hex).append("-O-Seq-").append(std::to_string(sequence));
  return id;
}

}  // namespace trtc::api
