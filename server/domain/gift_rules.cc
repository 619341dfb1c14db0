#include "server/domain/gift_rules.h"

#include <algorithm>

namespace trtc::domain {
namespace {

Status TooLong(const json::Fields& fields, std::string_view name, size_t max) {
  return Status::InvalidArgument(fields.Name(name) + " must be at most " + std::to_string(max) +
                                 " bytes");
}

// An optional string member of at most `max` bytes into *out (untouched when absent);
// `required` makes it required.
Status ReadText(const json::Fields& fields, std::string_view name, size_t max, bool required,
                std::string* out) {
  std::optional<std::string_view> value;
  Status status = fields.Optional(name, &value);
  if (!status.ok()) return status;
  if (!value) return required ? Status::InvalidArgument(fields.Name(name) + " is required") : status;
  if (value->size() > max) return TooLong(fields, name, max);
  out->assign(*value);
  return status;
}

// ExtensionInfo: at most 100 bytes, "" (none) or a JSON object's text.
Status ReadExtension(const json::Fields& fields, std::string_view name, std::string* out) {
  if (!fields.Has(name)) return Status::Ok();
  std::string value;
  Status status = ReadText(fields, name, kMaxGiftExtensionBytes, false, &value);
  if (!status.ok()) return status;
  json::Body parsed;
  if (!value.empty() && !parsed.Parse(value, name).ok()) {
    return Status::InvalidArgument(fields.Name(name) + " must be \"\" or a JSON object's text");
  }
  *out = std::move(value);
  return status;
}

// An integer member from 0 to 2147483647.
Status ReadNumber(const json::Fields& fields, std::string_view name, bool required, int64_t* out) {
  std::optional<int64_t> value;
  Status status = fields.Optional(name, &value);
  if (!status.ok()) return status;
  if (!value) return required ? Status::InvalidArgument(fields.Name(name) + " is required") : status;
  if (*value < 0 || *value > kMaxGiftNumber) {
    return Status::InvalidArgument(fields.Name(name) + " must be an integer from 0 to 2147483647");
  }
  *out = *value;
  return status;
}

}  // namespace

Status CheckGiftId(std::string_view id, std::string_view field) {
  if (id.empty() || id.size() > kMaxGiftIdBytes) {
    return Status::InvalidArgument(std::string(field) + " must be 1 to 20 bytes");
  }
  return Status::Ok();
}

Status ReadGiftFields(const json::Fields& fields, bool adding, storage::Gift* gift,
                      const GiftShape& shape) {
  Status status = Status::Ok();
  if (adding) {
    status = fields.Required(shape.gift_id, &gift->gift_id);
    if (status.ok()) status = CheckGiftId(gift->gift_id, fields.Name(shape.gift_id));
  }
  if (status.ok()) status = ReadText(fields, shape.icon_url, kMaxGiftUrlBytes, false, &gift->icon_url);
  if (status.ok()) {
    status = ReadText(fields, shape.resource_url, kMaxGiftUrlBytes, false, &gift->resource_url);
  }
  if (status.ok()) status = ReadNumber(fields, shape.coins, adding, &gift->coins);
  if (status.ok()) status = ReadNumber(fields, shape.level, false, &gift->level);
  if (status.ok()) status = ReadExtension(fields, shape.extension_info, &gift->extension_info);
  if (status.ok()) {
    status = ReadText(fields, shape.default_name, kMaxGiftTextBytes, adding, &gift->default_name);
  }
  if (status.ok()) {
    status = ReadText(fields, shape.default_desc, kMaxGiftTextBytes, false, &gift->default_desc);
  }
  return status;
}

Status ReadCategoryFields(const json::Fields& fields, bool adding, storage::GiftCategory* category,
                          const GiftShape& shape) {
  Status status = Status::Ok();
  if (adding) {
    status = fields.Required(shape.gift_id, &category->category_id);
    if (status.ok()) status = CheckGiftId(category->category_id, fields.Name(shape.gift_id));
  }
  if (status.ok()) status = ReadExtension(fields, shape.extension_info, &category->extension_info);
  if (status.ok()) {
    status = ReadText(fields, shape.default_name, kMaxGiftTextBytes, adding, &category->default_name);
  }
  if (status.ok()) {
    status = ReadText(fields, shape.default_desc, kMaxCategoryDescBytes, false, &category->default_desc);
  }
  return status;
}

bool IsGiftLanguage(std::string_view language) {
  return language == "en" || language == "zh-Hans" || language == "zh-Hant";
}

Status ReadGiftLanguage(const json::Fields& fields, std::string* language) {
  Status status = fields.Required("Language", language);
  if (status.ok() && !IsGiftLanguage(*language)) {
    return Status::InvalidArgument("Language must be \"en\", \"zh-Hans\" or \"zh-Hant\"");
  }
  return status;
}

Status ReadGiftIdList(const json::Fields& fields, std::vector<std::string>* ids) {
  std::vector<std::string> list;
  Status status = fields.Required("GiftIdList", &list);
  if (!status.ok()) return status;
  if (list.empty() || list.size() > kMaxGiftIdList) {
    return Status::InvalidArgument("GiftIdList must hold 1 to 100 GiftIds");
  }
  ids->clear();
  for (std::string& id : list) {
    status = CheckGiftId(id, "each GiftId of GiftIdList");
    if (!status.ok()) return status;
    if (std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(std::move(id));
  }
  return status;
}

Status ReadLanguageText(const json::Fields& fields, const char* name_field, const char* desc_field,
                        size_t max_desc, const storage::LanguageText* current,
                        storage::LanguageText* text) {
  if (current != nullptr) *text = *current;
  Status status = ReadText(fields, name_field, kMaxGiftTextBytes, current == nullptr, &text->name);
  if (status.ok()) status = ReadText(fields, desc_field, max_desc, false, &text->desc);
  return status;
}

}  // namespace trtc::domain
