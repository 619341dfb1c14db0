// Assertions on the two REST envelopes: every field, its type and the RequestId format.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "tests/integration/support/http_client.h"

namespace trtc::testing {

// A value's compact JSON text, for comparing whole objects.
inline std::string JsonText(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

// The names of a JSON object's members, in order.
inline std::vector<std::string> MemberNames(const rapidjson::Value& object) {
  std::vector<std::string> names;
  for (const auto& member : object.GetObject()) names.push_back(member.name.GetString());
  return names;
}

inline bool IsV4RequestId(const std::string& id) {
  static const std::regex kFormat("Id-[0-9a-f]{32}-O-Seq-[0-9]+");
  return std::regex_match(id, kFormat);
}

inline bool IsV1RequestId(const std::string& id) {
  static const std::regex kFormat("[0-9a-f]{32}");
  return std::regex_match(id, kFormat);
}

// Checks the v4 envelope and that ErrorCode is `code`; returns the parsed body.
inline rapidjson::Document ExpectV4(const HttpReply& reply, int code) {
  EXPECT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(reply.content_type, "application/json; charset=utf-8");
  rapidjson::Document json = reply.Json();
  EXPECT_TRUE(json.IsObject()) << reply.body;
  if (!json.IsObject()) return json;
  EXPECT_TRUE(json.HasMember("ActionStatus") && json["ActionStatus"].IsString()) << reply.body;
  EXPECT_TRUE(json.HasMember("ErrorCode") && json["ErrorCode"].IsInt()) << reply.body;
  EXPECT_TRUE(json.HasMember("ErrorInfo") && json["ErrorInfo"].IsString()) << reply.body;
  EXPECT_TRUE(json.HasMember("RequestId") && json["RequestId"].IsString()) << reply.body;
  EXPECT_FALSE(json.HasMember("errorCode")) << reply.body;
  if (!json.HasMember("ErrorCode") || !json.HasMember("RequestId")) return json;
  EXPECT_EQ(json["ErrorCode"].GetInt(), code) << reply.body;
  EXPECT_STREQ(json["ActionStatus"].GetString(), code == 0 ? "OK" : "FAIL") << reply.body;
  if (code == 0) {
    EXPECT_STREQ(json["ErrorInfo"].GetString(), "");
  } else {
    EXPECT_STRNE(json["ErrorInfo"].GetString(), "") << reply.body;
    EXPECT_FALSE(json.HasMember("Response")) << reply.body;
  }
  EXPECT_TRUE(IsV4RequestId(json["RequestId"].GetString())) << reply.body;
  return json;
}

// Checks the v1 envelope and that errorCode is `code`; returns the parsed body.
inline rapidjson::Document ExpectV1(const HttpReply& reply, int code) {
  EXPECT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(reply.content_type, "application/json; charset=utf-8");
  rapidjson::Document json = reply.Json();
  EXPECT_TRUE(json.IsObject()) << reply.body;
  if (!json.IsObject()) return json;
  EXPECT_TRUE(json.HasMember("errorCode") && json["errorCode"].IsInt()) << reply.body;
  EXPECT_TRUE(json.HasMember("errorMessage") && json["errorMessage"].IsString()) << reply.body;
  EXPECT_TRUE(json.HasMember("requestId") && json["requestId"].IsString()) << reply.body;
  EXPECT_TRUE(json.HasMember("data")) << reply.body;
  EXPECT_FALSE(json.HasMember("ErrorCode")) << reply.body;
  if (!json.HasMember("errorCode") || !json.HasMember("requestId")) return json;
  EXPECT_EQ(json["errorCode"].GetInt(), code) << reply.body;
  if (code == 0) {
    EXPECT_STREQ(json["errorMessage"].GetString(), "Success");
  } else {
    EXPECT_STRNE(json["errorMessage"].GetString(), "") << reply.body;
    EXPECT_TRUE(json["data"].IsString() && json["data"].GetStringLength() == 0) << reply.body;
  }
  EXPECT_TRUE(IsV1RequestId(json["requestId"].GetString())) << reply.body;
  return json;
}

}  // namespace trtc::testing
