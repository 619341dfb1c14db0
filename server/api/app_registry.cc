#include "server/api/app_registry.h"

#include <algorithm>

namespace trtc::api {

bool App::IsAdmin(std::string_view identifier) const {
  return std::find(admins.begin(), admins.end(), identifier) != admins.end();
}

bool AppRegistry::Add(App app) {
  const uint32_t id = app.sdkappid;
  return apps_.emplace(id, std::move(app)).second;
}

const App* AppRegistry::Find(uint32_t sdkappid) const {
  auto it = apps_.find(sdkappid);
  return it == apps_.end() ? nullptr : &it->second;
}

std::vector<const App*> AppRegistry::All() const {
  std::vector<const App*> all;
  all.reserve(apps_.size());
  for (const auto& [id, app] : apps_) all.push_back(&app);
  std::sort(all.begin(), all.end(),
            [](const App* a, const App* b) { return a->sdkappid < b->sdkappid; });
  return all;
}

}  // namespace trtc::api
