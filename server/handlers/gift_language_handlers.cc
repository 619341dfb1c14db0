// The per-language texts of gifts and categories (set/get/del_gift_language,
// set/get/del_gift_category_language). One implementation serves both kinds; they differ
// in their id field, their text fields' names and the shape get answers.
#include <optional>
#include <string>

#include "server/domain/gift_rules.h"
#include "server/handlers/gift_handlers.h"
#include "server/handlers/replies.h"
#include "storage/gift_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::LanguageOf;

constexpr api::Family kV4 = api::Family::kV4;

// What tells a gift's language rows from a category's.
struct LanguageKind {
  LanguageOf of;
  const char* id_field;    // "GiftId" / "CategoryId"
  const char* name_field;  // "Name" / "CategoryName"
  const char* desc_field;  // "Desc" / "CategoryDesc"
  size_t max_desc;
  const char* get_key;     // get's top-level object: "GiftInfo" / "CategoryInfo"
};

constexpr LanguageKind kGiftKind{LanguageOf::kGift, "GiftId", "Name", "Desc",
                                 domain::kMaxGiftTextBytes, "GiftInfo"};
constexpr LanguageKind kCategoryKind{LanguageOf::kCategory, "CategoryId", "CategoryName",
                                     "CategoryDesc", domain::kMaxCategoryDescBytes, "CategoryInfo"};

// Reads the id and Language.
Status ReadIds(const LanguageKind& kind, const json::Value& body, std::string* id,
               std::string* language) {
  const json::Fields fields(body);
  Status status = fields.Required(kind.id_field, id);
  if (status.ok()) status = domain::CheckGiftId(*id, kind.id_field);
  if (status.ok()) status = domain::ReadGiftLanguage(fields, language);
  return status;
}

// Whether the gift or category exists: 100002 naming it when not.
ApiReply CheckExists(const api::HandlerContext& context, const LanguageKind& kind,
                     const std::string& id) {
  storage::GiftStore& gifts = *context.services.gifts;
  const Status exists = kind.of == LanguageOf::kGift
                            ? gifts.GetGift(context.sdkappid, id).status()
                            : gifts.GetCategory(context.sdkappid, id).status();
  return exists.ok() ? ApiReply::Ok() : GiftStoreFailed(exists);
}

// Reads the id and Language, and checks that the gift or category exists.
ApiReply ReadTarget(const api::HandlerContext& context, const LanguageKind& kind,
                    const json::Value& body, std::string* id, std::string* language) {
  Status status = ReadIds(kind, body, id, language);
  if (!status.ok()) return Refused(kV4, status);
  return CheckExists(context, kind, *id);
}

ApiReply SetLanguage(const api::HandlerContext& context, const LanguageKind& kind,
                     const json::Value& body) {
  std::string id, language;
  const json::Fields fields(body);
  // The texts' types and limits are judged before the target's existence.
  const storage::LanguageText any;
  storage::LanguageText text;
  Status status = ReadIds(kind, body, &id, &language);
  if (status.ok()) {
    status = domain::ReadLanguageText(fields, kind.name_field, kind.desc_field, kind.max_desc,
                                      &any, &text);
  }
  if (!status.ok()) return Refused(kV4, status);
  ApiReply reply = CheckExists(context, kind, id);
  if (!reply.ok()) return reply;
  StatusOr<std::optional<storage::LanguageText>> current =
      context.services.gifts->GetLanguage(kind.of, context.sdkappid, id, language);
  if (!current.ok()) return StoreFailed(kV4, current.status());
  // The first time, the name is required; later only the fields present change.
  status = domain::ReadLanguageText(fields, kind.name_field, kind.desc_field, kind.max_desc,
                                    current->has_value() ? &**current : nullptr, &text);
  if (!status.ok()) return Refused(kV4, status);
  text.language = language;
  status = context.services.gifts->PutLanguage(kind.of, context.sdkappid, id, text);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

// Both shapes: the page's top-level object, and Response.Language as LiveKit's manager
// (main branch) reads it. A language never set answers "" texts.
ApiReply GetLanguage(const api::HandlerContext& context, const LanguageKind& kind,
                     const json::Value& body) {
  std::string id, language;
  ApiReply reply = ReadTarget(context, kind, body, &id, &language);
  if (!reply.ok()) return reply;
  StatusOr<std::optional<storage::LanguageText>> row =
      context.services.gifts->GetLanguage(kind.of, context.sdkappid, id, language);
  if (!row.ok()) return StoreFailed(kV4, row.status());
  const storage::LanguageText text = row->value_or(storage::LanguageText{language, "", ""});
  json::Writer w;
  w.StartObject().Key(kind.get_key).StartObject();
  w.Key(kind.name_field).String(text.name).Key(kind.desc_field).String(text.desc).EndObject();
  w.Key("Response").StartObject().Key("Language").StartObject().Key("Language").String(language);
  w.Key(kind.name_field).String(text.name).Key(kind.desc_field).String(text.desc);
  w.EndObject().EndObject().EndObject();
  return ApiReply::OkTopLevel(w.Take());
}

ApiReply DelLanguage(const api::HandlerContext& context, const LanguageKind& kind,
                     const json::Value& body) {
  std::string id, language;
  ApiReply reply = ReadTarget(context, kind, body, &id, &language);
  if (!reply.ok()) return reply;
  Status status = context.services.gifts->DeleteLanguage(kind.of, context.sdkappid, id, language);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

}  // namespace

ApiReply SetGiftLanguage(const api::HandlerContext& context, const json::Value& body) {
  return SetLanguage(context, kGiftKind, body);
}
ApiReply GetGiftLanguage(const api::HandlerContext& context, const json::Value& body) {
  return GetLanguage(context, kGiftKind, body);
}
ApiReply DelGiftLanguage(const api::HandlerContext& context, const json::Value& body) {
  return DelLanguage(context, kGiftKind, body);
}
ApiReply SetGiftCategoryLanguage(const api::HandlerContext& context, const json::Value& body) {
  return SetLanguage(context, kCategoryKind, body);
}
ApiReply GetGiftCategoryLanguage(const api::HandlerContext& context, const json::Value& body) {
  return GetLanguage(context, kCategoryKind, body);
}
ApiReply DelGiftCategoryLanguage(const api::HandlerContext& context, const json::Value& body) {
  return DelLanguage(context, kCategoryKind, body);
}

}  // namespace trtc::handlers
