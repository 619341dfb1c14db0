#include "server/api/api_dispatcher.h"

#include <chrono>
#include <optional>
#include <string>

#include "server/api/envelope.h"
#include "server/api/query_string.h"
#include "server/common/json.h"
#include "server/common/log.h"

namespace trtc::api {
namespace {

Family FamilyOfUnknownPath(std::string_view path) {
  return path.starts_with("v1/") ? Family::kV1 : Family::kV4;
}

// What passed the checks that come before the body.
struct Admission {
  const Endpoint* endpoint = nullptr;
  uint32_t sdkappid = 0;
  std::string identifier;
  const App* app = nullptr;
  std::optional<App> unregistered_app;  // --auth off and an SDKAppID no fixture defines
};

}  // namespace

// One API request from its header to its response. Either it was refused before the
// body (`refusal`), or it runs its handler on the body; either way every hook hears of it.
class ApiDispatcher::ApiCall final : public http::Exchange {
 public:
  ApiCall(ApiDispatcher& dispatcher, std::string_view api, std::string_view host, Family family)
      : dispatcher_(dispatcher), api_(api), host_(host), family_(family) {}

  Admission& admission() { return admission_; }
  void Refuse(ApiReply reply) { refusal_ = std::move(reply); }
  void Delay(std::chrono::milliseconds delay) { delay_ += delay; }
  // The app as the hooks see it (null before it was found).
  const App* app() const {
    return admission_.unregistered_app ? &*admission_.unregistered_app : admission_.app;
  }
  CallInfo Info() const {
    return CallInfo{api_, host_, admission_.endpoint, admission_.sdkappid, admission_.identifier,
                    app()};
  }

  http::Response Finish(std::string_view body) override {
    const ApiReply reply = refusal_ ? std::move(*refusal_) : Execute(body);
    if (!reply.ok() && Log::Enabled(LogLevel::kDebug)) {
      LogDebug(api_ + " sdkappid " + std::to_string(admission_.sdkappid) + ": " +
               std::to_string(reply.code()) + " " + reply.message_or_detail());
    }
    http::Response response;
    response.body = WriteEnvelope(family_, reply, dispatcher_.request_ids_.Next(family_));
    response.delay = delay_;
    const CallInfo call = Info();
    for (RequestHook* hook : dispatcher_.hooks_) hook->Completed(call, body, reply, response.body);
    return response;
  }

 private:
  ApiReply Execute(std::string_view body) {
    const Endpoint& endpoint = *admission_.endpoint;
    json::Body document;
    if (Status parsed = document.Parse(body, "request body"); !parsed.ok()) {
      return ApiReply::Fail(ErrorFor(endpoint.family, Rejection::kInvalidJson), parsed.message());
    }
    HandlerContext context{admission_.sdkappid, *app(), dispatcher_.services_,
                           admission_.identifier};
    return endpoint.handler(context, document.root());
  }

