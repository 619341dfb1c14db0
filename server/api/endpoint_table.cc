#include "server/api/endpoint_table.h"

namespace trtc::api {

EndpointTable::EndpointTable(std::span<const Endpoint> rows) : rows_(rows) {
  for (const Endpoint& endpoint : rows_) by_path_.emplace(endpoint.path, &endpoint);
}

const Endpoint* EndpointTable::Find(std::string_view path) const {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : it->second;
}

bool HasPackage(const App& app, const Endpoint& endpoint, const ErrorCode** missing) {
  switch (endpoint.package) {
    case Package::kNone: return true;
    case Package::kCallGroup:
      *missing = &v1::kNoGroupCallPackage;
      return app.packages.call_group;
    case Package::kLive:
      *missing = &v4::kNoLivePackage;
      return app.packages.live;
    case Package::kLiveGifts:
      *missing = &v4::kNoGiftPackage;
      return app.packages.live;
  }
  return true;
}

}  // namespace trtc::api
