#include "storage/gift_store.h"

#include <mutex>
#include <unordered_map>

namespace trtc::storage {
namespace {

#define GIFT_COLUMNS                                                                          \
  "gift_id, icon_url, resource_url, coins, level, extension_info, default_name, default_desc, " \
  "create_time"
#define CATEGORY_COLUMNS "category_id, extension_info, default_name, default_desc"

Gift ReadGift(const Query& query) {
  return Gift{query.ColumnText(0), query.ColumnText(1), query.ColumnText(2),
              query.ColumnInt(3),  query.ColumnInt(4),  query.ColumnText(5),
              query.ColumnText(6), query.ColumnText(7), query.ColumnInt(8)};
}

GiftCategory ReadCategory(const Query& query) {
  return GiftCategory{query.ColumnText(0), query.ColumnText(1), query.ColumnText(2),
                      query.ColumnText(3)};
}

// Every row of `query`, read by `read`.
template <typename T, typename Read>
StatusOr<std::vector<T>> Rows(Query& query, Read read) {
  std::vector<T> out;
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(read(query));
  }
}

std::string NoGift(std::string_view id) { return "gift \"" + std::string(id) + "\" does not exist"; }
std::string NoCategory(std::string_view id) {
  return "gift category \"" + std::string(id) + "\" does not exist";
}

// The language table of a gift or a category, and its id column.
const char* LanguageSql(LanguageOf of, const char* gift_sql, const char* category_sql) {
  return of == LanguageOf::kGift ? gift_sql : category_sql;
}

}  // namespace

struct GiftStore::Cache {
  // A bound for --auth off, where any SDKAppID may be asked for: past it, start afresh.
  static constexpr size_t kMaxEntries = 1024;
  std::mutex mu;
  std::unordered_map<uint32_t, std::shared_ptr<const Catalogue>> entries;
  uint64_t generation = 0;  // bumped by every Forget(): a read older than it is not kept
};

GiftStore::GiftStore(Database* db) : db_(db), cache_(std::make_unique<Cache>()) {}
GiftStore::~GiftStore() = default;

void GiftStore::Forget(std::optional<uint32_t> sdkappid) {
  std::lock_guard<std::mutex> lock(cache_->mu);
  ++cache_->generation;
  if (sdkappid) {
    cache_->entries.erase(*sdkappid);
  } else {
    cache_->entries.clear();
  }
}

StatusOr<std::shared_ptr<const GiftStore::Catalogue>> GiftStore::ReadCatalogue(uint32_t sdkappid) {
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(cache_->mu);
    if (auto found = cache_->entries.find(sdkappid); found != cache_->entries.end()) {
      return found->second;
    }
    generation = cache_->generation;
  }
  StatusOr<Catalogue> read = ReadCatalogueFromDatabase(sdkappid);
  if (!read.ok()) return read.status();
  auto catalogue = std::make_shared<const Catalogue>(std::move(*read));
  std::lock_guard<std::mutex> lock(cache_->mu);
  // A write since the read began may have changed what was read: answer it, do not keep it.
  if (cache_->generation == generation) {
    if (cache_->entries.size() >= Cache::kMaxEntries) cache_->entries.clear();
    cache_->entries[sdkappid] = catalogue;
  }
  return catalogue;
}

