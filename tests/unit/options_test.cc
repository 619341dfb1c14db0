#include <functional>
#include <limits>
#include <map>
#include <set>

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
  EXPECT_FALSE(p.options.https_port.has_value());
  EXPECT_EQ(p.options.tls_dir, "");
  EXPECT_EQ(p.options.tls_cert, "");
  EXPECT_TRUE(p.options.proxy);
  EXPECT_EQ(p.options.callback_ca, "");  // the system store only
  EXPECT_TRUE(p.options.callback_tls_verify);
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

// One setting per flag: a value it accepts and what that value does to Options.
struct Setting {
  const char* flag;
  const char* env;
  const char* value;  // nullptr: a switch (given on the command line, "1" in the environment)
  std::function<bool(const Options&)> holds;
};

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> settings = {
      {"--bind", "TRTC_EMULATOR_BIND", "0.0.0.0", [](auto& o) { return o.bind == "0.0.0.0"; }},
      {"--port", "TRTC_EMULATOR_PORT", "65535", [](auto& o) { return o.port == 65535; }},
      {"--db", "TRTC_EMULATOR_DB", "x.db", [](auto& o) { return o.db == "x.db"; }},
      {"--in-memory", "TRTC_EMULATOR_IN_MEMORY", nullptr, [](auto& o) { return o.in_memory; }},
      {"--fixtures", "TRTC_EMULATOR_FIXTURES", "f.json", [](auto& o) { return o.fixtures == "f.json"; }},
      {"--rate-limits", "TRTC_EMULATOR_RATE_LIMITS", "off", [](auto& o) { return !o.rate_limits; }},
      {"--auth", "TRTC_EMULATOR_AUTH", "off", [](auto& o) { return o.auth == api::AuthMode::kOff; }},
      {"--log-level", "TRTC_EMULATOR_LOG_LEVEL", "error",
       [](auto& o) { return o.log_level == LogLevel::kError; }},
      {"--threads", "TRTC_EMULATOR_THREADS", "999", [](auto& o) { return o.threads == 999; }},
      {"--callback-timeout-ms", "TRTC_EMULATOR_CALLBACK_TIMEOUT_MS", "0",
       [](auto& o) { return o.callback_timeout_ms == 0; }},
      {"--callback-retry-unit-ms", "TRTC_EMULATOR_CALLBACK_RETRY_UNIT_MS", "3600000",
       [](auto& o) { return o.callback_retry_unit_ms == 3600000; }},
      {"--callback-ca", "TRTC_EMULATOR_CALLBACK_CA", "receivers.pem",
       [](auto& o) { return o.callback_ca == "receivers.pem"; }},
      {"--callback-tls-verify", "TRTC_EMULATOR_CALLBACK_TLS_VERIFY", "off",
       [](auto& o) { return !o.callback_tls_verify; }},
      {"--idle-timeout-ms", "TRTC_EMULATOR_IDLE_TIMEOUT_MS", "1",
       [](auto& o) { return o.idle_timeout_ms == 1; }},
      {"--max-connections", "TRTC_EMULATOR_MAX_CONNECTIONS", "1000000",
       [](auto& o) { return o.max_connections == 1000000; }},
      {"--seed", "TRTC_EMULATOR_SEED", "42", [](auto& o) { return o.seed == uint64_t{42}; }},
      {"--https-port", "TRTC_EMULATOR_HTTPS_PORT", "0",
       [](auto& o) { return o.https_port == uint16_t{0}; }},
      {"--tls-dir", "TRTC_EMULATOR_TLS_DIR", "/tmp/ca", [](auto& o) { return o.tls_dir == "/tmp/ca"; }},
      {"--tls-cert", "TRTC_EMULATOR_TLS_CERT", "c.pem", [](auto& o) { return o.tls_cert == "c.pem"; }},
      {"--tls-key", "TRTC_EMULATOR_TLS_KEY", "k.pem", [](auto& o) { return o.tls_key == "k.pem"; }},
      {"--proxy", "TRTC_EMULATOR_PROXY", "off", [](auto& o) { return !o.proxy; }},
  };
  return settings;
}

