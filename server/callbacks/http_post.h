// PostJson: one asynchronous HTTP POST of a callback body, with one deadline for all of
// it (resolve, connect, write, read). Used by the callback dispatcher on its own
// io_context, so a slow or silent receiver never holds up the REST APIs.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/asio.h"

namespace trtc::callbacks {

// What came back from one POST.
struct PostResult {
  int http_status = 0;   // 0: no HTTP response (see error)
  std::string reply;     // the response body, cut at kMaxKeptReply bytes
  int64_t latency_ms = 0;
  std::string error;     // empty when an HTTP response came back
};

inline constexpr size_t kMaxKeptReply = 4096;

// "http://host[:port]/path?query" split for the request.
struct HttpUrl {
  std::string host;
  std::string port;    // "80" when absent
  std::string target;  // "/" when absent
};

// Only plain http:// URLs can be sent (see the README's differences); *error says why not.
std::optional<HttpUrl> ParseHttpUrl(std::string_view url, std::string* error);

void PostJson(boost::asio::io_context& io, const std::string& url, std::string body,
              std::chrono::milliseconds timeout, std::function<void(PostResult)> done);

}  // namespace trtc::callbacks
