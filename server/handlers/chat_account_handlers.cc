#include "server/handlers/chat_account_handlers.h"

#include <set>
#include <string>
#include <vector>

#include "server/domain/chat_accounts.h"
#include "server/handlers/replies.h"
#include "storage/account_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
namespace v4 = api::v4;

ApiReply BadFields(std::string detail) {
  return ApiReply::Fail(v4::kAccountInvalidParameter, std::move(detail));
}

ApiReply StoreFailedChat(const Status& status) {
  return StoreFailed(api::Family::kV4, status, v4::kAccountInternal);
}

// One account of an import: its UserID (or the older Identifier) and the optional Nick and
// FaceUrl as profile fields. A missing or mistyped field is 70402, a long one 40601.
std::optional<ApiReply> ReadImport(const json::Value& item, storage::AccountImport* out) {
  if (!item.IsObject()) return BadFields("each account must be an object");
  const json::Fields fields(item);
  std::string_view user_id;
  Status status = fields.Has("UserID") ? fields.Required("UserID", &user_id)
                                       : fields.Required("Identifier", &user_id);
  if (!status.ok() || !domain::IsValidUserId(user_id)) {
    return BadFields("UserID must be a string of 1 to 32 bytes");
  }
  out->user_id = user_id;
  for (auto [name, tag] : {std::pair{"Nick", domain::kNickTag}, std::pair{"FaceUrl", domain::kImageTag}}) {
    std::optional<std::string_view> value;
    if (!fields.Optional(name, &value).ok()) return BadFields(std::string(name) + " must be a string");
    if (!value) continue;
    if (value->size() > domain::kMaxProfileStringBytes) {
      return ApiReply::Fail(v4::kProfileValueTooLong,
                            std::string(name) + " exceeds the length limit of 500 bytes");
    }
    out->fields.push_back({std::string(tag), {false, 0, std::string(*value)}});
  }
  return std::nullopt;
}

// The `key` list of account_check / account_delete: 1..100 objects {"UserID": string}.
std::optional<ApiReply> ReadUserIdItems(const json::Value& body, const char* key,
                                        std::vector<std::string>* user_ids) {
  json::Fields::Array list;
  const std::string wanted = std::string(key) + " must be an array of 1 to 100 {\"UserID\": string}";
  if (!json::Fields(body).Required(key, &list).ok() || list.value->Empty() ||
      list.value->Size() > domain::kMaxAccountsPerCall) {
    return BadFields(wanted);
  }
  for (const json::Value& item : list.value->GetArray()) {
    std::string_view user_id;
    if (!item.IsObject() || !json::Fields(item).Required("UserID", &user_id).ok() ||
        !domain::IsValidUserId(user_id)) {
      return BadFields(wanted);
    }
    user_ids->emplace_back(user_id);
  }
  return std::nullopt;
}

}  // namespace

ApiReply AccountImport(const api::HandlerContext& context, const json::Value& body) {
  storage::AccountImport account;
  if (std::optional<ApiReply> refused = ReadImport(body, &account)) return std::move(*refused);
  Status status = context.services.accounts->Import(context.sdkappid, {account});
  return status.ok() ? ApiReply::Ok() : StoreFailedChat(status);
}

ApiReply MultiAccountImport(const api::HandlerContext& context, const json::Value& body) {
  // The older {"Accounts":["id",...]} or the newer {"AccountList":[{"UserID",...},...]}.
  const json::Fields fields(body);
  if (fields.Has("Accounts") == fields.Has("AccountList")) {
    return BadFields("exactly one of Accounts and AccountList is required");
  }
  const bool old_form = fields.Has("Accounts");
  json::Fields::Array list;
  if (!fields.Required(old_form ? "Accounts" : "AccountList", &list).ok() ||
      list.value->Empty() || list.value->Size() > domain::kMaxAccountsPerCall) {
    return BadFields(std::string(old_form ? "Accounts" : "AccountList") +
                     " must be an array of 1 to 100 accounts");
  }
  std::vector<storage::AccountImport> accounts;
  std::set<std::string, std::less<>> seen;
  json::Writer failed;
  failed.StartArray();
  for (const json::Value& item : list.value->GetArray()) {
    storage::AccountImport account;
    bool valid = false;
    if (old_form) {
      valid = item.IsString() && domain::IsValidUserId(json::Text(item));
      if (valid) account.user_id = json::Text(item);
    } else {
      valid = !ReadImport(item, &account).has_value();
    }
    if (!valid) {
      // An entry that is not a valid account is reported back as it was sent.
      const json::Value* id = item.IsObject() ? json::Find(item, "UserID") : &item;
      if (id != nullptr && id->IsString()) {
        failed.String(json::Text(*id));
      } else {
        failed.Copy(id != nullptr ? *id : item);
      }
      continue;
    }
    if (seen.insert(account.user_id).second) accounts.push_back(std::move(account));
  }
  failed.EndArray();
  Status status = context.services.accounts->Import(context.sdkappid, accounts);
  if (!status.ok()) return StoreFailedChat(status);
  json::Writer w;
  w.StartObject().Key("FailAccounts").Raw(failed.text()).EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

ApiReply AccountCheck(const api::HandlerContext& context, const json::Value& body) {
  std::vector<std::string> user_ids;
  if (std::optional<ApiReply> refused = ReadUserIdItems(body, "CheckItem", &user_ids)) {
    return std::move(*refused);
  }
  StatusOr<std::vector<bool>> exist = context.services.accounts->Exist(context.sdkappid, user_ids);
  if (!exist.ok()) return StoreFailedChat(exist.status());
  json::Writer w(64 + 96 * user_ids.size());
  w.StartObject().Key("ResultItem").StartArray();
  for (size_t i = 0; i < user_ids.size(); ++i) {
    w.StartObject()
        .Key("UserID").String(user_ids[i])
        .Key("ResultCode").Int(0)
        .Key("ResultInfo").String("")
        .Key("AccountStatus").String((*exist)[i] ? "Imported" : "NotImported")
        .EndObject();
  }
  w.EndArray().EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

ApiReply AccountDelete(const api::HandlerContext& context, const json::Value& body) {
  std::vector<std::string> user_ids;
  if (std::optional<ApiReply> refused = ReadUserIdItems(body, "DeleteItem", &user_ids)) {
    return std::move(*refused);
  }
  StatusOr<std::vector<bool>> existed =
      context.services.accounts->Delete(context.sdkappid, user_ids);
  if (!existed.ok()) return StoreFailedChat(existed.status());
  json::Writer w(64 + 96 * user_ids.size());
  w.StartObject().Key("ResultItem").StartArray();
  for (size_t i = 0; i < user_ids.size(); ++i) {
    const bool ok = (*existed)[i];
    w.StartObject()
        .Key("ResultCode").Int(ok ? 0 : v4::kAccountNotFound.code)
        .Key("ResultInfo").String(ok ? "" : "Err_TLS_PT_Open_Login_Account_Not_Exist")
        .Key("UserID").String(user_ids[i])
        .EndObject();
  }
  w.EndArray().EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

}  // namespace trtc::handlers