TEST(OptionsTest, EveryFlagWithAnEnvironmentVariableIsCovered) {
  std::set<std::string> tested, listed;
  for (const Setting& s : Settings()) tested.insert(std::string(s.flag) + " " + s.env);
  for (const FlagName& name : FlagNames()) {
    if (!name.env.empty()) listed.insert(name.flag + " " + name.env);
  }
  EXPECT_EQ(tested, listed);
}

TEST(OptionsTest, EveryFlagWorksAsAFlagAndAsItsEnvironmentVariable) {
  for (const Setting& s : Settings()) {
    SCOPED_TRACE(s.flag);
    EXPECT_FALSE(s.holds(Options{})) << "the test value must differ from the default";
    std::vector<const char*> args = {s.flag};
    if (s.value) args.push_back(s.value);
    Parsed p = Parse(args);
    ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
    EXPECT_TRUE(s.holds(p.options));

    p = Parse({}, {{s.env, s.value ? s.value : "1"}});
    ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
    EXPECT_TRUE(s.holds(p.options));

    if (!s.value) continue;
    const std::string joined = std::string(s.flag) + "=" + s.value;
    p = Parse({joined.c_str()});
    ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
    EXPECT_TRUE(s.holds(p.options));
  }
}

TEST(OptionsTest, AFlagWinsOverItsEnvironmentVariableWhichWinsOverTheDefault) {
  const std::map<std::string, std::string> env = {
      {"TRTC_EMULATOR_PORT", "8"}, {"TRTC_EMULATOR_LOG_LEVEL", "warn"},
      {"TRTC_EMULATOR_SEED", "5"}, {"TRTC_EMULATOR_IN_MEMORY", "0"},
      {"TRTC_EMULATOR_IDLE_TIMEOUT_MS", "9"}};
  Parsed p = Parse({"--port", "7", "--log-level=debug", "--seed", "6", "--in-memory"}, env);
  ASSERT_EQ(p.result, ParseResult::kRun) << p.error;
  EXPECT_EQ(p.options.port, 7);
  EXPECT_EQ(p.options.log_level, LogLevel::kDebug);
  EXPECT_EQ(p.options.seed, uint64_t{6});
  EXPECT_TRUE(p.options.in_memory);
  EXPECT_EQ(p.options.idle_timeout_ms, 9);  // no flag: the environment's
  EXPECT_EQ(p.options.max_connections, 10000);  // neither: the default

  // A repeated flag: the last one counts.
  EXPECT_EQ(Parse({"--port", "1", "--port=2"}).options.port, 2);
}

TEST(OptionsTest, Seed) {
  EXPECT_EQ(Parse({}).options.seed, std::nullopt);
  EXPECT_EQ(Parse({"--seed", "0"}).options.seed, uint64_t{0});
  EXPECT_EQ(Parse({"--seed=18446744073709551615"}).options.seed,
            std::numeric_limits<uint64_t>::max());
  for (const char* bad : {"18446744073709551616", "-1", "+1", "0x10", "1.5", " 1", "seed", ""}) {
    Parsed p = Parse({"--seed", bad});
    EXPECT_EQ(p.result, ParseResult::kError) << bad;
    EXPECT_NE(p.error.find("--seed"), std::string::npos) << p.error;
  }
  Parsed p = Parse({}, {{"TRTC_EMULATOR_SEED", "x"}});
  EXPECT_EQ(p.result, ParseResult::kError);
  EXPECT_NE(p.error.find("TRTC_EMULATOR_SEED"), std::string::npos) << p.error;
}

