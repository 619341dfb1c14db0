#include "server/handlers/chat_profile_handlers.h"

#include <map>
#include <string>
#include <vector>

#include "server/domain/chat_accounts.h"
#include "server/handlers/replies.h"
#include "storage/account_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
namespace v4 = api::v4;

ApiReply BadRequest(std::string detail) {
  return ApiReply::Fail(v4::kProfileInvalidParameter, std::move(detail));
}

ApiReply StoreFailedProfile(const Status& status) {
  return StoreFailed(api::Family::kV4, status, v4::kProfileInternal);
}

const api::ErrorCode& CodeFor(domain::ProfileProblem problem) {
  switch (problem) {
    case domain::ProfileProblem::kUnknownTag: return v4::kProfileUnknownTag;
    case domain::ProfileProblem::kWrongType: return v4::kProfileBadValueType;
    case domain::ProfileProblem::kBadValue: return v4::kProfileBadValue;
    case domain::ProfileProblem::kTooLong: return v4::kProfileValueTooLong;
    case domain::ProfileProblem::kNone: break;
  }
  return v4::kProfileInternal;
}

void WriteValue(json::Writer& w, const storage::ProfileValue& value) {
  if (value.is_number) {
    w.Int(value.number);
  } else {
    w.String(value.text);
  }
}

}  // namespace

ApiReply PortraitGet(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::vector<std::string> to_accounts;
  Status status = fields.Required("To_Account", &to_accounts);
  if (status.code() == StatusCode::kInvalidArgument || (status.ok() && to_accounts.empty())) {
    return ApiReply::Fail(v4::kProfileNoToAccount);
  }
  if (!status.ok() || to_accounts.size() > domain::kMaxAccountsPerCall) {
    return BadRequest("To_Account must be an array of 1 to 100 strings");
  }
  std::vector<std::string> tags;
  if (!fields.Required("TagList", &tags).ok() || tags.empty()) {
    return BadRequest("TagList must be a non-empty array of strings");
  }
  for (const std::string& tag : tags) {
    if (!domain::IsProfileTag(tag)) {
      return ApiReply::Fail(v4::kProfileUnknownTag, "the profile tag " + tag + " does not exist");
    }
  }
  json::Writer w(128 + 128 * to_accounts.size() * tags.size());
  json::Writer failed;
  failed.StartArray();
  bool any_failed = false;
  w.StartObject().Key("UserProfileItem").StartArray();
  for (const std::string& account : to_accounts) {
    StatusOr<std::vector<storage::ProfileField>> profile =
        context.services.accounts->Profile(context.sdkappid, account);
    w.StartObject().Key("To_Account").String(account);
    if (profile.status().IsNotFound()) {
      w.Key("ResultCode").Int(v4::kProfileAccountNotFound.code);
      w.Key("ResultInfo").String(v4::kProfileAccountNotFound.message);
      w.EndObject();
      failed.String(account);
      any_failed = true;
      continue;
    }
    if (!profile.ok()) return StoreFailedProfile(profile.status());
    std::map<std::string_view, const storage::ProfileValue*> stored;
    for (const storage::ProfileField& field : *profile) stored[field.tag] = &field.value;
    w.Key("ProfileItem").StartArray();
    for (const std::string& tag : tags) {
      w.StartObject().Key("Tag").String(tag).Key("Value");
      auto found = stored.find(tag);
      WriteValue(w, found != stored.end() ? *found->second : domain::UnsetProfileValue(tag));
      w.EndObject();
    }
    w.EndArray().Key("ResultCode").Int(0).Key("ResultInfo").String("").EndObject();
  }
  w.EndArray();
  failed.EndArray();
  if (any_failed) w.Key("Fail_Account").Raw(failed.text());
  w.Key("ErrorDisplay").String("").EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

ApiReply PortraitSet(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string_view from_account;
  json::Fields::Array items;
  if (!fields.Required("From_Account", &from_account).ok() || from_account.empty()) {
    return BadRequest("From_Account must be a non-empty string");
  }
  if (!fields.Required("ProfileItem", &items).ok() || items.value->Empty()) {
    return BadRequest("ProfileItem must be a non-empty array of {\"Tag\", \"Value\"}");
  }
  for (const json::Value& item : items.value->GetArray()) {
    std::string_view tag;
    if (!item.IsObject() || !json::Fields(item).Required("Tag", &tag).ok() ||
        json::Find(item, "Value") == nullptr) {
      return BadRequest("ProfileItem must be a non-empty array of {\"Tag\", \"Value\"}");
    }
  }
  StatusOr<std::vector<bool>> exists =
      context.services.accounts->Exist(context.sdkappid, {std::string(from_account)});
  if (!exists.ok()) return StoreFailedProfile(exists.status());
  if (!exists->front()) return ApiReply::Fail(v4::kProfileAccountNotFound);
  // All or nothing: every item is checked before anything is written; a tag given twice
  // keeps its last value.
  std::vector<storage::ProfileField> changes;
  for (const json::Value& item : items.value->GetArray()) {
    storage::ProfileField field;
    field.tag = json::Text(*json::Find(item, "Tag"));
    std::string message;
    const domain::ProfileProblem problem =
        domain::ReadProfileValue(field.tag, *json::Find(item, "Value"), &field.value, &message);
    if (problem != domain::ProfileProblem::kNone) return ApiReply::Fail(CodeFor(problem), message);
    std::erase_if(changes, [&](const storage::ProfileField& earlier) { return earlier.tag == field.tag; });
    changes.push_back(std::move(field));
  }
  Status status = context.services.accounts->SetProfile(context.sdkappid, from_account, changes);
  if (status.IsNotFound()) return ApiReply::Fail(v4::kProfileAccountNotFound);
  if (!status.ok()) return StoreFailedProfile(status);
  return ApiReply::OkTopLevel(R"({"ErrorDisplay":""})");
}

}  // namespace trtc::handlers
