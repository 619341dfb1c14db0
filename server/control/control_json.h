// JSON in and out for the control plane: parse a request body into an object, read
// typed members with clear errors, and build {"error": "..."} responses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "server/http/request_handler.h"

namespace trtc::control {

http::Response JsonResponse(unsigned status, std::string body);
http::Response ErrorResponse(unsigned status, std::string_view message);

// Parses `body` (empty: {}) into an object; on failure *error is a 400 response.
bool ParseObject(std::string_view body, rapidjson::Document* document, http::Response* error);

// Member readers: absent -> std::nullopt with *problem empty; wrong type -> std::nullopt
// with *problem saying what was expected.
std::optional<int64_t> IntegerMember(const rapidjson::Value& object, const char* name,
                                     std::string* problem);
// An integer in 0..2^32-1 (an SDKAppID); out of range is a problem like a wrong type.
std::optional<uint32_t> Uint32Member(const rapidjson::Value& object, const char* name,
                                     std::string* problem);
std::optional<std::string> StringMember(const rapidjson::Value& object, const char* name,
                                        std::string* problem);

// sdkappid=N in a query string: *sdkappid stays empty when absent; false when present
// but not a uint32.
bool SdkappidParam(std::string_view query, std::optional<uint32_t>* sdkappid);

}  // namespace trtc::control