TEST(OptionsTest, ValueRanges) {
  struct Range {
    const char* flag;
    std::vector<const char*> good, bad;
  } ranges[] = {
      {"--port", {"0", "65535"}, {"65536", "-1", "", "http"}},
      {"--threads", {"0", "999"}, {"1000", "-1", "two"}},
      {"--callback-timeout-ms", {"0", "3600000"}, {"3600001", "-1", "2s"}},
      {"--callback-retry-unit-ms", {"0", "3600000"}, {"3600001", "1e3"}},
      {"--idle-timeout-ms", {"1", "3600000"}, {"0", "3600001"}},
      {"--max-connections", {"1", "1000000"}, {"0", "1000001"}},
      {"--rate-limits", {"on", "off"}, {"maybe", "ON", "1"}},
      {"--auth", {"strict", "off"}, {"none", "lax"}},
      {"--log-level", {"debug", "info", "warn", "error"}, {"loud", "warning"}},
      {"--callback-tls-verify", {"on", "off"}, {"no", "OFF", "0", ""}},
      {"--bind", {"::1"}, {""}},
      {"--db", {"a.db"}, {""}},
      {"--https-port", {"0", "65535", "off", ""}, {"65536", "-1", "on", "9443x"}},
      {"--proxy", {"on", "off"}, {"yes", "OFF", ""}},
  };
  for (const Range& range : ranges) {
    for (const char* good : range.good) {
      EXPECT_EQ(Parse({range.flag, good}).result, ParseResult::kRun) << range.flag << " " << good;
    }
    for (const char* bad : range.bad) {
      Parsed p = Parse({range.flag, bad});
      EXPECT_EQ(p.result, ParseResult::kError) << range.flag << " " << bad;
      EXPECT_NE(p.error.find(range.flag), std::string::npos) << p.error;
    }
  }
  // An empty --fixtures is the built-in default; an empty --callback-ca adds no CAs.
  EXPECT_EQ(Parse({"--fixtures", ""}).result, ParseResult::kRun);
  Parsed no_ca = Parse({"--callback-ca", ""}, {{"TRTC_EMULATOR_CALLBACK_CA", "env.pem"}});
  ASSERT_EQ(no_ca.result, ParseResult::kRun) << no_ca.error;
  EXPECT_EQ(no_ca.options.callback_ca, "");
  for (const char* bad : {"yes", "true", ""}) {
    EXPECT_EQ(Parse({}, {{"TRTC_EMULATOR_IN_MEMORY", bad}}).result, ParseResult::kError) << bad;
  }
  EXPECT_FALSE(Parse({}, {{"TRTC_EMULATOR_IN_MEMORY", "0"}}).options.in_memory);
  // An image's HTTPS port can be switched off by its environment variable, or a flag.
  EXPECT_FALSE(Parse({}, {{"TRTC_EMULATOR_HTTPS_PORT", "off"}}).options.https_port.has_value());
  EXPECT_FALSE(Parse({"--https-port", "off"}, {{"TRTC_EMULATOR_HTTPS_PORT", "9443"}})
                   .options.https_port.has_value());
}

TEST(OptionsTest, HelpListsEveryFlagWithItsEnvironmentVariable) {
  const std::string help = HelpText();
  for (const FlagName& name : FlagNames()) {
    // A flag's entry runs from its name to the next line that starts a flag.
    const size_t begin = help.find("\n  " + name.flag + " ");
    ASSERT_NE(begin, std::string::npos) << name.flag;
    const size_t end = help.find("\n  --", begin + 1);
    const std::string entry = help.substr(begin, end - begin);
    if (name.env.empty()) continue;
    EXPECT_NE(entry.find("[" + name.env), std::string::npos) << entry;
  }
  EXPECT_NE(help.find("--seed N (=random)"), std::string::npos) << help;
  EXPECT_NE(help.find("--port N (=9000)"), std::string::npos) << help;
  EXPECT_NE(help.find("--log-level debug|info|warn|error (=info)"), std::string::npos) << help;
  EXPECT_NE(help.find("[TRTC_EMULATOR_IN_MEMORY=1]"), std::string::npos) << help;
  EXPECT_NE(help.find("--callback-ca FILE (=none)"), std::string::npos) << help;
  EXPECT_NE(help.find("--callback-tls-verify on|off (=on)"), std::string::npos) << help;
  for (size_t eol = help.find('\n'); eol != std::string::npos; eol = help.find('\n', eol + 1)) {
    EXPECT_NE(help[eol - 1], ' ') << "a line ends in a space";
  }
}

