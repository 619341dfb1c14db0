#include "server/handlers/call_config_handlers.h"

#include "server/domain/callback_rules.h"
#include "server/handlers/storage_failure.h"
#include "storage/callback_config_store.h"

namespace trtc::handlers {
namespace {

using namespace trtc::domain;  // the rules these APIs apply

using api::ApiReply;
using storage::CallbackFamily;

constexpr CallbackFamily kFamily = CallbackFamily::kCallConfig;

ApiReply StorageFailure(const Status& status) { return V4StorageFailure("call_config", status); }

}  // namespace

ApiReply SetCallConfig(const api::HandlerContext& context, const rapidjson::Value& body) {
  storage::CallbackConfig config;
  RuleResult rule = ParseCallbackConfig(body, kCallConfigApi, &config);
  if (!rule.ok()) return ApiReply::Fail(api::v4::kInvalidParameter, std::move(rule.message));
  Status status = context.services.callback_configs->Put(kFamily, context.sdkappid, config);
  return status.ok() ? ApiReply::Ok() : StorageFailure(status);
}

ApiReply GetCallConfig(const api::HandlerContext& context, const rapidjson::Value&) {
  StatusOr<storage::SharedCallbackConfig> config =
      context.services.callback_configs->Get(kFamily, context.sdkappid);
  if (config.status().IsNotFound()) return ApiReply::Fail(api::v4::kCallbackNotConfigured);
  if (!config.ok()) return StorageFailure(config.status());
  return ApiReply::Ok(CallbackConfigJson(**config, kCallConfigApi, /*events_first=*/false));
}

ApiReply DeleteCallConfig(const api::HandlerContext& context, const rapidjson::Value&) {
  Status status = context.services.callback_configs->Delete(kFamily, context.sdkappid);
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kCallbackNotConfigured);
  return status.ok() ? ApiReply::Ok() : StorageFailure(status);
}

}  // namespace trtc::handlers
