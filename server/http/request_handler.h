// The seam between the HTTP transport and what the emulator does with a request.
// The transport calls Begin() as soon as the request line and headers are read — before
// the body — so that routing, authentication and limits can decide without the body;
// then it reads the body and calls Exchange::Finish() for the response.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <boost/beast/http/verb.hpp>

#include "server/http/event_stream.h"

namespace trtc::http {

struct Response {
  unsigned status = 200;
  std::string body;
  const char* content_type = "application/json; charset=utf-8";
  std::chrono::milliseconds delay{0};  // hold the response this long (injected latency)
  std::string location;                // a Location header, for a redirect
  // When set, the body goes on after `body`: the stream's events as they come, until
  // either side ends it (the connection closes then; no Content-Length).
  std::shared_ptr<EventStream> events;
};

class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual Response Finish(std::string_view body) = 0;
};

// What the transport tells a handler of a request before its body. The views stay valid
// until the exchange has finished.
struct RequestHead {
  boost::beast::http::verb method;
  std::string_view target;  // origin form: "/path?query" (an absolute-form target is cut to it)
  std::string_view host;    // the Host header, or the authority of an absolute-form target
  std::string_view accept = {};  // the Accept header ("" when absent)
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Never returns null.
  virtual std::unique_ptr<Exchange> Begin(const RequestHead& head) = 0;
};

// An exchange whose response was decided before the body: the body is read and dropped.
class FixedExchange final : public Exchange {
 public:
  explicit FixedExchange(Response response) : response_(std::move(response)) {}
  Response Finish(std::string_view) override { return std::move(response_); }

 private:
  Response response_;
};

}  // namespace trtc::http
