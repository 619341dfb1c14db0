#include "server/tls/tencent_hosts.h"

#include <boost/algorithm/string/predicate.hpp>

namespace trtc::tls {
namespace {

bool Matches(std::string_view pattern, std::string_view host) {
  if (!pattern.starts_with("*.")) return boost::algorithm::iequals(pattern, host);
  const std::string_view suffix = pattern.substr(1);  // ".tim.qq.com"
  if (host.size() <= suffix.size()) return false;
  const std::string_view label = host.substr(0, host.size() - suffix.size());
  return label.find('.') == std::string_view::npos &&
         boost::algorithm::iends_with(host, suffix);
}

}  // namespace

bool IsTencentApiHost(std::string_view host) {
  if (host.ends_with('.')) host.remove_suffix(1);  // a fully qualified "console.tim.qq.com."
  for (std::string_view pattern : kTencentApiHosts) {
    if (Matches(pattern, host)) return true;
  }
  return false;
}

}  // namespace trtc::tls
