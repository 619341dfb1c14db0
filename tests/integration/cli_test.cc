// The command line (README "Command line"): help, version, environment variables,
// the ready line, and exit status 2 with a one-line error for everything that is wrong.
#include <fstream>
#include <string>
#include <vector>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

// Exit status 2 and exactly one line on stderr that contains `part`.
void ExpectStartupError(const ProcessResult& result, const std::string& part) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out, "");
  ASSERT_FALSE(result.err.empty());
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;
  EXPECT_NE(result.err.find(part), std::string::npos) << result.err;
}

std::string WriteFile(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.File(name)) << text;
  return dir.File(name);
}

TEST(CliTest, HelpListsEveryFlagAndEnvironmentVariable) {
  ProcessResult result = RunToExit({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* word : {"--bind", "--port", "--db", "--in-memory", "--fixtures", "--rate-limits",
                           "--auth", "--log-level", "TRTC_EMULATOR_BIND", "TRTC_EMULATOR_PORT",
                           "TRTC_EMULATOR_DB", "TRTC_EMULATOR_IN_MEMORY", "TRTC_EMULATOR_FIXTURES",
                           "TRTC_EMULATOR_RATE_LIMITS", "TRTC_EMULATOR_AUTH",
                           "TRTC_EMULATOR_LOG_LEVEL"}) {
    EXPECT_NE(result.out.find(word), std::string::npos) << word;
  }
}

TEST(CliTest, VersionPrintsTheVersion) {
  ProcessResult result = RunToExit({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("trtc-emulator ", 0), 0u) << result.out;
}

TEST(CliTest, BadOptionsExitWith2AndOneLine) {
  ExpectStartupError(RunToExit({"--nope"}), "--nope");
  ExpectStartupError(RunToExit({"--port", "70000"}), "--port");
  ExpectStartupError(RunToExit({"--port"}), "--port");
  ExpectStartupError(RunToExit({"--rate-limits", "maybe"}), "--rate-limits");
  ExpectStartupError(RunToExit({"--auth", "lax"}), "--auth");
  ExpectStartupError(RunToExit({"--log-level", "loud"}), "--log-level");
  ExpectStartupError(RunToExit({"--db", "x.db", "--in-memory"}), "--in-memory");
  ExpectStartupError(RunToExit({"--in-memory"}, {{"TRTC_EMULATOR_PORT", "http"}}),
                     "TRTC_EMULATOR_PORT");
}

TEST(CliTest, BadFixturesExitWith2NamingTheProblem) {
  TempDir dir;
  const std::string key = "\"key\":\"k\"";
  struct Case {
    std::string json;
    std::string part;
  } cases[] = {
      {"not json", "not valid JSON"},
      {"{}", "apps is required"},
      {R"({"apps":[{"key":"k"}]})", "sdkappid is required"},
      {R"({"apps":[{"sdkappid":-1,"key":"k"}]})", "apps[0].sdkappid"},
      {R"({"apps":[{"sdkappid":1}]})", "key is required"},
      {R"({"apps":[{"sdkappid":1,"key":"k","colour":"red"}]})", "colour"},
      {R"({"apps":[{"sdkappid":1,"key":"k"},{"sdkappid":1,"key":"j"}]})", "defined by two apps"},
      {R"({"apps":[{"sdkappid":1,"key":"k","packages":{"call_group":"yes"}}]})", "call_group"},
      {R"({"apps":[{"sdkappid":1,"key":"k","rate_limits":{"v9/nope":5}}]})", "v9/nope"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"call_callbacks":[{"sdkappid":1,"url":"ftp://x","commands":["Call.CallbackAfterEndCall"]}]})",
       "call_callbacks[0]"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"call_callbacks":[{"sdkappid":1,"url":"http://x","commands":["nope"]}]})",
       "nope"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"callkit_callbacks":[{"sdkappid":2,"address":"http://x","actions":["cancel"]}]})",
       "not defined in apps"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"callkit_callbacks":[{"sdkappid":1,"address":"http://x","actions":[]}]})",
       "callkit_callbacks[0]"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"rooms":[{"sdkappid":2,"room_id":"r"}]})", "not defined in apps"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"rooms":[{"sdkappid":1,"room_id":"r"},{"sdkappid":1,"room_id":"r"}]})",
       "seeded twice"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"rooms":[{"sdkappid":1,"room_id":""}]})", "rooms[0].room_id"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"rooms":[{"sdkappid":1,"room_id":"r","metadata":{"k":")" +
           std::string(2049, 'v') + R"("}}]})",
       "rooms[0].metadata"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"rooms":[{"sdkappid":1,"room_id":"r","metadata":{"a":")" +
           std::string(2048, 'v') + R"(","b":")" + std::string(2048, 'v') + R"(","c":")" +
           std::string(2048, 'v') + R"(","d":")" + std::string(2048, 'v') + R"(","e":")" +
           std::string(2048, 'v') + R"(","f":")" + std::string(2048, 'v') + R"(","g":")" +
           std::string(2048, 'v') + R"(","h":")" + std::string(2048, 'v') + R"(","i":"v"}}]})",
       "16384"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    const std::string path = WriteFile(dir, "bad.json", c.json);
    ProcessResult result = RunToExit({"--in-memory", "--port", "0", "--fixtures", path});
    ExpectStartupError(result, c.part);
    EXPECT_NE(result.err.find("bad.json"), std::string::npos) << result.err;
  }
  ExpectStartupError(RunToExit({"--in-memory", "--port", "0", "--fixtures", dir.File("missing.json")}),
                     "missing.json");
}

