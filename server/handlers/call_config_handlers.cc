#include "server/handlers/call_config_handlers.h"

#include "server/domain/callback_rules.h"
#include "server/handlers/replies.h"
#include "storage/callback_config_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::CallbackFamily;

constexpr CallbackFamily kFamily = CallbackFamily::kCallConfig;
constexpr api::Family kV4 = api::Family::kV4;

}  // namespace

ApiReply SetCallConfig(const api::HandlerContext& context, const json::Value& body) {
  storage::CallbackConfig config;
  Status status = domain::ParseCallbackConfig(body, domain::kCallConfigApi, &config);
  if (!status.ok()) return Refused(kV4, status);
  status = context.services.callback_configs->Put(kFamily, context.sdkappid, config);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply GetCallConfig(const api::HandlerContext& context, const json::Value&) {
  StatusOr<storage::SharedCallbackConfig> config =
      context.services.callback_configs->Get(kFamily, context.sdkappid);
  if (config.status().IsNotFound()) return ApiReply::Fail(api::v4::kCallbackNotConfigured);
  if (!config.ok()) return StoreFailed(kV4, config.status());
  return ApiReply::Ok(
      domain::CallbackConfigJson(**config, domain::kCallConfigApi, /*events_first=*/false));
}

ApiReply DeleteCallConfig(const api::HandlerContext& context, const json::Value&) {
  Status status = context.services.callback_configs->Delete(kFamily, context.sdkappid);
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kCallbackNotConfigured);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

}  // namespace trtc::handlers
