// RequestHook: the place where per-request policies plug into the API pipeline without
// the dispatcher knowing them (rate limits, fault injection, the request journal).
// Hooks run in the order they were added.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "server/api/api_reply.h"
#include "server/api/endpoint_table.h"

namespace trtc::api {

// What an API request was, as far as the pipeline got before answering it.
struct CallInfo {
  std::string_view api;         // the path as requested, known or not
  std::string_view host;        // the request's Host (journalled: which host the app thought it called)
  const Endpoint* endpoint;     // null for an unknown path
  uint32_t sdkappid;            // 0 when the query had no valid one
  std::string_view identifier;
  const App* app;               // null when the app was not found
};

struct HookDecision {
  std::optional<ApiReply> refusal;          // answer this instead of running the API
  std::chrono::milliseconds delay{0};       // hold the response this long
};

class RequestHook {
 public:
  virtual ~RequestHook() = default;
  // After authentication and the package check, before the body is read; `endpoint`
  // and `app` are set. A refusal stops the call: later hooks and the handler do not run.
  virtual HookDecision Admit(const CallInfo& call) = 0;
  // Every API request, however far it got, with what was answered.
  virtual void Completed(const CallInfo& call, std::string_view request_body,
                         const ApiReply& reply, std::string_view response_body) = 0;
};

}  // namespace trtc::api
