// Fuzzes the request target's parsing: splitting path from query, the REST query
// parameters, percent-decoding, single parameters and uint32 values. The input is a raw
// request target.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/api/query_string.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace trtc::api;
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  std::string_view path, query;
  SplitTarget(target, &path, &query);
  FUZZ_CHECK(path.size() + query.size() <= target.size(), "path and query overlap");

  RestQuery rest;
  const bool parsed = ParseRestQuery(query, &rest);
  std::string decoded;
  if (parsed) {
    // Whatever ParseRestQuery accepted, QueryParam reads the same first value.
    const std::optional<std::string> sdkappid = QueryParam(query, "sdkappid");
    FUZZ_CHECK(sdkappid == rest.sdkappid, "QueryParam and ParseRestQuery disagree on sdkappid");
  }
  if (PercentDecode(target, &decoded)) {
    FUZZ_CHECK(decoded.size() <= target.size(), "decoding made the text longer");
  }
  if (const std::optional<uint32_t> number = ParseUint32(target)) {
    FUZZ_CHECK(std::to_string(*number).size() <= target.size(), "a number out of nothing");
  }
  return 0;
}