  ApiDispatcher& dispatcher_;
  std::string api_;
  std::string_view host_;  // the transport's request header, alive until Finish() returns
  Family family_;
  Admission admission_;
  std::optional<ApiReply> refusal_;
  std::chrono::milliseconds delay_{0};
};

ApiDispatcher::ApiDispatcher(const EndpointTable& endpoints, const AppRegistry& apps,
                             Services services, const Clock& clock, AuthMode auth,
                             std::optional<uint64_t> seed)
    : endpoints_(endpoints),
      apps_(apps),
      services_(services),
      verifier_(clock),
      auth_(auth),
      request_ids_(seed) {}

std::unique_ptr<http::Exchange> ApiDispatcher::Begin(const http::RequestHead& head) {
  const boost::beast::http::verb method = head.method;
  std::string_view path, query_text;
  SplitTarget(head.target, &path, &query_text);
  const Endpoint* endpoint = endpoints_.Find(path);
  const Family family = endpoint ? endpoint->family : FamilyOfUnknownPath(path);
  auto call = std::make_unique<ApiCall>(*this, path, head.host, family);
  Admission& admission = call->admission();
  admission.endpoint = endpoint;

  auto reject = [&](const ErrorCode& code, std::string detail,
                    std::string why = {}) -> std::unique_ptr<http::Exchange> {
    if (Log::Enabled(LogLevel::kDebug)) {
      LogDebug("rejected " + std::string(path) + ": " + std::to_string(code.code) + " " +
               (detail.empty() ? code.message : detail) + (why.empty() ? "" : " — " + why));
    }
    call->Refuse(ApiReply::Fail(code, std::move(detail)));
    return std::move(call);
  };
  auto reject_as = [&](Rejection rejection, std::string detail) {
    return reject(ErrorFor(family, rejection), std::move(detail));
  };

  if (!admission.endpoint) {
    // For the journal only (the answer is the same whatever the query says): the app and
    // user the call names, read leniently, so that its app's journal shows it.
    if (const std::optional<std::string> sdkappid = QueryParam(query_text, "sdkappid")) {
      admission.sdkappid = ParseUint32(*sdkappid).value_or(0);
    }
    admission.identifier = QueryParam(query_text, "identifier").value_or("");
    return reject_as(Rejection::kUnknownApi, "unknown API \"" + std::string(path) + "\"");
  }
  if (method != boost::beast::http::verb::post) {
    return reject_as(Rejection::kMethodNotAllowed,
                     "method " + std::string(boost::beast::http::to_string(method)) +
                         " not allowed, use POST");
  }
  RestQuery query;
  if (!ParseRestQuery(query_text, &query)) {
    return reject_as(Rejection::kMalformedQuery, "malformed percent-encoding in the query string");
  }
  if (!query.sdkappid || query.sdkappid->empty()) {
    return reject_as(Rejection::kMissingSdkappid, "sdkappid is required");
  }
  const std::optional<uint32_t> sdkappid = ParseUint32(*query.sdkappid);
  if (!sdkappid) {
    return reject_as(Rejection::kInvalidSdkappid,
                     "sdkappid \"" + *query.sdkappid + "\" is not an unsigned 32-bit integer");
  }
  admission.sdkappid = *sdkappid;
  const bool strict = auth_ == AuthMode::kStrict;
  if (strict && (!query.identifier || query.identifier->empty() || !query.usersig)) {
    return reject_as(Rejection::kMissingCredentials,
                     !query.usersig ? "usersig is required" : "identifier is required");
  }
  if (!query.random || !ParseUint32(*query.random)) {
    return reject_as(Rejection::kInvalidRandom,
                     "random must be an unsigned 32-bit integer (0..4294967295)");
  }
  if (!query.contenttype || *query.contenttype != "json") {
    return reject_as(Rejection::kInvalidContentType, "contenttype must be json");
  }
  admission.identifier = query.identifier.value_or("");

  admission.app = apps_.Find(admission.sdkappid);
  if (!admission.app) {
    if (strict) {
      return reject_as(Rejection::kAppNotFound,
                       "SDKAppID " + std::to_string(admission.sdkappid) + " not found");
    }
    admission.unregistered_app.emplace();
    admission.unregistered_app->sdkappid = admission.sdkappid;
  }
  const App& app = *call->app();
  if (strict) {
    if (app.key.empty()) return reject_as(Rejection::kAppHasNoKey, "");
    auth::UserSigVerdict verdict =
        verifier_.Verify(*query.usersig, admission.sdkappid, admission.identifier, app.key);
    if (!verdict.ok()) {
      // The client sees the documented text; the debug log says exactly why.
      return reject(ErrorFor(family, verdict.outcome), "", std::move(verdict.detail));
    }
    if (!app.IsAdmin(admission.identifier)) {
      return reject_as(Rejection::kNotAdmin,
                       "\"" + admission.identifier + "\" is not an App admin of SDKAppID " +
                           std::to_string(admission.sdkappid));
    }
  }
  const ErrorCode* missing_package = nullptr;
  if (!HasPackage(app, *admission.endpoint, &missing_package)) {
    return reject(*missing_package, "");
  }
  const CallInfo info = call->Info();
  for (RequestHook* hook : hooks_) {
    HookDecision decision = hook->Admit(info);
    call->Delay(decision.delay);
    if (decision.refusal) {
      call->Refuse(std::move(*decision.refusal));
      break;
    }
  }
  return call;
}

}  // namespace trtc::api
