#include "tests/integration/support/callback_suite.h"

#include <chrono>
#include <thread>

#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {

namespace bhttp = http::bhttp;

std::string Str(const rapidjson::Value& value) {
  return value.IsString() ? value.GetString() : "<not a string>";
}

rapidjson::Document Outbox(uint16_t port, const std::string& query) {
  HttpReply reply = HttpClient(port).Send(bhttp::verb::get, "/_emulator/callbacks" + query, "");
  EXPECT_EQ(reply.status, 200u) << reply.body;
  return reply.Json();
}

rapidjson::Document OutboxWhen(uint16_t port, const std::string& query,
                               const std::function<bool(const rapidjson::Value&)>& done) {
  for (int i = 0; i < 6000; ++i) {
    rapidjson::Document outbox = Outbox(port, query);
    if (outbox.IsObject() && done(outbox["callbacks"])) return outbox;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  rapidjson::Document outbox = Outbox(port, query);
  ADD_FAILURE() << "the outbox never reached the expected state";
  return outbox;
}

bool FirstIs(const rapidjson::Value& callbacks, const char* state) {
  return !callbacks.Empty() && Str(callbacks[0]["state"]) == state;
}

void CallbackSuite::ConfigureV4(const std::string& url, const std::string& commands) {
  ExpectV4(Call("v4/call_config/set_callback",
                R"({"Url":")" + url + R"(","CallbackCommandList":)" + commands + "}"),
           0);
}

void CallbackSuite::ConfigureV1(const std::string& url, const std::string& actions) {
  ExpectV1(Call("v1/callback/set", R"({"address":")" + url + R"(","actions":)" + actions + "}"),
           0);
}

rapidjson::Document CallbackSuite::Play(const std::string& body) {
  HttpReply reply = Control(bhttp::verb::post, "/_emulator/calls", body);
  EXPECT_EQ(reply.status, 200u) << reply.body;
  return reply.Json();
}

rapidjson::Document CallbackSuite::Outbox(const std::string& query) {
  return testing::Outbox(port(), query);
}

rapidjson::Document CallbackSuite::OutboxWhen(
    const std::string& query, const std::function<bool(const rapidjson::Value&)>& done) {
  return testing::OutboxWhen(port(), query, done);
}

rapidjson::Document CallbackSuite::Settled(const std::string& query) {
  return OutboxWhen(query, [](const rapidjson::Value& callbacks) {
    for (const rapidjson::Value& delivery : callbacks.GetArray()) {
      if (Str(delivery["state"]) == "pending") return false;
    }
    return true;
  });
}

}  // namespace trtc::testing
