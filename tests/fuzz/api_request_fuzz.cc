// Fuzzes the whole request pipeline behind the HTTP transport — the router, query
// parsing, the REST and control routes, JSON bodies, validation and storage — through
// the same RequestHandler / Exchange calls a real connection makes, on a real Emulator
// (in-memory database, auth off, no rate limits) that is never run.
//
// An input is up to kMaxRequests requests separated by kSeparator, each:
//   byte 0 picks a route (the control routes, then the REST endpoints in the table's order,
//           so a new endpoint only adds numbers); a number past the last route means a raw
//           request;
//   route:  byte 1 picks an app; the rest is the body.
//   raw:    byte 1 picks the method; the target runs to the first '\n'; the rest is the body.
//           The target goes through the transport's own parsing first: a CONNECT's
//           authority form and the proxy door's host check, or the absolute form.
// Every input starts from the fixture's state (a reset through the control plane), so a
// crash replays from its input alone. Every response must be valid JSON (but ca.pem's PEM).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "server/handlers/endpoints.h"
#include "server/app/emulator.h"
#include "server/http/request_target.h"
#include "server/tls/tencent_hosts.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace bhttp = boost::beast::http;

constexpr std::string_view kSeparator = "\n~~\n";
constexpr size_t kMaxRequests = 8;

// SDKAppIDs of api_fixture.json — all packages, no call_group, no live — and one no
// fixture defines (auth off lets it in).
constexpr const char* kApps[] = {"1400000000", "1400000002", "1400000004", "1400000009"};

constexpr bhttp::verb kMethods[] = {bhttp::verb::post, bhttp::verb::get, bhttp::verb::delete_,
                                    bhttp::verb::head, bhttp::verb::put, bhttp::verb::options,
                                    bhttp::verb::connect};

struct Route {
  bhttp::verb method;
  std::string target;  // up to the query, which is added per app
  bool rest;           // a REST API (else a control route)
};

// The control plane's routes (server/control/control_plane.cc), then every REST API.
std::vector<Route> MakeRoutes() {
  std::vector<Route> routes = {
      {bhttp::verb::get, "/_emulator/health", false},
      {bhttp::verb::get, "/_emulator/clock", false},
      {bhttp::verb::post, "/_emulator/clock", false},
      {bhttp::verb::post, "/_emulator/usersig", false},
      {bhttp::verb::get, "/_emulator/requests", false},
      {bhttp::verb::delete_, "/_emulator/requests", false},
      {bhttp::verb::post, "/_emulator/faults", false},
      {bhttp::verb::get, "/_emulator/faults", false},
      {bhttp::verb::delete_, "/_emulator/faults", false},
      {bhttp::verb::post, "/_emulator/reset", false},
      {bhttp::verb::get, "/_emulator/state", false},
      {bhttp::verb::post, "/_emulator/calls", false},
      {bhttp::verb::get, "/_emulator/callbacks", false},
      {bhttp::verb::post, "/_emulator/callbacks/1/replay", false},
      {bhttp::verb::get, "/_emulator/ca.pem", false},
      {bhttp::verb::post, "/_emulator/rooms/members", false},
      {bhttp::verb::get, "/_emulator/rooms/messages", false},
      {bhttp::verb::get, "/_emulator/apps", false},
      {bhttp::verb::get, "/_emulator/events", false},
      {bhttp::verb::get, "/_emulator/ui", false},
  };
  for (const trtc::api::Endpoint& endpoint : trtc::handlers::Endpoints().all()) {
    routes.push_back({bhttp::verb::post, "/" + std::string(endpoint.path), true});
  }
  return routes;
}

