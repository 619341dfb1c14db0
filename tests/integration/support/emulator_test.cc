#include "tests/integration/support/emulator_test.h"

#include "tests/integration/support/official_usersig.h"

namespace trtc::testing {

std::unique_ptr<ServerProcess> EmulatorTest::server_;
std::map<std::pair<uint32_t, std::string>, std::string> EmulatorTest::sigs_;

std::string FixturePath(const std::string& name) {
  return std::string(TRTC_TEST_FIXTURES_DIR) + "/" + name;
}

void EmulatorTest::SetUpTestSuite() { StartSuite({}); }

void EmulatorTest::StartSuite(const std::vector<std::string>& extra_args) {
  // Limits are off: these suites call faster than 10/s. rate_limit_test.cc covers them.
  std::vector<std::string> args = {"--in-memory", "--rate-limits", "off", "--fixtures",
                                   FixturePath("apps.json")};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  ASSERT_TRUE(ServerProcess::Start(args, &server_));
  const std::vector<SigRequest> requests = {
      {kApp, kAppKey, kAdmin, 86400, {}},
      {kApp, kAppKey, "user_1", 86400, {}},
      {kOtherApp, kOtherAppKey, kAdmin, 86400, {}},
      {kOtherApp, kOtherAppKey, "ops_admin", 86400, {}},
      {kNoGroupCallApp, kNoGroupCallAppKey, kAdmin, 86400, {}},
      {kNoLiveApp, kNoLiveAppKey, kAdmin, 86400, {}},
  };
  const std::vector<std::string> sigs = OfficialUserSigs(requests);
  ASSERT_EQ(sigs.size(), requests.size());
  for (size_t i = 0; i < sigs.size(); ++i) {
    sigs_[{requests[i].sdkappid, requests[i].identifier}] = sigs[i];
  }
}

void EmulatorTest::TearDownTestSuite() {
  if (server_) {
    EXPECT_EQ(server_->Stop(SIGTERM), 0);
  }
  server_.reset();
  sigs_.clear();
}

const std::string& EmulatorTest::Sig(uint32_t sdkappid, const std::string& identifier) {
  static const std::string kNone = "no-such-sig";
  auto it = sigs_.find({sdkappid, identifier});
  return it == sigs_.end() ? kNone : it->second;
}

HttpReply EmulatorTest::Call(const std::string& path, const std::string& body, uint32_t sdkappid,
                             const std::string& identifier) {
  HttpClient client(port());
  return client.Post(ApiTarget(path, sdkappid, identifier, Sig(sdkappid, identifier)), body);
}

HttpReply CallDefaultApp(uint16_t port, const std::string& path, const std::string& body) {
  static const std::string* const sig = [] {
    const std::vector<std::string> sigs = OfficialUserSigs({{kApp, kAppKey, kAdmin, 86400, {}}});
    return new std::string(sigs.empty() ? "" : sigs[0]);
  }();
  EXPECT_FALSE(sig->empty()) << "the official generator made no UserSig";
  return HttpClient(port).Post(ApiTarget(path, kApp, kAdmin, *sig), body);
}

HttpReply EmulatorTest::Control(http::bhttp::verb method, const std::string& path,
                                const std::string& body) {
  HttpClient client(port());
  return client.Send(method, path, body);
}

void EmulatorTest::SetClock(int64_t offset_s) {
  ASSERT_EQ(Control(http::bhttp::verb::post, "/_emulator/clock",
                    R"({"offset_s":)" + std::to_string(offset_s) + "}")
                .status,
            200u);
}

int64_t EmulatorTest::Now() {
  return Control(http::bhttp::verb::get, "/_emulator/clock").Json()["now_s"].GetInt64();
}

std::string EmulatorTest::ErrorOf(const HttpReply& reply, unsigned status) {
  EXPECT_EQ(reply.status, status) << reply.body;
  rapidjson::Document json = reply.Json();
  if (!json.IsObject() || !json.HasMember("error") || !json["error"].IsString()) {
    ADD_FAILURE() << "no error member: " << reply.body;
    return "";
  }
  return json["error"].GetString();
}

}  // namespace trtc::testing
