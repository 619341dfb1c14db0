#include <map>

#include <gtest/gtest.h>

#include "server/app/options.h"

namespace trtc::app {
namespace {

struct Parsed {
  ParseResult result;
  Options options;
  std::string error;
};

Parsed Parse(std::vector<const char*> args, std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), "trtc-emulator");
  Parsed parsed;
  parsed.result = ParseOptions(
      static_cast<int>(args.size()), args.data(),
      [&](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
      },
      &parsed.options, &parsed.error);
  return parsed;
}

TEST(OptionsTest, Defaults) {
  Parsed p = Parse({});
  ASSERT_EQ(p.result, ParseResult::kRun);
  EXPECT_EQ(p.options.bind, "127.0.0.1");
  EXPECT_EQ(p.options.port, 9000);
  EXPECT_EQ(p.options.db, "trtc-emulator.db");
  EXPECT_FALSE(p.options.in_memory);
  EXPECT_EQ(p.options.fixtures, "");
  EXPECT_TRUE(p.options.rate_limits);
  EXPECT_EQ(p.options.auth, api::AuthMode::kStrict);
  EXPECT_EQ(p.options.log_level, LogLevel::kInfo);
}

TEST(OptionsTest, FlagsBothSpellings) {
  Parsed p = Parse({"--bind", "0.0.0.0", "--port=0", "--db", "x.db", "--fixtures=f.json",
                    "--rate-limits", "off", "--auth=off", "--log-level", "debug"});
  ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
  EXPECT_EQ(p.options.bind, "0.0.0.0");
  EXPECT_EQ(p.options.port, 0);
  EXPECT_EQ(p.options.db, "x.db");
  EXPECT_EQ(p.options.fixtures, "f.json");
  EXPECT_FALSE(p.options.rate_limits);
  EXPECT_EQ(p.options.auth, api::AuthMode::kOff);
  EXPECT_EQ(p.options.log_level, LogLevel::kDebug);
}

TEST(OptionsTest, EnvironmentThenFlags) {
  Parsed p = Parse({"--port", "7"}, {{"TRTC_EMULATOR_PORT", "8"},
                                     {"TRTC_EMULATOR_IN_MEMORY", "1"},
                                     {"TRTC_EMULATOR_RATE_LIMITS", "off"}});
  ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
  EXPECT_EQ(p.options.port, 7);
  EXPECT_TRUE(p.options.in_memory);
  EXPECT_FALSE(p.options.rate_limits);
}

TEST(OptionsTest, HelpAndVersion) {
  EXPECT_EQ(Parse({"--help"}).result, ParseResult::kHelp);
  EXPECT_EQ(Parse({"--version"}).result, ParseResult::kVersion);
  EXPECT_NE(HelpText().find("TRTC_EMULATOR_LOG_LEVEL"), std::string::npos);
}

TEST(OptionsTest, HealthcheckUsesTheSamePortAndBindSettings) {
  Parsed p = Parse({"--healthcheck"});
  ASSERT_EQ(p.result, ParseResult::kHealthcheck) << p.error;
  EXPECT_TRUE(p.options.healthcheck);
  EXPECT_EQ(p.options.port, 9000);
  EXPECT_EQ(p.options.bind, "127.0.0.1");

  // The container's environment (as Docker runs the HEALTHCHECK) says where the server is.
  p = Parse({"--healthcheck"}, {{"TRTC_EMULATOR_PORT", "9100"}, {"TRTC_EMULATOR_BIND", "0.0.0.0"}});
  ASSERT_EQ(p.result, ParseResult::kHealthcheck) << p.error;
  EXPECT_EQ(p.options.port, 9100);
  EXPECT_EQ(p.options.bind, "0.0.0.0");

  p = Parse({"--port", "9200", "--healthcheck"}, {{"TRTC_EMULATOR_PORT", "9100"}});
  ASSERT_EQ(p.result, ParseResult::kHealthcheck) << p.error;
  EXPECT_EQ(p.options.port, 9200);

  EXPECT_EQ(Parse({"--healthcheck=1"}).result, ParseResult::kError);
  EXPECT_EQ(Parse({}).result, ParseResult::kRun);
  EXPECT_NE(HelpText().find("--healthcheck"), std::string::npos);
}

TEST(OptionsTest, TransportLimits) {
  Parsed p = Parse({});
  EXPECT_EQ(p.options.idle_timeout_ms, 30000);
  EXPECT_EQ(p.options.max_connections, 10000);
  p = Parse({"--idle-timeout-ms", "250", "--max-connections=50"});
  ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
  EXPECT_EQ(p.options.idle_timeout_ms, 250);
  EXPECT_EQ(p.options.max_connections, 50);
  p = Parse({}, {{"TRTC_EMULATOR_IDLE_TIMEOUT_MS", "1"}, {"TRTC_EMULATOR_MAX_CONNECTIONS", "1000000"}});
  ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
  EXPECT_EQ(p.options.idle_timeout_ms, 1);
  EXPECT_EQ(p.options.max_connections, 1000000);
  for (const char* bad : {"0", "-5", "1e3", "", "3600001"}) {
    EXPECT_EQ(Parse({"--idle-timeout-ms", bad}).result, ParseResult::kError) << bad;
  }
  for (const char* bad : {"0", "-5", "1000001", "ten", ""}) {
    EXPECT_EQ(Parse({"--max-connections", bad}).result, ParseResult::kError) << bad;
  }
}

TEST(OptionsTest, Errors) {
  for (std::vector<const char*> args : std::vector<std::vector<const char*>>{
           {"--port", "65536"}, {"--port", "-1"}, {"--port", ""}, {"--port"}, {"--in-memory=1"},
           {"--auth", "none"}, {"--frobnicate"}, {"positional"}, {"--db", "a", "--in-memory"}}) {
    Parsed p = Parse(args);
    EXPECT_EQ(p.result, ParseResult::kError) << args[0];
    EXPECT_FALSE(p.error.empty());
    EXPECT_EQ(p.error.find('\n'), std::string::npos);
  }
  Parsed p = Parse({}, {{"TRTC_EMULATOR_AUTH", "maybe"}});
  EXPECT_EQ(p.result, ParseResult::kError);
  EXPECT_NE(p.error.find("TRTC_EMULATOR_AUTH"), std::string::npos);
}

}  // namespace
}  // namespace trtc::app
