// GiftStore: the gift catalogue of each app (TUILiveKit gift pages 72844-72859) — gifts,
// categories, their per-language texts and the category -> gift relations — and the gift
// events sent into rooms (send_gift, 72556), which feed get_gift_count and the room's
// counters. Plain values in and out; the rules are domain/gift_rules.h's.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/common/status.h"
#include "storage/database.h"

namespace trtc::storage {

struct Gift {
  std::string gift_id;
  std::string icon_url;
  std::string resource_url;
  int64_t coins = 0;
  int64_t level = 0;
  std::string extension_info;
  std::string default_name;
  std::string default_desc;
  int64_t create_time = 0;  // Unix seconds of the emulator clock at add_gift
  bool operator==(const Gift&) const = default;
};

struct GiftCategory {
  std::string category_id;
  std::string extension_info;
  std::string default_name;
  std::string default_desc;
  bool operator==(const GiftCategory&) const = default;
};

// A gift's (Name, Desc) or a category's (CategoryName, CategoryDesc) in one language.
struct LanguageText {
  std::string language;
  std::string name;
  std::string desc;
  bool operator==(const LanguageText&) const = default;
};

// What one receiver got in one room (get_gift_count).
struct GiftCount {
  int64_t events = 0;       // Sequence
  int64_t total_count = 0;
  int64_t total_coins = 0;
  int64_t senders = 0;      // distinct
};

enum class LanguageOf { kGift, kCategory };

class GiftStore {
 public:
  explicit GiftStore(Database* db);
  ~GiftStore();

  // kAlreadyExists when the id is taken.
  Status AddGift(uint32_t sdkappid, const Gift& gift);
  // kNotFound for an unknown id.
  StatusOr<Gift> GetGift(uint32_t sdkappid, std::string_view gift_id);
  // Replaces a gift's fields (create_time kept); kNotFound for an unknown id.
  Status PutGift(uint32_t sdkappid, const Gift& gift);
  // Deletes a gift with its language rows and relations (OK when there is none).
  Status DeleteGift(uint32_t sdkappid, std::string_view gift_id);
  // Every gift of the app by create_time, then gift_id.
  StatusOr<std::vector<Gift>> Gifts(uint32_t sdkappid);

  Status AddCategory(uint32_t sdkappid, const GiftCategory& category);
  StatusOr<GiftCategory> GetCategory(uint32_t sdkappid, std::string_view category_id);
  Status PutCategory(uint32_t sdkappid, const GiftCategory& category);
  Status DeleteCategory(uint32_t sdkappid, std::string_view category_id);
  // In creation order.
  StatusOr<std::vector<GiftCategory>> Categories(uint32_t sdkappid);
  StatusOr<int64_t> CategoryCount(uint32_t sdkappid);

  // Appends the gifts not yet related, in order; the category must exist.
  Status AddRelations(uint32_t sdkappid, std::string_view category_id,
                      const std::vector<std::string>& gift_ids);
  Status DeleteRelations(uint32_t sdkappid, std::string_view category_id,
                         const std::vector<std::string>& gift_ids);
  // The category's gifts in relation order.
  StatusOr<std::vector<std::string>> Relations(uint32_t sdkappid, std::string_view category_id);

  // One language row of a gift or category: nullopt when never set.
  StatusOr<std::optional<LanguageText>> GetLanguage(LanguageOf of, uint32_t sdkappid,
                                                    std::string_view id, std::string_view language);
  Status PutLanguage(LanguageOf of, uint32_t sdkappid, std::string_view id, const LanguageText& text);
  Status DeleteLanguage(LanguageOf of, uint32_t sdkappid, std::string_view id,
                        std::string_view language);
  // Every language row of a gift or category, by language.
  StatusOr<std::vector<LanguageText>> Languages(LanguageOf of, uint32_t sdkappid, std::string_view id);
  // The whole catalogue at one moment, for get_gift_info_list: one query per table.
  struct Catalogue {
    std::vector<Gift> gifts;                   // by create_time, then gift_id
    std::vector<GiftCategory> categories;      // in creation order
    std::map<std::string, std::vector<LanguageText>, std::less<>> gift_languages;      // by id
    std::map<std::string, std::vector<LanguageText>, std::less<>> category_languages;  // by id
    std::map<std::string, std::vector<std::string>, std::less<>> relations;  // category -> gifts
  };
  // Served from a read-through cache that every catalogue write drops (the configuration
  // APIs allow one call a second; get_gift_info_list 200): the answer is shared, not copied.
  StatusOr<std::shared_ptr<const Catalogue>> ReadCatalogue(uint32_t sdkappid);

  // Records `count` of `gift` (at `coins` each) from `sender` to each receiver in the room,
  // and adds them to the room's counters (gifts, coins, distinct senders). The room must
  // exist (kNotFound otherwise). One transaction.
  Status SendGift(uint32_t sdkappid, std::string_view room_id, const Gift& gift, int64_t count,
                  std::string_view sender, const std::vector<std::string>& receivers);
  // What `receiver` got in the room; kNotFound when there is no such room.
  StatusOr<GiftCount> CountFor(uint32_t sdkappid, std::string_view room_id, std::string_view receiver);

  // Removes the catalogue of one app / every app (reset; events go with their rooms).
  Status DeleteApp(uint32_t sdkappid);
  Status DeleteAll();

 private:
  struct Cache;
  // Drops the cached catalogue of one app (all apps when empty); called inside each write.
  void Forget(std::optional<uint32_t> sdkappid);
  StatusOr<Catalogue> ReadCatalogueFromDatabase(uint32_t sdkappid);

  Database* db_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace trtc::storage
