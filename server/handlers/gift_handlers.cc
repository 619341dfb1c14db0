// Gifts and the whole catalogue (add_gift, get_gift, edit_gift, del_gift, get_gift_info_list).
#include "server/handlers/gift_handlers.h"

#include <map>
#include <string>
#include <vector>

#include "server/domain/gift_rules.h"
#include "server/handlers/replies.h"
#include "storage/gift_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
constexpr api::Family kV4 = api::Family::kV4;

// The GiftId of get_gift and del_gift.
Status ReadGiftId(const json::Value& body, std::string* gift_id) {
  Status status = json::Fields(body).Required("GiftId", gift_id);
  return status.ok() ? domain::CheckGiftId(*gift_id, "GiftId") : status;
}

// A language's text where set, else the defaults (72844's rule for lists).
const storage::LanguageText* InLanguage(const std::vector<storage::LanguageText>& rows,
                                        std::string_view language) {
  for (const storage::LanguageText& row : rows) {
    if (row.language == language) return &row;
  }
  return nullptr;
}

void WriteLanguageList(json::Writer& w, const std::vector<storage::LanguageText>& rows,
                       const char* name_key, const char* desc_key) {
  w.StartArray();
  for (const storage::LanguageText& row : rows) {
    w.StartObject().Key("Language").String(row.language).Key(name_key).String(row.name);
    w.Key(desc_key).String(row.desc).EndObject();
  }
  w.EndArray();
}

}  // namespace

ApiReply GiftStoreFailed(const Status& status) {
  if (status.IsNotFound() || status.IsAlreadyExists()) {
    return Refused(kV4, Status::InvalidArgument(status.message()));
  }
  return StoreFailed(kV4, status);
}

ApiReply AddGift(const api::HandlerContext& context, const json::Value& body) {
  storage::Gift gift;
  Status status = domain::ReadGiftFields(json::Fields(body), /*adding=*/true, &gift);
  if (!status.ok()) return Refused(kV4, status);
  gift.create_time = context.services.clock->NowSeconds();
  status = context.services.gifts->AddGift(context.sdkappid, gift);
  return status.ok() ? ApiReply::Ok() : GiftStoreFailed(status);
}

ApiReply GetGift(const api::HandlerContext& context, const json::Value& body) {
  std::string gift_id;
  Status status = ReadGiftId(body, &gift_id);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::Gift> gift = context.services.gifts->GetGift(context.sdkappid, gift_id);
  if (!gift.ok()) return GiftStoreFailed(gift.status());
  json::Writer w;
  w.StartObject().Key("GiftInfo").StartObject()
      .Key("GiftId").String(gift->gift_id)
      .Key("IconUrl").String(gift->icon_url)
      .Key("ResourceUrl").String(gift->resource_url)
      .Key("Coins").Int(gift->coins)
      .Key("Level").Int(gift->level)
      .Key("ExtensionInfo").String(gift->extension_info)
      .Key("DefaultName").String(gift->default_name)
      .Key("DefaultDesc").String(gift->default_desc)
      .EndObject().EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

ApiReply EditGift(const api::HandlerContext& context, const json::Value& body) {
  std::string gift_id;
  storage::Gift scratch;  // the fields are judged before the gift's existence
  Status status = ReadGiftId(body, &gift_id);
  if (status.ok()) status = domain::ReadGiftFields(json::Fields(body), /*adding=*/false, &scratch);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::Gift> gift = context.services.gifts->GetGift(context.sdkappid, gift_id);
  if (!gift.ok()) return GiftStoreFailed(gift.status());
  (void)domain::ReadGiftFields(json::Fields(body), /*adding=*/false, &*gift);  // cannot fail: checked above
  status = context.services.gifts->PutGift(context.sdkappid, *gift);
  return status.ok() ? ApiReply::Ok() : GiftStoreFailed(status);
}

ApiReply DelGift(const api::HandlerContext& context, const json::Value& body) {
  std::string gift_id;
  Status status = ReadGiftId(body, &gift_id);
  if (!status.ok()) return Refused(kV4, status);
  status = context.services.gifts->DeleteGift(context.sdkappid, gift_id);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply GetGiftInfoList(const api::HandlerContext& context, const json::Value& body) {
  // Language is optional; an unknown one gives the defaults and is not an error.
  std::optional<std::string_view> language;
  Status status = json::Fields(body).Optional("Language", &language);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<std::shared_ptr<const storage::GiftStore::Catalogue>> read =
      context.services.gifts->ReadCatalogue(context.sdkappid);
  if (!read.ok()) return StoreFailed(kV4, read.status());
  const storage::GiftStore::Catalogue* catalogue = read->get();
  const std::string_view wanted = language.value_or("");
  static const std::vector<storage::LanguageText> kNone;
  auto rows_of = [](const auto& by_id, std::string_view id) -> const std::vector<storage::LanguageText>& {
    auto found = by_id.find(id);
    return found == by_id.end() ? kNone : found->second;
  };
  json::Writer w(256 + 512 * catalogue->gifts.size());
  w.StartObject().Key("GiftList").StartArray();
  for (const storage::Gift& gift : catalogue->gifts) {
    const std::vector<storage::LanguageText>& rows = rows_of(catalogue->gift_languages, gift.gift_id);
    const storage::LanguageText* text = InLanguage(rows, wanted);
    w.StartObject()
        .Key("GiftId").String(gift.gift_id)
        .Key("Name").String(text ? text->name : gift.default_name)
        .Key("Desc").String(text ? text->desc : gift.default_desc)
        .Key("IconUrl").String(gift.icon_url)
        .Key("ResourceUrl").String(gift.resource_url)
        .Key("Coins").Int(gift.coins)
        .Key("Level").Int(gift.level)
        .Key("ExtensionInfo").String(gift.extension_info)
        .Key("CreateTime").Int(gift.create_time)
        .Key("LanguageList");
    WriteLanguageList(w, rows, "Name", "Desc");
    w.EndObject();
  }
  w.EndArray().Key("CategoryList").StartArray();
  for (const storage::GiftCategory& category : catalogue->categories) {
    const std::vector<storage::LanguageText>& rows =
        rows_of(catalogue->category_languages, category.category_id);
    const storage::LanguageText* text = InLanguage(rows, wanted);
    w.StartObject()
        .Key("CategoryId").String(category.category_id)
        .Key("CategoryName").String(text ? text->name : category.default_name)
        .Key("CategoryDesc").String(text ? text->desc : category.default_desc)
        .Key("CategoryExtension").String(category.extension_info)
        .Key("GiftIdList").StartArray();
    if (auto related = catalogue->relations.find(category.category_id);
        related != catalogue->relations.end()) {
      for (const std::string& gift_id : related->second) w.String(gift_id);
    }
    w.EndArray().Key("LanguageList");
    WriteLanguageList(w, rows, "CategoryName", "CategoryDesc");
    w.EndObject();
  }
  w.EndArray().Key("TotalCount").Int(static_cast<int64_t>(catalogue->gifts.size())).EndObject();
  return ApiReply::Ok(w.Take());
}

}  // namespace trtc::handlers