TEST(CliTest, APortInUseExitsWith2) {
  std::unique_ptr<ServerProcess> first;
  ASSERT_TRUE(ServerProcess::Start({"--in-memory"}, &first));
  ProcessResult second = RunToExit(
      {"--in-memory", "--bind", "127.0.0.1", "--port", std::to_string(first->port())});
  ExpectStartupError(second, std::to_string(first->port()));
  EXPECT_EQ(first->Stop(SIGTERM), 0);
}

TEST(CliTest, AnUnusableDatabaseExitsWith2) {
  TempDir dir;
  const std::string path = WriteFile(dir, "not-a.db", std::string(4096, 'x'));
  ExpectStartupError(RunToExit({"--port", "0", "--db", path}), "not-a.db");
}

// A --callback-ca file that is missing or holds no certificate stops the start, before the
// database is made.
TEST(CliTest, AnUnusableCallbackCaFileExitsWith2) {
  TempDir dir;
  const std::string not_pem = WriteFile(dir, "not-a.pem", "not a certificate\n");
  const std::pair<std::string, std::string> cases[] = {
      {not_pem, "no certificate"},
      {dir.File("missing.pem"), "No such file"},
      {dir.path(), "no certificate"},
  };
  for (const auto& [path, reason] : cases) {
    SCOPED_TRACE(path);
    const ProcessResult result =
        RunToExit({"--port", "0", "--db", dir.File("state.db"), "--callback-ca", path});
    ExpectStartupError(result, "--callback-ca " + path + ": ");
    EXPECT_NE(result.err.find(reason), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir.File("state.db")));
  }
  ExpectStartupError(
      RunToExit({"--in-memory", "--port", "0"}, {{"TRTC_EMULATOR_CALLBACK_CA", not_pem}}),
      "not-a.pem");
  ExpectStartupError(RunToExit({"--callback-tls-verify", "maybe"}), "--callback-tls-verify");
}

TEST(CliTest, ReadyLineNamesTheRealPortAndSigintExitsZero) {
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start({"--in-memory"}, &server));
  EXPECT_EQ(server->ready_line(),
            "trtc-emulator listening on http://127.0.0.1:" + std::to_string(server->port()));
  EXPECT_NE(server->port(), 0);
  EXPECT_EQ(server->Stop(SIGINT), 0);
}

