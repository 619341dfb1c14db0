// Apps are configuration, (re)loaded from the fixtures at every start: an SDKAppID, its
// secret key, its admin accounts, the packages it has bought and its rate-limit
// overrides. The registry is filled before serving starts and read-only afterwards, so
// lookups need no lock.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace trtc::api {

struct Packages {
  bool call_group = true;  // v1 callkit callback APIs answer 50001 without it
  bool live = true;        // live room APIs need it
};

struct App {
  uint32_t sdkappid = 0;
  std::string key;
  std::vector<std::string> admins{"administrator"};
  Packages packages;
  std::map<std::string, int, std::less<>> rate_limits;  // API path -> calls per second

  bool IsAdmin(std::string_view identifier) const;
};

class AppRegistry {
 public:
  // False if an app with that SDKAppID is already registered.
  bool Add(App app);
  const App* Find(uint32_t sdkappid) const;
  // In ascending SDKAppID order.
  std::vector<const App*> All() const;
  size_t size() const { return apps_.size(); }

 private:
  std::unordered_map<uint32_t, App> apps_;
};

}  // namespace trtc::api