Status GiftStore::AddGift(uint32_t sdkappid, const Gift& gift) {
  return db_->Transaction([&]() -> Status {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    StatusOr<bool> added =
        Query(db_, "INSERT INTO gift (sdkappid, " GIFT_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT (sdkappid, gift_id) DO NOTHING RETURNING 1")
            .Bind(sdkappid).Bind(gift.gift_id).Bind(gift.icon_url).Bind(gift.resource_url)
            .Bind(gift.coins).Bind(gift.level).Bind(gift.extension_info).Bind(gift.default_name)
            .Bind(gift.default_desc).Bind(gift.create_time)
            .Step();
    if (!added.ok()) return added.status();
    return *added ? Status::Ok()
                  : Status::AlreadyExists("gift \"" + gift.gift_id + "\" already exists");
  });
}

StatusOr<Gift> GiftStore::GetGift(uint32_t sdkappid, std::string_view gift_id) {
  return db_->WithLock([&]() -> StatusOr<Gift> {
    Query query(db_, "SELECT " GIFT_COLUMNS " FROM gift WHERE sdkappid = ? AND gift_id = ?");
    StatusOr<bool> row = query.Bind(sdkappid).Bind(gift_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound(NoGift(gift_id));
    return ReadGift(query);
  });
}

Status GiftStore::PutGift(uint32_t sdkappid, const Gift& gift) {
  return db_->Transaction([&] {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    return Query(db_,
                 "UPDATE gift SET icon_url = ?, resource_url = ?, coins = ?, level = ?, "
                 "extension_info = ?, default_name = ?, default_desc = ? "
                 "WHERE sdkappid = ? AND gift_id = ? RETURNING 1")
        .Bind(gift.icon_url).Bind(gift.resource_url).Bind(gift.coins).Bind(gift.level)
        .Bind(gift.extension_info).Bind(gift.default_name).Bind(gift.default_desc)
        .Bind(sdkappid).Bind(gift.gift_id)
        .RequireRow(NoGift(gift.gift_id));
  });
}

Status GiftStore::DeleteGift(uint32_t sdkappid, std::string_view gift_id) {
  return db_->Transaction([&] {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    // Language rows and relations go with it (ON DELETE CASCADE); past events stay.
    return Query(db_, "DELETE FROM gift WHERE sdkappid = ? AND gift_id = ?")
        .Bind(sdkappid).Bind(gift_id).Run();
  });
}

StatusOr<std::vector<Gift>> GiftStore::Gifts(uint32_t sdkappid) {
  return db_->WithLock([&] {
    Query query(db_, "SELECT " GIFT_COLUMNS " FROM gift WHERE sdkappid = ? ORDER BY create_time, gift_id");
    return Rows<Gift>(query.Bind(sdkappid), ReadGift);
  });
}

Status GiftStore::AddCategory(uint32_t sdkappid, const GiftCategory& category) {
  return db_->Transaction([&]() -> Status {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    StatusOr<bool> added =
        Query(db_, "INSERT INTO gift_category (sdkappid, " CATEGORY_COLUMNS ", seq) "
                   "SELECT ?1, ?2, ?3, ?4, ?5, COALESCE(MAX(seq), 0) + 1 FROM gift_category "
                   "WHERE sdkappid = ?1 ON CONFLICT (sdkappid, category_id) DO NOTHING RETURNING 1")
            .Bind(sdkappid).Bind(category.category_id).Bind(category.extension_info)
            .Bind(category.default_name).Bind(category.default_desc)
            .Step();
    if (!added.ok()) return added.status();
    return *added ? Status::Ok()
                  : Status::AlreadyExists("gift category \"" + category.category_id + "\" already exists");
  });
}

StatusOr<GiftCategory> GiftStore::GetCategory(uint32_t sdkappid, std::string_view category_id) {
  return db_->WithLock([&]() -> StatusOr<GiftCategory> {
    Query query(db_, "SELECT " CATEGORY_COLUMNS " FROM gift_category WHERE sdkappid = ? AND category_id = ?");
    StatusOr<bool> row = query.Bind(sdkappid).Bind(category_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound(NoCategory(category_id));
    return ReadCategory(query);
  });
}

Status GiftStore::PutCategory(uint32_t sdkappid, const GiftCategory& category) {
  return db_->Transaction([&] {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    return Query(db_,
                 "UPDATE gift_category SET extension_info = ?, default_name = ?, default_desc = ? "
                 "WHERE sdkappid = ? AND category_id = ? RETURNING 1")
        .Bind(category.extension_info).Bind(category.default_name).Bind(category.default_desc)
        .Bind(sdkappid).Bind(category.category_id)
        .RequireRow(NoCategory(category.category_id));
  });
}

Status GiftStore::DeleteCategory(uint32_t sdkappid, std::string_view category_id) {
  return db_->Transaction([&] {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    return Query(db_, "DELETE FROM gift_category WHERE sdkappid = ? AND category_id = ?")
        .Bind(sdkappid).Bind(category_id).Run();
  });
}

StatusOr<std::vector<GiftCategory>> GiftStore::Categories(uint32_t sdkappid) {
  return db_->WithLock([&] {
    Query query(db_, "SELECT " CATEGORY_COLUMNS " FROM gift_category WHERE sdkappid = ? ORDER BY seq");
    return Rows<GiftCategory>(query.Bind(sdkappid), ReadCategory);
  });
}

StatusOr<int64_t> GiftStore::CategoryCount(uint32_t sdkappid) {
  return db_->WithLock([&]() -> StatusOr<int64_t> {
    Query query(db_, "SELECT COUNT(*) FROM gift_category WHERE sdkappid = ?");
    StatusOr<bool> row = query.Bind(sdkappid).Step();
    if (!row.ok()) return row.status();
    return query.ColumnInt(0);
  });
}

Status GiftStore::AddRelations(uint32_t sdkappid, std::string_view category_id,
                               const std::vector<std::string>& gift_ids) {
  return db_->Transaction([&]() -> Status {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    for (const std::string& gift_id : gift_ids) {
      Status status =
          Query(db_, "INSERT INTO gift_relation (sdkappid, category_id, gift_id, seq) "
                     "SELECT ?1, ?2, ?3, COALESCE(MAX(seq), 0) + 1 FROM gift_relation "
                     "WHERE sdkappid = ?1 AND category_id = ?2 "
                     "ON CONFLICT (sdkappid, category_id, gift_id) DO NOTHING")
              .Bind(sdkappid).Bind(category_id).Bind(gift_id)
              .Run();
      if (!status.ok()) return status;
    }
    return Status::Ok();
  });
}

Status GiftStore::DeleteRelations(uint32_t sdkappid, std::string_view category_id,
                                  const std::vector<std::string>& gift_ids) {
  return db_->Transaction([&]() -> Status {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    for (const std::string& gift_id : gift_ids) {
      Status status = Query(db_, "DELETE FROM gift_relation WHERE sdkappid = ? AND category_id = ? "
                                 "AND gift_id = ?")
                          .Bind(sdkappid).Bind(category_id).Bind(gift_id)
                          .Run();
      if (!status.ok()) return status;
    }
    return Status::Ok();
  });
}

StatusOr<std::vector<std::string>> GiftStore::Relations(uint32_t sdkappid,
                                                        std::string_view category_id) {
  return db_->WithLock([&] {
    Query query(db_, "SELECT gift_id FROM gift_relation WHERE sdkappid = ? AND category_id = ? "
                     "ORDER BY seq");
    return Rows<std::string>(query.Bind(sdkappid).Bind(category_id),
                             [](const Query& q) { return q.ColumnText(0); });
  });
}

StatusOr<std::optional<LanguageText>> GiftStore::GetLanguage(LanguageOf of, uint32_t sdkappid,
                                                             std::string_view id,
                                                             std::string_view language) {
  return db_->WithLock([&]() -> StatusOr<std::optional<LanguageText>> {
    Query query(db_, LanguageSql(of,
                                 "SELECT language, name, description FROM gift_language "
                                 "WHERE sdkappid = ? AND gift_id = ? AND language = ?",
                                 "SELECT language, name, description FROM gift_category_language "
                                 "WHERE sdkappid = ? AND category_id = ? AND language = ?"));
    StatusOr<bool> row = query.Bind(sdkappid).Bind(id).Bind(language).Step();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<LanguageText>();
    return std::optional<LanguageText>(
        LanguageText{query.ColumnText(0), query.ColumnText(1), query.ColumnText(2)});
  });
}

Status GiftStore::PutLanguage(LanguageOf of, uint32_t sdkappid, std::string_view id,
                              const LanguageText& text) {
  return db_->Transaction([&] {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    return Query(db_, LanguageSql(of,
                                  "INSERT INTO gift_language (sdkappid, gift_id, language, name, description) "
                                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sdkappid, gift_id, language) "
                                  "DO UPDATE SET name = excluded.name, description = excluded.description",
                                  "INSERT INTO gift_category_language (sdkappid, category_id, language, "
                                  "name, description) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sdkappid, "
                                  "category_id, language) DO UPDATE SET name = excluded.name, "
                                  "description = excluded.description"))
        .Bind(sdkappid).Bind(id).Bind(text.language).Bind(text.name).Bind(text.desc)
        .Run();
  });
}

Status GiftStore::DeleteLanguage(LanguageOf of, uint32_t sdkappid, std::string_view id,
                                 std::string_view language) {
  return db_->Transaction([&] {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    return Query(db_, LanguageSql(of,
                                  "DELETE FROM gift_language WHERE sdkappid = ? AND gift_id = ? "
                                  "AND language = ?",
                                  "DELETE FROM gift_category_language WHERE sdkappid = ? AND "
                                  "category_id = ? AND language = ?"))
        .Bind(sdkappid).Bind(id).Bind(language)
        .Run();
  });
}

StatusOr<std::vector<LanguageText>> GiftStore::Languages(LanguageOf of, uint32_t sdkappid,
                                                         std::string_view id) {
  return db_->WithLock([&] {
    Query query(db_, LanguageSql(of,
                                 "SELECT language, name, description FROM gift_language "
                                 "WHERE sdkappid = ? AND gift_id = ? ORDER BY language",
                                 "SELECT language, name, description FROM gift_category_language "
                                 "WHERE sdkappid = ? AND category_id = ? ORDER BY language"));
    return Rows<LanguageText>(query.Bind(sdkappid).Bind(id), [](const Query& q) {
      return LanguageText{q.ColumnText(0), q.ColumnText(1), q.ColumnText(2)};
    });
  });
}

StatusOr<GiftStore::Catalogue> GiftStore::ReadCatalogueFromDatabase(uint32_t sdkappid) {
  return db_->WithLock([&]() -> StatusOr<Catalogue> {
    Catalogue catalogue;
    {
      Query query(db_, "SELECT " GIFT_COLUMNS " FROM gift WHERE sdkappid = ? ORDER BY create_time, gift_id");
      StatusOr<std::vector<Gift>> gifts = Rows<Gift>(query.Bind(sdkappid), ReadGift);
      if (!gifts.ok()) return gifts.status();
      catalogue.gifts = std::move(*gifts);
    }
    {
      Query query(db_, "SELECT " CATEGORY_COLUMNS " FROM gift_category WHERE sdkappid = ? ORDER BY seq");
      StatusOr<std::vector<GiftCategory>> categories = Rows<GiftCategory>(query.Bind(sdkappid), ReadCategory);
      if (!categories.ok()) return categories.status();
      catalogue.categories = std::move(*categories);
    }
    struct Grouped {
      const char* sql;
      std::map<std::string, std::vector<LanguageText>, std::less<>>* into;
    };
    for (const Grouped& table :
         {Grouped{"SELECT gift_id, language, name, description FROM gift_language "
                  "WHERE sdkappid = ? ORDER BY gift_id, language",
                  &catalogue.gift_languages},
          Grouped{"SELECT category_id, language, name, description FROM gift_category_language "
                  "WHERE sdkappid = ? ORDER BY category_id, language",
                  &catalogue.category_languages}}) {
      Query query(db_, table.sql);
      query.Bind(sdkappid);
      for (;;) {
        StatusOr<bool> row = query.Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        (*table.into)[query.ColumnText(0)].push_back(
            {query.ColumnText(1), query.ColumnText(2), query.ColumnText(3)});
      }
    }
    Query relations(db_, "SELECT category_id, gift_id FROM gift_relation WHERE sdkappid = ? "
                         "ORDER BY category_id, seq");
    relations.Bind(sdkappid);
    for (;;) {
      StatusOr<bool> row = relations.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      catalogue.relations[relations.ColumnText(0)].push_back(relations.ColumnText(1));
    }
    return catalogue;
  });
}

Status GiftStore::SendGift(uint32_t sdkappid, std::string_view room_id, const Gift& gift,
                           int64_t count, std::string_view sender,
                           const std::vector<std::string>& receivers) {
  return db_->Transaction([&]() -> Status {
    Status status = Query(db_, "SELECT 1 FROM room WHERE sdkappid = ? AND room_id = ?")
                        .Bind(sdkappid).Bind(room_id)
                        .RequireRow("no room \"" + std::string(room_id) + "\"");
    if (!status.ok()) return status;
    Query known(db_, "SELECT 1 FROM gift_event WHERE sdkappid = ? AND room_id = ? AND sender = ? LIMIT 1");
    StatusOr<bool> sent_before = known.Bind(sdkappid).Bind(room_id).Bind(sender).Step();
    if (!sent_before.ok()) return sent_before.status();
    Query next(db_, "SELECT COALESCE(MAX(seq), 0) + 1 FROM gift_event WHERE sdkappid = ? AND room_id = ?");
    StatusOr<bool> row = next.Bind(sdkappid).Bind(room_id).Step();
    if (!row.ok()) return row.status();
    const int64_t seq = next.ColumnInt(0);
    for (const std::string& receiver : receivers) {
      status = Query(db_, "INSERT INTO gift_event (sdkappid, room_id, seq, receiver, sender, gift_id, "
                          "count, coins) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                   .Bind(sdkappid).Bind(room_id).Bind(seq).Bind(receiver).Bind(sender)
                   .Bind(gift.gift_id).Bind(count).Bind(gift.coins)
                   .Run();
      if (!status.ok()) return status;
    }
    const int64_t gifts = count * static_cast<int64_t>(receivers.size());
    return Query(db_, "UPDATE room SET total_gifts_sent = total_gifts_sent + ?, "
                      "total_gift_coins = total_gift_coins + ?, "
                      "total_unique_gift_senders = total_unique_gift_senders + ? "
                      "WHERE sdkappid = ? AND room_id = ?")
        .Bind(gifts).Bind(gifts * gift.coins).Bind(int64_t{*sent_before ? 0 : 1})
        .Bind(sdkappid).Bind(room_id)
        .Run();
  });
}

StatusOr<GiftCount> GiftStore::CountFor(uint32_t sdkappid, std::string_view room_id,
                                        std::string_view receiver) {
  return db_->WithLock([&]() -> StatusOr<GiftCount> {
    Status status = Query(db_, "SELECT 1 FROM room WHERE sdkappid = ? AND room_id = ?")
                        .Bind(sdkappid).Bind(room_id)
                        .RequireRow("no room \"" + std::string(room_id) + "\"");
    if (!status.ok()) return status;
    Query query(db_, "SELECT COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM(count * coins), 0), "
                     "COUNT(DISTINCT sender) FROM gift_event "
                     "WHERE sdkappid = ? AND room_id = ? AND receiver = ?");
    StatusOr<bool> row = query.Bind(sdkappid).Bind(room_id).Bind(receiver).Step();
    if (!row.ok()) return row.status();
    return GiftCount{query.ColumnInt(0), query.ColumnInt(1), query.ColumnInt(2), query.ColumnInt(3)};
  });
}

Status GiftStore::DeleteApp(uint32_t sdkappid) {
  return db_->Transaction([&]() -> Status {
    Forget(sdkappid);  // inside the write: no reader sees the old entry after it
    Status status = Query(db_, "DELETE FROM gift_category WHERE sdkappid = ?").Bind(sdkappid).Run();
    if (status.ok()) status = Query(db_, "DELETE FROM gift WHERE sdkappid = ?").Bind(sdkappid).Run();
    return status;
  });
}

Status GiftStore::DeleteAll() {
  return db_->Transaction([&]() -> Status {
    Forget(std::nullopt);  // inside the write: no reader sees the old entry after it
    Status status = Query(db_, "DELETE FROM gift_category").Run();
    if (status.ok()) status = Query(db_, "DELETE FROM gift").Run();
    return status;
  });
}

}  // namespace trtc::storage
