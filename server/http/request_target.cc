#include "server/http/request_target.h"

#include <charconv>

#include <boost/algorithm/string/predicate.hpp>

namespace trtc::http {

OriginForm ToOriginForm(std::string_view target, std::string_view host_header,
                        std::string* storage) {
  if (target.starts_with('/')) return {target, host_header};  // the usual case, first
  size_t scheme = 0;
  if (boost::algorithm::istarts_with(target, "http://")) {
    scheme = 7;
  } else if (boost::algorithm::istarts_with(target, "https://")) {
    scheme = 8;
  } else {
    return {target, host_header};
  }
  const std::string_view rest = target.substr(scheme);
  const size_t end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end);
  std::string_view path = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  path = path.substr(0, path.find('#'));  // clients never send one; drop it if they do
  if (!path.starts_with('/')) {
    storage->assign("/").append(path);
    path = *storage;
  }
  return {path, authority};
}

std::optional<Authority> ParseAuthority(std::string_view target) {
  Authority authority;
  std::string_view port;
  if (target.starts_with('[')) {
    const size_t close = target.find(']');
    if (close == std::string_view::npos || target.substr(close + 1, 1) != ":") return std::nullopt;
    authority.host = target.substr(1, close - 1);
    port = target.substr(close + 2);
  } else {
    const size_t colon = target.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    authority.host = target.substr(0, colon);
    port = target.substr(colon + 1);
    if (authority.host.find(':') != std::string_view::npos) return std::nullopt;
  }
  if (authority.host.empty() || port.empty()) return std::nullopt;
  if (authority.host.find_first_of("/?#@ ") != std::string_view::npos) return std::nullopt;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), authority.port);
  if (error != std::errc() || end != port.data() + port.size()) return std::nullopt;
  return authority;
}

}  // namespace trtc::http
