#include "server/handlers/kit_config_handlers.h"

#include "server/domain/callback_rules.h"
#include "server/handlers/replies.h"
#include "storage/callback_config_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::CallbackFamily;

constexpr api::Family kV4 = api::Family::kV4;

struct Kit {
  CallbackFamily family;
  const domain::CallbackShape& shape;
};

constexpr Kit kLive{CallbackFamily::kLive, domain::kLiveConfigApi};
constexpr Kit kRoom{CallbackFamily::kRoom, domain::kRoomConfigApi};

// Checks in the pages' order: the body's fields (100002), then whether one exists.
ApiReply Set(const Kit& kit, const api::HandlerContext& context, const json::Value& body) {
  storage::CallbackConfig config;
  Status status = domain::ParseCallbackConfig(body, kit.shape, &config);
  if (!status.ok()) return Refused(kV4, status);
  status = context.services.callback_configs->Create(kit.family, context.sdkappid, config);
  if (status.IsAlreadyExists()) return ApiReply::Fail(api::v4::kCallbackExists);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply Update(const Kit& kit, const api::HandlerContext& context, const json::Value& body) {
  storage::CallbackConfig config;
  Status status = domain::ParseCallbackConfig(body, kit.shape, &config);
  if (!status.ok()) return Refused(kV4, status);
  status = context.services.callback_configs->Update(kit.family, context.sdkappid, config);
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kCallbackNotConfigured);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply Get(const Kit& kit, const api::HandlerContext& context) {
  StatusOr<storage::SharedCallbackConfig> config =
      context.services.callback_configs->Get(kit.family, context.sdkappid);
  if (config.status().IsNotFound()) return ApiReply::Fail(api::v4::kCallbackNotConfigured);
  if (!config.ok()) return StoreFailed(kV4, config.status());
  return ApiReply::Ok(domain::CallbackConfigJson(**config, kit.shape, /*events_first=*/false));
}

// The pages list no error for a delete with nothing configured: it succeeds.
ApiReply Delete(const Kit& kit, const api::HandlerContext& context) {
  Status status = context.services.callback_configs->Delete(kit.family, context.sdkappid);
  return status.ok() || status.IsNotFound() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

}  // namespace

ApiReply SetLiveCallback(const api::HandlerContext& context, const json::Value& body) {
  return Set(kLive, context, body);
}
ApiReply UpdateLiveCallback(const api::HandlerContext& context, const json::Value& body) {
  return Update(kLive, context, body);
}
ApiReply GetLiveCallback(const api::HandlerContext& context, const json::Value&) {
  return Get(kLive, context);
}
ApiReply DeleteLiveCallback(const api::HandlerContext& context, const json::Value&) {
  return Delete(kLive, context);
}
ApiReply SetRoomCallback(const api::HandlerContext& context, const json::Value& body) {
  return Set(kRoom, context, body);
}
ApiReply UpdateRoomCallback(const api::HandlerContext& context, const json::Value& body) {
  return Update(kRoom, context, body);
}
ApiReply GetRoomCallback(const api::HandlerContext& context, const json::Value&) {
  return Get(kRoom, context);
}
ApiReply DeleteRoomCallback(const api::HandlerContext& context, const json::Value&) {
  return Delete(kRoom, context);
}

// The token is independent of the configuration: it may come first, and delete_callback
// leaves it.
ApiReply SetLiveCallbackToken(const api::HandlerContext& context, const json::Value& body) {
  storage::CallbackConfigStore& store = *context.services.callback_configs;
  StatusOr<storage::CallbackToken> current = store.GetToken(context.sdkappid);
  if (!current.ok() && !current.status().IsNotFound()) return StoreFailed(kV4, current.status());
  storage::CallbackToken token;
  Status status = domain::ParseCallbackToken(body, current.ok() ? &*current : nullptr, &token);
  if (!status.ok()) return Refused(kV4, status);
  status = store.PutToken(context.sdkappid, token);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply GetLiveCallbackToken(const api::HandlerContext& context, const json::Value&) {
  StatusOr<storage::CallbackToken> token =
      context.services.callback_configs->GetToken(context.sdkappid);
  if (token.status().IsNotFound()) return ApiReply::Fail(api::v4::kCallbackTokenNotConfigured);
  if (!token.ok()) return StoreFailed(kV4, token.status());
  json::Writer w;
  w.StartObject().Key("Token").String(token->token).Key("IsTokenEnable").Bool(token->enabled).EndObject();
  return ApiReply::Ok(w.Take());
}

}  // namespace trtc::handlers