TEST(CliTest, EnvironmentVariablesConfigureAndFlagsWin) {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  // The port comes from the flags ServerProcess adds (0), the rest from the environment.
  ASSERT_TRUE(ServerProcess::Start({}, &server,
                                   {{"TRTC_EMULATOR_PORT", "1"},
                                    {"TRTC_EMULATOR_DB", dir.File("env.db")},
                                    {"TRTC_EMULATOR_AUTH", "off"},
                                    {"TRTC_EMULATOR_FIXTURES", FixturePath("apps.json")}}));
  EXPECT_NE(server->port(), 1);
  HttpClient client(server->port());
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kOtherApp, "x", "y"), "{}"), 100301);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  EXPECT_TRUE(std::filesystem::exists(dir.File("env.db")));
}

TEST(CliTest, AFixtureFolderLoadsEveryFile) {
  TempDir dir;
  WriteFile(dir, "a.json", R"({"apps":[{"sdkappid":11,"key":"k1"}]})");
  WriteFile(dir, "b.json", R"({"apps":[{"sdkappid":12,"key":"k2","packages":{"call_group":false}}]})");
  WriteFile(dir, "notes.txt", "not a fixture");
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start({"--in-memory", "--fixtures", dir.path()}, &server));
  HttpClient client(server->port());
  // Both apps exist (a wrong sig answers 70003, not 70020 "SDKAppID not found").
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", 11, kAdmin, "x"), "{}"), 70003);
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", 12, kAdmin, "x"), "{}"), 70003);
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kApp, kAdmin, "x"), "{}"), 70020);
  EXPECT_EQ(server->Stop(SIGTERM), 0);

  WriteFile(dir, "c.json", R"({"apps":[{"sdkappid":11,"key":"again"}]})");
  ExpectStartupError(RunToExit({"--in-memory", "--port", "0", "--fixtures", dir.path()}),
                     "defined by two apps");
}

TEST(CliTest, TheDefaultFixtureServesTheDocumentedApp) {
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start({"--in-memory"}, &server));
  HttpClient client(server->port());
  // Known app: a bad sig is 70003; an unknown app would be 70020.
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kApp, kAdmin, "x"), "{}"), 70003);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

// What a fresh server answers to the same two requests: a RequestId and a played call's
// invented ids.
std::vector<std::string> IdsOfAFreshServer(const std::vector<std::string>& args) {
  std::unique_ptr<ServerProcess> server;
  EXPECT_TRUE(ServerProcess::Start(args, &server));
  if (!server) return {};
  HttpClient client(server->port());
  const rapidjson::Document envelope =
      client.Post(ApiTarget("v4/call_config/get_callback", kApp, kAdmin, "x"), "{}").Json();
  const rapidjson::Document call =
      client.Post("/_emulator/calls", R"({"sdkappid":1400000000,"caller":"a","callees":["b"],)"
                                      R"("outcome":"reject"})").Json();
  EXPECT_EQ(server->Stop(SIGTERM), 0);
  if (!envelope.IsObject() || !call.IsObject()) return {};
  return {envelope["RequestId"].GetString(), call["call_id"].GetString(),
          call["room_id"].GetString()};
}

TEST(CliTest, ASeedMakesEveryInventedIdReproducible) {
  const std::vector<std::string> first = IdsOfAFreshServer({"--in-memory", "--seed", "7"});
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(IdsOfAFreshServer({"--in-memory", "--seed", "7"}), first);
  const std::vector<std::string> other = IdsOfAFreshServer({"--in-memory", "--seed", "8"});
  ASSERT_EQ(other.size(), 3u);
  for (size_t i = 0; i < first.size(); ++i) EXPECT_NE(other[i], first[i]) << i;
  EXPECT_NE(IdsOfAFreshServer({"--in-memory"}), IdsOfAFreshServer({"--in-memory"}));
}

}  // namespace
}  // namespace trtc::testing
