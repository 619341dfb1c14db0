// ApiReply: what an API answers, before it is wrapped in its family's envelope.
// Either an error (a code from error_codes.h plus what exactly was wrong) or success with
// an optional payload: the raw JSON of v4's `Response` object (or, for the Chat APIs, of
// members beside the envelope's own) or of v1's `data`.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "server/api/error_codes.h"

namespace trtc::api {

struct ApiReply {
  std::optional<ErrorCode> error;    // empty on success
  std::string detail;                // error only: replaces the generic message when set
  std::string payload;               // success only: raw JSON, or empty for none
  // v4 only: the payload object's members go at the top level of the envelope, beside
  // ErrorCode, instead of inside `Response` (the Chat APIs' placement).
  bool top_level = false;

  static ApiReply Ok(std::string payload_json = {}) {
    ApiReply reply;
    reply.payload = std::move(payload_json);
    return reply;
  }
  // `object_json` is a JSON object whose members join the envelope's.
  static ApiReply OkTopLevel(std::string object_json) {
    ApiReply reply = Ok(std::move(object_json));
    reply.top_level = true;
    return reply;
  }
  static ApiReply Fail(const ErrorCode& code, std::string detail = {}) {
    ApiReply reply;
    reply.error = code;
    reply.detail = std::move(detail);
    return reply;
  }
  bool ok() const { return !error.has_value(); }
  int code() const { return error ? error->code : 0; }
  const char* message_or_detail() const { return detail.empty() ? error->message : detail.c_str(); }
};

}  // namespace trtc::api
