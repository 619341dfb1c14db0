// EmulatorTest: a GoogleTest fixture that runs one real trtc-emulator per test suite (in memory,
// rate limits off, with tests/integration/fixtures/apps.json) and holds UserSigs made by the
// official npm generator for its apps.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/support/http_client.h"
#include "tests/integration/support/server_process.h"

namespace trtc::testing {

inline constexpr uint32_t kApp = 1400000000;           // the default app
inline constexpr uint32_t kOtherApp = 1400000001;      // admins: administrator, ops_admin
inline constexpr uint32_t kNoGroupCallApp = 1400000002;  // packages.call_group = false
inline constexpr uint32_t kKeylessApp = 1400000003;    // key ""
inline constexpr uint32_t kNoLiveApp = 1400000004;     // packages.live = false
inline constexpr uint32_t kUnknownApp = 1499999999;
inline constexpr const char kAppKey[] =
    "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
inline constexpr const char kOtherAppKey[] =
    "560751327f3e51c9a8d9da9c4d1123331839267904736b676155819ef6571108";
inline constexpr const char kNoGroupCallAppKey[] =
    "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf";
inline constexpr const char kNoLiveAppKey[] =
    "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef";
inline constexpr const char kAdmin[] = "administrator";

std::string FixturePath(const std::string& name);  // tests/integration/fixtures/NAME

// POSTs `body` to API `path` of the default app as its admin, on the server at `port` (a
// test's own server process). The UserSig is made once, by the official generator.
HttpReply CallDefaultApp(uint16_t port, const std::string& path, const std::string& body);

class EmulatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  // For suites that need more flags: call from their own SetUpTestSuite().
  static void StartSuite(const std::vector<std::string>& extra_args);
  static void TearDownTestSuite();

  static uint16_t port() { return server_->port(); }
  // A fresh official UserSig for (app, identifier), made at suite start (valid 1 day).
  static const std::string& Sig(uint32_t sdkappid, const std::string& identifier);

  // POSTs `body` to API `path` as `identifier` of `sdkappid`, with that pair's sig.
  HttpReply Call(const std::string& path, const std::string& body, uint32_t sdkappid = kApp,
                 const std::string& identifier = kAdmin);

  // A control-plane request (/_emulator/...) on a new connection.
  HttpReply Control(http::bhttp::verb method, const std::string& path,
                    const std::string& body = "");
  // Moves the emulator's clock `offset_s` seconds from the machine's (POST /_emulator/clock).
  void SetClock(int64_t offset_s);
  // The emulator clock's now, in Unix seconds.
  int64_t Now();
  // The error member of a failed control call, checking its HTTP status.
  std::string ErrorOf(const HttpReply& reply, unsigned status);

  static std::unique_ptr<ServerProcess> server_;
  static std::map<std::pair<uint32_t, std::string>, std::string> sigs_;
};

}  // namespace trtc::testing
