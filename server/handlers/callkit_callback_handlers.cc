#include "server/handlers/callkit_callback_handlers.h"

#include "server/domain/callback_rules.h"
#include "server/handlers/replies.h"
#include "storage/callback_config_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::CallbackFamily;

constexpr CallbackFamily kFamily = CallbackFamily::kCallkit;
constexpr api::Family kV1 = api::Family::kV1;

ApiReply NoConfiguration() {
  return ApiReply::Fail(api::v1::kNoConfiguration, "Callback does not exist");
}

}  // namespace

ApiReply SetCallkitCallback(const api::HandlerContext& context, const json::Value& body) {
  storage::CallbackConfig config;
  Status status = domain::ParseCallbackConfig(body, domain::kCallkitApi, &config);
  if (!status.ok()) return Refused(kV1, status);
  status = context.services.callback_configs->Put(kFamily, context.sdkappid, config);
  if (!status.ok()) return StoreFailed(kV1, status);
  return ApiReply::Ok(json::Quote(config.url));
}

ApiReply GetCallkitCallback(const api::HandlerContext& context, const json::Value&) {
  StatusOr<storage::SharedCallbackConfig> config =
      context.services.callback_configs->Get(kFamily, context.sdkappid);
  if (config.status().IsNotFound()) return ApiReply::Fail(api::v1::kNoConfiguration);
  if (!config.ok()) return StoreFailed(kV1, config.status());
  return ApiReply::Ok(
      domain::CallbackConfigJson(**config, domain::kCallkitApi, /*events_first=*/true));
}

ApiReply UpdateCallkitCallback(const api::HandlerContext& context, const json::Value& body) {
  storage::CallbackConfig config;
  Status status = domain::ParseCallbackConfig(body, domain::kCallkitApi, &config);
  if (!status.ok()) return Refused(kV1, status);
  status = context.services.callback_configs->Update(kFamily, context.sdkappid, config);
  if (status.IsNotFound()) return NoConfiguration();
  if (!status.ok()) return StoreFailed(kV1, status);
  return ApiReply::Ok(json::Quote(config.url));
}

ApiReply DeleteCallkitCallback(const api::HandlerContext& context, const json::Value&) {
  Status status = context.services.callback_configs->Delete(kFamily, context.sdkappid);
  if (status.IsNotFound()) return NoConfiguration();
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV1, status);
}

}  // namespace trtc::handlers
