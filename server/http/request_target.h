// The request-target forms of RFC 9112 §3.2 that the transport accepts beside the usual
// origin form ("/path?query"): the absolute form a client sends through a plain HTTP proxy
// ("POST http://console.tim.qq.com/v4/...?... HTTP/1.1") and CONNECT's authority form
// ("console.tim.qq.com:443"). Pure functions, so the fuzzer runs exactly what sessions run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trtc::http {

struct OriginForm {
  std::string_view target;  // "/path?query"
  std::string_view host;    // the host the client meant
};

// An absolute-form http(s) target as its path and query, with its authority as the host
// (which replaces the Host header, RFC 9112 §3.2.2); any other target as it is, with
// `host_header`. `storage` holds the target when it has to be rewritten ("http://h?x" has
// no path: "/?x"); the views point into `target`, `host_header` or `storage`.
OriginForm ToOriginForm(std::string_view target, std::string_view host_header,
                        std::string* storage);

struct Authority {
  std::string_view host;  // without brackets for an IPv6 literal
  uint16_t port = 0;
};

// CONNECT's "host:port" or "[v6]:port"; nullopt when it is not that.
std::optional<Authority> ParseAuthority(std::string_view target);

}  // namespace trtc::http
