// CallbackSuite: an EmulatorTest with what a callback test does over and over: configure
// the v4 callback URL or the v1 callback address, play a call (POST /_emulator/calls), and
// read the outbox (GET /_emulator/callbacks), waiting until it reaches a state. Waiting
// polls a bounded number of times; only a failing test waits long.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <rapidjson/document.h>

#include "tests/integration/support/emulator_test.h"

namespace trtc::testing {

// A JSON string's value, or "<not a string>".
std::string Str(const rapidjson::Value& value);

// The outbox of the server on `port` ("?sdkappid=..", "?call_id=.." filter it).
rapidjson::Document Outbox(uint16_t port, const std::string& query = "");
// Polls the outbox until `done` holds for its deliveries.
rapidjson::Document OutboxWhen(uint16_t port, const std::string& query,
                               const std::function<bool(const rapidjson::Value&)>& done);
// Whether the first delivery of an outbox is in `state`.
bool FirstIs(const rapidjson::Value& callbacks, const char* state);

class CallbackSuite : public EmulatorTest {
 protected:
  void ConfigureV4(const std::string& url, const std::string& commands);
  void ConfigureV1(const std::string& url, const std::string& actions);
  // Plays a call; returns the response (checked to be 200).
  rapidjson::Document Play(const std::string& body);
  rapidjson::Document Outbox(const std::string& query = "");
  rapidjson::Document OutboxWhen(const std::string& query,
                                 const std::function<bool(const rapidjson::Value&)>& done);
  // Waits until every delivery of the outbox (filtered by `query`) is delivered or failed.
  rapidjson::Document Settled(const std::string& query);
};

}  // namespace trtc::testing