trtc::http::RequestHandler& Handler() {
  // Lives as long as the process (and stays reachable, for LeakSanitizer).
  static trtc::app::Emulator* emulator = [] {
    trtc::app::Options options;
    options.port = 0;  // it listens on an ephemeral loopback port, but never serves
    options.in_memory = true;
    options.fixtures = TRTC_FUZZ_FIXTURE;
    options.rate_limits = false;
    options.auth = trtc::api::AuthMode::kOff;
    options.log_level = trtc::LogLevel::kError;
    options.threads = 1;
    options.send_callbacks = false;  // a fuzzed callback URL may name any host
    std::unique_ptr<trtc::app::Emulator> created;
    const trtc::Status status = trtc::app::Emulator::Create(options, &created);
    FUZZ_CHECK(status.ok(), status.message().c_str());
    return created.release();
  }();
  return emulator->handler();
}

// Sends one request the way a session does, and checks the response.
void Send(bhttp::verb method, std::string_view target, std::string_view body) {
  if (method == bhttp::verb::connect) {
    // The session answers CONNECT itself: only a well-formed Tencent host on 443 opens.
    const std::optional<trtc::http::Authority> authority = trtc::http::ParseAuthority(target);
    if (authority && trtc::tls::IsTencentApiHost(authority->host)) {
      FUZZ_CHECK(!authority->host.empty() && target.find(authority->host) != target.npos,
                 "the authority's host is not part of the target");
    }
    return;
  }
  std::string storage;
  const trtc::http::OriginForm origin = trtc::http::ToOriginForm(target, "localhost", &storage);
  FUZZ_CHECK(!target.starts_with("http://") || origin.target.starts_with('/'),
             "an absolute-form target did not become a path");
  const trtc::http::Response response =
      Handler().Begin({method, origin.target, origin.host})->Finish(body);
  FUZZ_CHECK(response.status != 500, "an internal error");
  const std::string_view content_type = response.content_type;
  if (response.events) {
    // GET /_emulator/events: a session would stream it; this one is closed at once.
    FUZZ_CHECK(content_type == "text/event-stream", "an event stream that is not one");
    response.events->End();
    return;
  }
  if (!content_type.starts_with("application/")) {
    // The dashboard's files (GET /_emulator/ui...) and a browser's redirect.
    FUZZ_CHECK(response.status == 200 || response.status == 302, "a page that failed");
    return;
  }
  if (content_type == "application/x-pem-file") {
    // GET /_emulator/ca.pem: the one answer that is not JSON.
    FUZZ_CHECK(response.body.starts_with("-----BEGIN CERTIFICATE-----"),
               "ca.pem did not answer a PEM certificate");
    return;
  }
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(response.body.data(), response.body.size());
  FUZZ_CHECK(!document.HasParseError() && document.IsObject(),
             "the response is not a valid JSON object");
}

void SendOne(std::string_view request) {
  static const std::vector<Route> routes = MakeRoutes();
  if (request.empty()) return;
  const size_t route = static_cast<uint8_t>(request[0]);
  request.remove_prefix(1);
  if (route < routes.size()) {
    if (request.empty()) return;
    const std::string app = kApps[static_cast<uint8_t>(request[0]) % std::size(kApps)];
    request.remove_prefix(1);
    const std::string query =
        routes[route].rest
            ? "?sdkappid=" + app + "&identifier=administrator&usersig=x&random=42&contenttype=json"
            : "?sdkappid=" + app;
    Send(routes[route].method, routes[route].target + query, request);
    return;
  }
  if (request.empty()) return;
  const bhttp::verb method = kMethods[static_cast<uint8_t>(request[0]) % std::size(kMethods)];
  request.remove_prefix(1);
  const size_t end = request.find('\n');
  const std::string_view target = request.substr(0, end);
  const std::string_view body = end == request.npos ? "" : request.substr(end + 1);
  Send(method, target, body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Handler().Begin({bhttp::verb::post, "/_emulator/reset", ""})->Finish("");
  Handler().Begin({bhttp::verb::post, "/_emulator/clock", ""})->Finish(R"({"offset_s":0})");
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (size_t n = 0; n < kMaxRequests && !input.empty(); ++n) {
    const size_t end = input.find(kSeparator);
    SendOne(input.substr(0, end));
    input = end == input.npos ? "" : input.substr(end + kSeparator.size());
  }
  return 0;
}
