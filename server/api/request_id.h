// RequestIds in each family's documented format, one source per dispatcher. Ids are
// unique within a run (128 bits from the source's bijective mixer over a sequence
// number) and random across runs unless the run is seeded (--seed), when every run
// answers the same ids in the same order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "server/api/family.h"
#include "server/common/id_source.h"

namespace trtc::api {

class RequestIds {
 public:
  explicit RequestIds(std::optional<uint64_t> seed = std::nullopt);

  // v4: "Id-" + 32 lowercase hex + "-O-Seq-" + decimal sequence.
  // v1: 32 lowercase hex.
  std::string Next(Family family);

 private:
  IdSource high_;  // two sources of one seed, kept apart by their streams
  IdSource low_;
};

}  // namespace trtc::api
