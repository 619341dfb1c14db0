// PostJson: one asynchronous HTTP POST of a callback body, over TLS for https:// URLs, with
// one deadline for all of it (resolve, connect, TLS handshake, write, read). Used by the
// callback dispatcher on its own io_context, so a slow or silent receiver never holds up
// the REST APIs.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/asio_ssl.h"

namespace trtc::callbacks {

// What came back from one POST.
struct PostResult {
  int http_status = 0;   // 0: no HTTP response (see error)
  std::string reply;     // the response body, cut at kMaxKeptReply bytes
  int64_t latency_ms = 0;
  std::string error;     // empty when an HTTP response came back
};

inline constexpr size_t kMaxKeptReply = 4096;

// "http[s]://host[:port]/path?query" split for the request.
struct HttpUrl {
  bool tls = false;    // https://
  std::string host;    // an IPv6 address without its brackets
  std::string port;    // "80" (http) or "443" (https) when absent
  std::string target;  // "/" when absent
};

// http:// and https:// URLs; anything else is refused, and *error says why.
std::optional<HttpUrl> ParseHttpUrl(std::string_view url, std::string* error);

// The Host header for `url`: the port only when it is not the scheme's, an IPv6 address
// in its brackets (RFC 9110 §7.2), or its colons would read as a port.
std::string HostHeader(const HttpUrl& url);

// `tls` is the client context (trusted CAs, verify or not) an https:// URL is sent with; one
// context serves every POST. A name gets SNI, and the receiver's certificate must carry the
// URL's host name or IP address unless the context does not verify.
void PostJson(boost::asio::io_context& io, http::ssl::context& tls, const std::string& url,
              std::string body, std::chrono::milliseconds timeout,
              std::function<void(PostResult)> done);

}  // namespace trtc::callbacks
