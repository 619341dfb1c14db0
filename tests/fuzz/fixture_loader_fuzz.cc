// Fuzzes the fixture loader on arbitrary text: JSON parsing, every section's validation
// (apps, packages, rate limits, callback seeds, room seeds with metadata) and, through a
// file, the checks across sections. A fixture must load the same way from text and file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "server/app/fixture_loader.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One file, rewritten for every input (LoadFixtures reads files only).
  static const std::string file = [] {
    char dir[] = "/tmp/trtc-fixture-fuzz-XXXXXX";
    if (mkdtemp(dir) == nullptr) std::abort();
    return std::string(dir) + "/fuzz.json";
  }();

  const std::string_view json(reinterpret_cast<const char*>(data), size);
  trtc::app::Fixtures parsed, loaded;
  const trtc::Status status = trtc::app::ParseFixture(json, file, &parsed);
  FUZZ_CHECK(status.ok() || !status.message().empty(), "an error without a message");

  if (!status.ok()) return 0;

  // Only a fixture that parses gets as far as the checks across sections; a file write
  // per input would cost most of the time.
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(json.data(), json.size());
  const trtc::Status load_status = trtc::app::LoadFixtures(file, &loaded);
  FUZZ_CHECK(load_status.ok() || !load_status.message().empty(), "an error without a message");
  if (load_status.ok()) {
    FUZZ_CHECK(parsed.apps.size() == loaded.apps.size() &&
                   parsed.rooms.size() == loaded.rooms.size(),
               "the file loads differently from the text");
  }
  return 0;
}
