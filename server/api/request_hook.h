// RequestHook: the place where per-request policies plug into the API pipeline without
// the dispatcher knowing them (rate limits, the request journal, fault injection).
// Hooks run in the order they were added.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "server/api/api_reply.h"
#include "server/api/endpoint_table.h"

namespace trtc::api {

struct CallInfo {
  const Endpoint& endpoint;
  uint32_t sdkappid;
  std::string_view identifier;
  const App& app;
};

class RequestHook {
 public:
  virtual ~RequestHook() = default;
  // After authentication and the package check, before the body is read. Returning a
  // reply rejects the call: its handler does not run.
  virtual std::optional<ApiReply> Admit(const CallInfo& call) = 0;
  // After the handler (or a rejection by a later check), with what was answered.
  virtual void Completed(const CallInfo& call, std::string_view request_body,
                         const ApiReply& reply) = 0;
};

}  // namespace trtc::api
