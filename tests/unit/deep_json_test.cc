// Deeply nested JSON at every place the emulator parses JSON from outside: request
// bodies (both families), control-plane bodies, fixture files and UserSig documents.
// RapidJSON's default parser recurses once per level, so 1 MiB of '[' would overflow a
// thread's stack; each site parses iteratively and answers its ordinary error instead.
#include <zlib.h>

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "server/api/api_dispatcher.h"
#include "server/app/fixture_loader.h"
#include "server/handlers/endpoints.h"
#include "server/auth/base64.h"
#include "server/auth/usersig_verifier.h"
#include "server/common/json.h"
#include "storage/callback_config_store.h"
#include "storage/database.h"
#include "storage/room_store.h"

namespace trtc {
namespace {

constexpr size_t kDepth = 1024 * 1024;
const std::string kOpen(kDepth, '[');
// Complete, so the parser goes all the way down and back up.
const std::string kNested = kOpen + std::string(kDepth, ']');

class DeepBodyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(storage::Database::Open(":memory:", &db_).ok());
    configs_ = std::make_unique<storage::CallbackConfigStore>(db_.get());
    rooms_ = std::make_unique<storage::RoomStore>(db_.get());
    api::App app;
    app.sdkappid = 1400000000;
    apps_.Add(app);
    dispatcher_ = std::make_unique<api::ApiDispatcher>(
        handlers::Endpoints(), apps_, api::Services{configs_.get(), rooms_.get(), &clock_}, clock_,
        api::AuthMode::kOff);
  }

  // The error code the body's request is answered with (either family).
  int Code(const std::string& api, const std::string& body) {
    const std::string target = "/" + api + "?sdkappid=1400000000&random=1&contenttype=json";
    const http::Response response =
        dispatcher_->Begin({boost::beast::http::verb::post, target, ""})->Finish(body);
    rapidjson::Document document;
    document.Parse(response.body.c_str());
    EXPECT_TRUE(document.IsObject()) << response.body;
    const char* member = api.starts_with("v1/") ? "errorCode" : "ErrorCode";
    return document.IsObject() && document.HasMember(member) ? document[member].GetInt() : -1;
  }

  ManualClock clock_{1767225600000};
  api::AppRegistry apps_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::CallbackConfigStore> configs_;
  std::unique_ptr<storage::RoomStore> rooms_;
  std::unique_ptr<api::ApiDispatcher> dispatcher_;
};

TEST_F(DeepBodyTest, UnterminatedNestingIsTheFamilysBadBodyError) {
  EXPECT_EQ(Code("v4/call_config/set_callback", kOpen), 60003);
  EXPECT_EQ(Code("v1/callback/set", kOpen), 70009);
  EXPECT_EQ(Code("v4/live_engine_http_srv/create_room", kOpen), 60003);
}

TEST_F(DeepBodyTest, NestingThatIsNotAnObjectIsTheFamilysBadBodyError) {
  EXPECT_EQ(Code("v4/call_config/set_callback", kNested), 60003);
  EXPECT_EQ(Code("v1/callback/set", kNested), 70009);
}

TEST_F(DeepBodyTest, NestingInsideAMemberReachesTheHandler) {
  // Well-formed JSON: the handler refuses the member's type (v4 100002, room 100002...).
  const int code = Code("v4/call_config/set_callback",
                        R"({"Url":)" + kNested + R"(,"CallbackCommandList":[]})");
  EXPECT_NE(code, 0);
  EXPECT_NE(code, 60003);
  EXPECT_NE(Code("v4/live_engine_http_srv/create_room", R"({"RoomInfo":)" + kNested + "}"), 0);
}

// Control-plane bodies and fixtures go through the same json::Body.
TEST(DeepJsonTest, TheJsonModulesBody) {
  EXPECT_EQ(json::Body().Parse(kOpen, "body").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(json::Body().Parse(kNested, "body").message(), "body must be a JSON object");
  EXPECT_TRUE(json::Body().Parse(R"({"a":)" + kNested + "}", "body").ok());
}

TEST(DeepJsonTest, FixtureFiles) {
  app::Fixtures fixtures;
  EXPECT_FALSE(app::ParseFixture(kOpen, "deep.json", &fixtures).ok());
  const Status status = app::ParseFixture(R"({"apps":)" + kNested + "}", "deep.json", &fixtures);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("apps[0]"), std::string::npos) << status.message();
}

TEST(DeepJsonTest, UserSigDocuments) {
  // As deep as a UserSig document may inflate to (64 KiB).
  const std::string json = std::string(60000, '[');
  std::string compressed(compressBound(json.size()), '\0');
  uLongf size = compressed.size();
  ASSERT_EQ(compress(reinterpret_cast<Bytef*>(compressed.data()), &size,
                     reinterpret_cast<const Bytef*>(json.data()), json.size()),
            Z_OK);
  compressed.resize(size);
  ManualClock clock;
  const auth::UserSigVerdict verdict = auth::UserSigVerifier(clock).Verify(
      auth::TencentBase64Encode(compressed), 1400000000, "administrator", "key");
  EXPECT_EQ(verdict.outcome, auth::UserSigOutcome::kMalformed) << verdict.detail;
}

}  // namespace
}  // namespace trtc