TEST(OptionsTest, HelpsLimitFiguresAreTheTransportsConstants) {
  const http::TransportLimits limits;
  ASSERT_EQ(limits.header_bytes % 1024, 0u);
  ASSERT_EQ(limits.body_bytes % (1024 * 1024), 0u);
  ASSERT_EQ(limits.idle_timeout.count() % 1000, 0);
  const std::string help = HelpText();
  const std::string limits_text = help.substr(help.find("Limits:"));
  for (const std::string& figure :
       {"headers " + std::to_string(limits.header_bytes / 1024) + " KiB",
        "body " + std::to_string(limits.body_bytes / (1024 * 1024)) + " MiB",
        "connection " + std::to_string(limits.idle_timeout.count() / 1000) + " s",
        std::to_string(limits.max_connections) + " open connections"}) {
    EXPECT_NE(limits_text.find(figure), std::string::npos) << figure << "\n" << limits_text;
  }
  // The flags' defaults are the same figures.
  EXPECT_EQ(Options{}.idle_timeout_ms, limits.idle_timeout.count());
  EXPECT_EQ(static_cast<size_t>(Options{}.max_connections), limits.max_connections);
}

TEST(OptionsTest, Errors) {
  for (std::vector<const char*> args : std::vector<std::vector<const char*>>{
           {"--port", "65536"}, {"--port", "-1"}, {"--port", ""}, {"--port"}, {"--port="},
           {"--in-memory=1"}, {"--in-memory", "1"}, {"--auth", "none"}, {"--frobnicate"},
           {"--po", "1"}, {"-p", "1"}, {"positional"}, {"--db", "a", "--in-memory"},
           {"--in-memory", "--db=a"}, {"--help=1"}, {"--seed"}}) {
    Parsed p = Parse(args);
    EXPECT_EQ(p.result, ParseResult::kError) << args[0];
    EXPECT_FALSE(p.error.empty());
    EXPECT_EQ(p.error.find('\n'), std::string::npos);
  }
  EXPECT_NE(Parse({"--frobnicate"}).error.find("--frobnicate"), std::string::npos);
  EXPECT_NE(Parse({"--port"}).error.find("--port"), std::string::npos);
  EXPECT_NE(Parse({"--in-memory=1"}).error.find("--in-memory"), std::string::npos);
  EXPECT_NE(Parse({"--db", "a", "--in-memory"}).error.find("--in-memory"), std::string::npos);
  // The environment's database gives way to --in-memory (the image sets one).
  EXPECT_EQ(Parse({"--in-memory"}, {{"TRTC_EMULATOR_DB", "/data/x.db"}}).result, ParseResult::kRun);

  Parsed p = Parse({}, {{"TRTC_EMULATOR_AUTH", "maybe"}});
  EXPECT_EQ(p.result, ParseResult::kError);
  EXPECT_NE(p.error.find("TRTC_EMULATOR_AUTH"), std::string::npos);
  EXPECT_NE(p.error.find("--auth"), std::string::npos);
}

TEST(OptionsTest, HelpAndVersionAnswerWhateverElseIsWrong) {
  EXPECT_EQ(Parse({"--port", "x", "--help"}).result, ParseResult::kHelp);
  EXPECT_EQ(Parse({"--version"}, {{"TRTC_EMULATOR_PORT", "x"}}).result, ParseResult::kVersion);
  EXPECT_EQ(Parse({"--nope", "--help"}).result, ParseResult::kError);  // unreadable: an error
}

}  // namespace
}  // namespace trtc::app
