// Gift categories and their relations to gifts (add/get/edit/del_gift_category,
// add/del/get_gift_category_relations).
#include <string>
#include <vector>

#include "server/domain/gift_rules.h"
#include "server/handlers/gift_handlers.h"
#include "server/handlers/replies.h"
#include "storage/gift_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;

constexpr api::Family kV4 = api::Family::kV4;

Status ReadCategoryId(const json::Value& body, std::string* category_id) {
  Status status = json::Fields(body).Required("CategoryId", category_id);
  return status.ok() ? domain::CheckGiftId(*category_id, "CategoryId") : status;
}

// CategoryId and GiftIdList of the relation APIs, and that the category exists.
ApiReply ReadRelationRequest(const api::HandlerContext& context, const json::Value& body,
                             std::string* category_id, std::vector<std::string>* gift_ids) {
  Status status = ReadCategoryId(body, category_id);
  if (status.ok()) status = domain::ReadGiftIdList(json::Fields(body), gift_ids);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::GiftCategory> category =
      context.services.gifts->GetCategory(context.sdkappid, *category_id);
  return category.ok() ? ApiReply::Ok() : GiftStoreFailed(category.status());
}

}  // namespace

ApiReply AddGiftCategory(const api::HandlerContext& context, const json::Value& body) {
  storage::GiftCategory category;
  Status status = domain::ReadCategoryFields(json::Fields(body), /*adding=*/true, &category);
  if (!status.ok()) return Refused(kV4, status);
  storage::GiftStore& gifts = *context.services.gifts;
  StatusOr<storage::GiftCategory> existing = gifts.GetCategory(context.sdkappid, category.category_id);
  if (existing.ok()) return GiftStoreFailed(Status::AlreadyExists("gift category \"" + category.category_id + "\" already exists"));
  if (!existing.status().IsNotFound()) return StoreFailed(kV4, existing.status());
  StatusOr<int64_t> count = gifts.CategoryCount(context.sdkappid);
  if (!count.ok()) return StoreFailed(kV4, count.status());
  if (*count >= domain::kMaxGiftCategories) {
    return Refused(kV4, Status::InvalidArgument("an app has at most 10 gift categories"));
  }
  status = gifts.AddCategory(context.sdkappid, category);
  return status.ok() ? ApiReply::Ok() : GiftStoreFailed(status);
}

ApiReply GetGiftCategory(const api::HandlerContext& context, const json::Value& body) {
  std::string category_id;
  Status status = ReadCategoryId(body, &category_id);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::GiftCategory> category =
      context.services.gifts->GetCategory(context.sdkappid, category_id);
  if (!category.ok()) return GiftStoreFailed(category.status());
  json::Writer w;
  w.StartObject().Key("GiftCategoryInfo").StartObject()
      .Key("CategoryId").String(category->category_id)
      .Key("ExtensionInfo").String(category->extension_info)
      .Key("DefaultName").String(category->default_name)
      .Key("DefaultDesc").String(category->default_desc)
      .EndObject().EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

ApiReply EditGiftCategory(const api::HandlerContext& context, const json::Value& body) {
  std::string category_id;
  storage::GiftCategory scratch;  // the fields are judged before the category's existence
  Status status = ReadCategoryId(body, &category_id);
  if (status.ok()) status = domain::ReadCategoryFields(json::Fields(body), /*adding=*/false, &scratch);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::GiftCategory> category =
      context.services.gifts->GetCategory(context.sdkappid, category_id);
  if (!category.ok()) return GiftStoreFailed(category.status());
  (void)domain::ReadCategoryFields(json::Fields(body), /*adding=*/false, &*category);  // checked above
  status = context.services.gifts->PutCategory(context.sdkappid, *category);
  return status.ok() ? ApiReply::Ok() : GiftStoreFailed(status);
}

ApiReply DelGiftCategory(const api::HandlerContext& context, const json::Value& body) {
  std::string category_id;
  Status status = ReadCategoryId(body, &category_id);
  if (!status.ok()) return Refused(kV4, status);
  status = context.services.gifts->DeleteCategory(context.sdkappid, category_id);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply AddGiftCategoryRelations(const api::HandlerContext& context, const json::Value& body) {
  std::string category_id;
  std::vector<std::string> gift_ids;
  ApiReply reply = ReadRelationRequest(context, body, &category_id, &gift_ids);
  if (!reply.ok()) return reply;
  // Ids that name no gift are reported, the others added.
  std::vector<std::string> valid, invalid;
  for (const std::string& gift_id : gift_ids) {
    StatusOr<storage::Gift> gift = context.services.gifts->GetGift(context.sdkappid, gift_id);
    if (!gift.ok() && !gift.status().IsNotFound()) return StoreFailed(kV4, gift.status());
    (gift.ok() ? valid : invalid).push_back(gift_id);
  }
  Status status = context.services.gifts->AddRelations(context.sdkappid, category_id, valid);
  if (!status.ok()) return StoreFailed(kV4, status);
  if (invalid.empty()) return ApiReply::Ok();
  json::Writer w;
  w.StartObject().Key("InvalidGiftIdList").StartArray();
  for (const std::string& gift_id : invalid) w.String(gift_id);
  w.EndArray().EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

ApiReply DelGiftCategoryRelations(const api::HandlerContext& context, const json::Value& body) {
  std::string category_id;
  std::vector<std::string> gift_ids;
  ApiReply reply = ReadRelationRequest(context, body, &category_id, &gift_ids);
  if (!reply.ok()) return reply;
  Status status = context.services.gifts->DeleteRelations(context.sdkappid, category_id, gift_ids);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply GetGiftCategoryRelations(const api::HandlerContext& context, const json::Value& body) {
  std::string category_id;
  Status status = ReadCategoryId(body, &category_id);
  if (!status.ok()) return Refused(kV4, status);
  storage::GiftStore& gifts = *context.services.gifts;
  StatusOr<storage::GiftCategory> category = gifts.GetCategory(context.sdkappid, category_id);
  if (!category.ok()) return GiftStoreFailed(category.status());
  StatusOr<std::vector<std::string>> related = gifts.Relations(context.sdkappid, category_id);
  if (!related.ok()) return StoreFailed(kV4, related.status());
  json::Writer w;
  w.StartObject().Key("Relation").StartObject().Key("CategoryId").String(category_id);
  w.Key("GiftIdList").StartArray();
  for (const std::string& gift_id : *related) w.String(gift_id);
  w.EndArray().EndObject().EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

}  // namespace trtc::handlers
