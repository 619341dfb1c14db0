#include "server/handlers/callkit_callback_handlers.h"

#include "server/common/log.h"
#include "server/domain/callback_rules.h"
#include "server/handlers/json_text.h"
#include "storage/callback_config_store.h"

namespace trtc::handlers {
namespace {

using namespace trtc::domain;  // the rules these APIs apply

using api::ApiReply;
using storage::CallbackFamily;

constexpr CallbackFamily kFamily = CallbackFamily::kCallkit;

// The callkit host documents no internal-error code, so a storage failure (a full disk,
// say) is answered with 70001 and the storage's own message, and logged.
ApiReply StorageFailure(const Status& status) {
  LogError("callkit storage: " + status.message());
  return ApiReply::Fail(api::v1::kInvalidParameter, "internal storage error: " + status.message());
}

// A wrong JSON type is a body-parsing error (70009); anything else is a bad parameter.
ApiReply RuleFailure(RuleResult rule) {
  const api::ErrorCode& code = rule.problem == RuleProblem::kWrongType ? api::v1::kBadBody
                                                                       : api::v1::kInvalidParameter;
  return ApiReply::Fail(code, std::move(rule.message));
}

}  // namespace

ApiReply SetCallkitCallback(const api::HandlerContext& context, const rapidjson::Value& body) {
  storage::CallbackConfig config;
  RuleResult rule = ParseCallbackConfig(body, kCallkitApi, &config);
  if (!rule.ok()) return RuleFailure(std::move(rule));
  Status status = context.services.callback_configs->Put(kFamily, context.sdkappid, config);
  if (!status.ok()) return StorageFailure(status);
  return ApiReply::Ok(JsonString(config.url));
}

ApiReply GetCallkitCallback(const api::HandlerContext& context, const rapidjson::Value&) {
  StatusOr<storage::SharedCallbackConfig> config =
      context.services.callback_configs->Get(kFamily, context.sdkappid);
  if (config.status().IsNotFound()) return ApiReply::Fail(api::v1::kNoConfiguration);
  if (!config.ok()) return StorageFailure(config.status());
  return ApiReply::Ok(CallbackConfigJson(**config, kCallkitApi, /*events_first=*/true));
}

ApiReply UpdateCallkitCallback(const api::HandlerContext& context, const rapidjson::Value& body) {
  storage::CallbackConfig config;
  RuleResult rule = ParseCallbackConfig(body, kCallkitApi, &config);
  if (!rule.ok()) return RuleFailure(std::move(rule));
  Status status = context.services.callback_configs->Update(kFamily, context.sdkappid, config);
  if (status.IsNotFound()) {
    return ApiReply::Fail(api::v1::kNoConfiguration, "Callback does not exist");
  }
  if (!status.ok()) return StorageFailure(status);
  return ApiReply::Ok(JsonString(config.url));
}

ApiReply DeleteCallkitCallback(const api::HandlerContext& context, const rapidjson::Value&) {
  Status status = context.services.callback_configs->Delete(kFamily, context.sdkappid);
  if (status.IsNotFound()) {
    return ApiReply::Fail(api::v1::kNoConfiguration, "Callback does not exist");
  }
  return status.ok() ? ApiReply::Ok() : StorageFailure(status);
}

}  // namespace trtc::handlers
