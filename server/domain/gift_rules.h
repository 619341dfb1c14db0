// The rules of the gift catalogue (api.md §12.2): ids, field limits, languages and the
// GiftIdList of the relation APIs. Pure: no IO. Every failure is kInvalidArgument or
// kWrongType naming the field (the APIs answer 100002).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/common/json.h"
#include "server/common/status.h"
#include "storage/gift_store.h"

namespace trtc::domain {

inline constexpr size_t kMaxGiftIdBytes = 20;        // GiftId and CategoryId (72845, 72848)
inline constexpr size_t kMaxGiftUrlBytes = 200;      // IconUrl, ResourceUrl
inline constexpr size_t kMaxGiftExtensionBytes = 100;
inline constexpr size_t kMaxGiftTextBytes = 20;      // gift names and descriptions, category names
inline constexpr size_t kMaxCategoryDescBytes = 60;
inline constexpr int64_t kMaxGiftCategories = 10;    // per app (LKM's cap; the pages say 3)
inline constexpr size_t kMaxGiftIdList = 100;
inline constexpr int64_t kMaxGiftNumber = 2147483647;  // Coins and Level

// The member names of a gift or category: the APIs' and the fixture seeds'.
struct GiftShape {
  const char* gift_id;
  const char* icon_url;
  const char* resource_url;
  const char* coins;
  const char* level;
  const char* extension_info;
  const char* default_name;
  const char* default_desc;
};
inline constexpr GiftShape kGiftApi{"GiftId", "IconUrl", "ResourceUrl", "Coins", "Level",
                                    "ExtensionInfo", "DefaultName", "DefaultDesc"};
inline constexpr GiftShape kGiftSeed{"gift_id", "icon_url", "resource_url", "coins", "level",
                                     "extension_info", "default_name", "default_desc"};
// A category's are the same names (category_id in gift_id's place).
inline constexpr GiftShape kCategoryApi{"CategoryId", "", "", "", "", "ExtensionInfo",
                                        "DefaultName", "DefaultDesc"};
inline constexpr GiftShape kCategorySeed{"category_id", "", "", "", "", "extension_info",
                                         "default_name", "default_desc"};

// A GiftId or CategoryId: 1..20 bytes.
Status CheckGiftId(std::string_view id, std::string_view field);
// Reads the gift fields of add_gift (`adding`: GiftId, Coins and DefaultName required) or
// edit_gift (only the fields present replace *gift's). GiftId is read on add only.
Status ReadGiftFields(const json::Fields& fields, bool adding, storage::Gift* gift,
                      const GiftShape& shape = kGiftApi);
// The same for add_gift_category / edit_gift_category.
Status ReadCategoryFields(const json::Fields& fields, bool adding, storage::GiftCategory* category,
                          const GiftShape& shape = kCategoryApi);
// "Language": exactly "en", "zh-Hans" or "zh-Hant".
Status ReadGiftLanguage(const json::Fields& fields, std::string* language);
bool IsGiftLanguage(std::string_view language);
// "GiftIdList": 1..100 ids, each once, in order.
Status ReadGiftIdList(const json::Fields& fields, std::vector<std::string>* ids);
// Reads a language row's texts for set_*_language: `name_field` is required the first
// time (`current` null), later only the fields present change.
Status ReadLanguageText(const json::Fields& fields, const char* name_field, const char* desc_field,
                        size_t max_desc, const storage::LanguageText* current,
                        storage::LanguageText* text);

}  // namespace trtc::domain
