#include <gtest/gtest.h>

#include "server/app/fixture_loader.h"

namespace trtc::app {
namespace {

TEST(FixtureLoaderTest, TheBuiltInDefaultHasOneReadyApp) {
  Fixtures fixtures;
  ASSERT_TRUE(LoadFixtures("", &fixtures).ok());
  ASSERT_EQ(fixtures.apps.size(), 1u);
  const api::App& app = fixtures.apps[0];
  EXPECT_EQ(app.sdkappid, 1400000000u);
  EXPECT_EQ(app.key, "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
  EXPECT_TRUE(app.IsAdmin("administrator"));
  EXPECT_TRUE(app.packages.call_group);
  EXPECT_TRUE(app.packages.live);
}

TEST(FixtureLoaderTest, DefaultsAndEveryMember) {
  Fixtures fixtures;
  Status status = ParseFixture(R"({
    "apps": [
      {"sdkappid": 1, "key": "k"},
      {"sdkappid": 2, "key": "j", "admins": ["a", "b"], "packages": {"call_group": false},
       "rate_limits": {"v1/callback/get": 50, "v4/call_config/set_callback": 0}}
    ],
    "call_callbacks": [{"sdkappid": 1, "url": "http://x", "commands": ["Call.CallbackAfterEndCall"]}],
    "callkit_callbacks": [{"sdkappid": 2, "address": "https://y", "actions": ["cancel", "cancel"]}]
  })", "t.json", &fixtures);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(fixtures.apps.size(), 2u);
  EXPECT_EQ(fixtures.apps[0].admins, std::vector<std::string>{"administrator"});
  EXPECT_TRUE(fixtures.apps[0].packages.call_group);
  EXPECT_EQ(fixtures.apps[1].admins, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(fixtures.apps[1].packages.call_group);
  EXPECT_TRUE(fixtures.apps[1].packages.live);
  EXPECT_EQ(fixtures.apps[1].rate_limits.at("v1/callback/get"), 50);
  EXPECT_EQ(fixtures.apps[1].rate_limits.at("v4/call_config/set_callback"), 0);
  ASSERT_EQ(fixtures.call_callbacks.size(), 1u);
  EXPECT_EQ(fixtures.call_callbacks[0].config.url, "http://x");
  ASSERT_EQ(fixtures.callkit_callbacks.size(), 1u);
  EXPECT_EQ(fixtures.callkit_callbacks[0].config.events, std::vector<std::string>{"cancel"});
}

TEST(FixtureLoaderTest, RoomSeedsKeepTheirMetadataInOrder) {
  Fixtures fixtures;
  Status status = ParseFixture(
      R"({"apps":[{"sdkappid":1,"key":"k"}],"rooms":[{"sdkappid":1,"room_id":"live-room",)"
      R"("metadata":{"b":"2","a":"1"}},{"sdkappid":1,"room_id":"bare"}]})",
      "t.json", &fixtures);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(fixtures.rooms.size(), 2u);
  EXPECT_EQ(fixtures.rooms[0].sdkappid, 1u);
  EXPECT_EQ(fixtures.rooms[0].room_id, "live-room");
  EXPECT_EQ(fixtures.rooms[0].metadata, (storage::Metadata{{"b", "2"}, {"a", "1"}}));
  EXPECT_TRUE(fixtures.rooms[1].metadata.empty());
}

TEST(FixtureLoaderTest, ErrorsNameTheFileAndEntry) {
  struct Case {
    const char* json;
    const char* message;
  } cases[] = {
      {R"({"apps":[{"sdkappid":4294967296,"key":"k"}]})", "t.json: apps[0].sdkappid must be an unsigned 32-bit integer"},
      {R"({"apps":[{"sdkappid":1,"key":"k","admins":[]}]})", "t.json: apps[0].admins: must be a non-empty array of strings"},
      {R"({"apps":[],"hotels":[]})", "t.json: fixture: unknown member \"hotels\""},
      {R"({"apps":[],"rooms":[{"sdkappid":1}]})", "t.json: rooms[0].room_id is required"},
      {R"({"apps":[],"rooms":[{"sdkappid":1,"room_id":"r","colour":1}]})",
       "t.json: rooms[0]: unknown member \"colour\""},
      {R"({"apps":[],"rooms":[{"sdkappid":1,"room_id":"0123456789012345678901234567890123456789012345678"}]})",
       "t.json: rooms[0].room_id: RoomId must be at most 48 bytes (got 49 bytes)"},
      {R"({"apps":[],"rooms":[{"sdkappid":1,"room_id":"r","metadata":{"k":1}}]})",
       "t.json: rooms[0].metadata: the value of \"k\" must be a string"},
      {R"({"apps":[],"rooms":[{"sdkappid":1,"room_id":"r","metadata":{"":"v"}}]})",
       "t.json: rooms[0].metadata: a metadata Key must not be empty"},
      {R"({"apps":[],"rooms":[{"sdkappid":1,"room_id":"r","metadata":{"0123456789012345678901234567890123456789012345678901":"v"}}]})",
       "t.json: rooms[0].metadata: a metadata key is 52 bytes; a key is at most 50 bytes"},
      {R"({"apps":[],"rooms":[{"sdkappid":1,"room_id":"r","metadata":{"1":"","2":"","3":"","4":"","5":"","6":"","7":"","8":"","9":"","10":"","11":""}}]})",
       "t.json: rooms[0].metadata: the room would have 11 metadata keys; at most 10 are allowed"},
      {R"({"apps":[{"sdkappid":1,"key":"k","rate_limits":{"v1/callback/get":1.5}}]})",
       "t.json: apps[0].rate_limits.v1/callback/get: must be a whole number of calls per second (>= 0)"},
      {R"({"apps":[{"sdkappid":1,"key":"k"}],"call_callbacks":[{"sdkappid":1,"url":"x","commands":["Call.CallbackAfterEndCall"]}]})",
       "t.json: call_callbacks[0]: url must start with http:// or https://"},
  };
  for (const Case& c : cases) {
    Fixtures fixtures;
    Status status = ParseFixture(c.json, "t.json", &fixtures);
    EXPECT_FALSE(status.ok()) << c.json;
    EXPECT_EQ(status.message(), c.message);
  }
}

}  // namespace
}  // namespace trtc::app
