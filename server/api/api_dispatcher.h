// ApiDispatcher: the REST pipeline of both families. For each request, in the order the real
// service checks (the REST overviews: Chat product 1047 page 34620, callkit TRTC page 60138): route
// -> query parameters -> app -> UserSig -> admin -> package -> hooks (rate limits, ...) -> [body
// read] -> JSON body -> handler; and back through the family's envelope writer. It sees HTTP only
// as a method, a target and a body; handlers see only their JSON body and the stores.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "server/api/app_registry.h"
#include "server/api/endpoint_table.h"
#include "server/api/request_hook.h"
#include "server/api/request_id.h"
#include "server/auth/cached_usersig_verifier.h"
#include "server/http/request_handler.h"

namespace trtc::api {

enum class AuthMode {
  kStrict,  // verify UserSig and admin identity
  kOff,     // accept any identifier and UserSig, and any SDKAppID
};

class ApiDispatcher final : public http::RequestHandler {
 public:
  // `seed` makes the RequestIds reproducible (random when empty).
  ApiDispatcher(const EndpointTable& endpoints, const AppRegistry& apps, Services services,
                const Clock& clock, AuthMode auth, std::optional<uint64_t> seed = std::nullopt);

  // Only before serving starts. The dispatcher does not own hooks.
  void AddHook(RequestHook* hook) { hooks_.push_back(hook); }

  std::unique_ptr<http::Exchange> Begin(const http::RequestHead& head) override;

 private:
  class ApiCall;
  friend class ApiCall;

  const EndpointTable& endpoints_;
  const AppRegistry& apps_;
  Services services_;
  auth::CachedUserSigVerifier verifier_;
  AuthMode auth_;
  std::vector<RequestHook*> hooks_;
  RequestIds request_ids_;
};

}  // namespace trtc::api
