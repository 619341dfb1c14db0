#include "storage/call_record_store.h"

namespace trtc::storage {
namespace {

constexpr const char kColumns[] =
    "call_id, caller, callees, video, room_id, outcome, start_time, accept_time, end_time";

// Callees are stored as each id followed by a newline (ids never hold one: the
// simulated-call and seed rules refuse them).
std::string JoinLines(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text.append(item).push_back('\n');
  return text;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> items;
  size_t begin = 0;
  for (size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1) {
    items.push_back(text.substr(begin, end - begin));
  }
  return items;
}

// Reads the columns of kColumns, from column 0.
CallRecord ReadRecord(const Query& query, uint32_t sdkappid) {
  CallRecord record;
  record.sdkappid = sdkappid;
  record.call_id = query.ColumnText(0);
  record.caller = query.ColumnText(1);
  record.callees = SplitLines(query.ColumnText(2));
  record.video = query.ColumnInt(3) != 0;
  record.room_id = query.ColumnText(4);
  record.outcome = query.ColumnText(5);
  record.start_time = query.ColumnInt(6);
  record.accept_time = query.ColumnInt(7);
  record.end_time = query.ColumnInt(8);
  return record;
}

Status ReadAll(Query& query, uint32_t sdkappid, std::vector<CallRecord>* out) {
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    out->push_back(ReadRecord(query, sdkappid));
  }
}

}  // namespace

Status CallRecordStore::Put(const CallRecord& record) {
  return db_->Transaction([&] {
    return Query(db_,
                 "INSERT OR REPLACE INTO call_record (sdkappid, call_id, caller, callees, video, "
                 "room_id, outcome, is_group, start_time, accept_time, end_time) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .Bind(record.sdkappid)
        .Bind(record.call_id)
        .Bind(record.caller)
        .Bind(JoinLines(record.callees))
        .Bind(record.video ? 1 : 0)
        .Bind(record.room_id)
        .Bind(record.outcome)
        .Bind(record.group() ? 1 : 0)
        .Bind(record.start_time)
        .Bind(record.accept_time)
        .Bind(record.end_time)
        .Run();
  });
}

Status CallRecordStore::TrimApp(uint32_t sdkappid) {
  return db_->Transaction([&] {
    return Query(db_,
                 "DELETE FROM call_record WHERE sdkappid = ?1 AND call_id IN (SELECT call_id FROM "
                 "call_record WHERE sdkappid = ?1 ORDER BY start_time DESC, call_id "
                 "LIMIT -1 OFFSET ?2)")
        .Bind(sdkappid)
        .Bind(kCapacityPerApp)
        .Run();
  });
}

Status CallRecordStore::Record(const CallRecord& record) {
  return db_->Transaction([&] {
    Status status = Put(record);
    return status.ok() ? TrimApp(record.sdkappid) : status;
  });
}

StatusOr<CallRecord> CallRecordStore::Get(uint32_t sdkappid, const std::string& call_id) {
  return db_->WithLock([&]() -> StatusOr<CallRecord> {
    static const std::string kGetSql =
        std::string("SELECT ") + kColumns + " FROM call_record WHERE sdkappid = ? AND call_id = ?";
    Query query(db_, kGetSql.c_str());
    StatusOr<bool> row = query.Bind(sdkappid).Bind(call_id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no call record " + call_id);
    return ReadRecord(query, sdkappid);
  });
}

StatusOr<CallRecordPage> CallRecordStore::Find(uint32_t sdkappid, const CallRecordFilter& filter) {
  // One WHERE for the count and the page; the index (sdkappid, start_time DESC, call_id)
  // serves the range and the order.
#define TRTC_CALL_RECORD_MATCH                                                  \
  " FROM call_record WHERE sdkappid = ?1 AND start_time BETWEEN ?2 AND ?3 "     \
  "AND (?4 = '' OR outcome = ?4) AND (?5 < 0 OR is_group = ?5)"
  static const std::string kPageSql = std::string("SELECT ") + kColumns +
                                      TRTC_CALL_RECORD_MATCH
                                      " ORDER BY start_time DESC, call_id LIMIT ?6 OFFSET ?7";
  static constexpr const char kCountSql[] = "SELECT count(*)" TRTC_CALL_RECORD_MATCH;
#undef TRTC_CALL_RECORD_MATCH
  const int64_t group = filter.group ? (*filter.group ? 1 : 0) : -1;
  return db_->WithLock([&]() -> StatusOr<CallRecordPage> {
    CallRecordPage page;
    Query count(db_, kCountSql);
    StatusOr<bool> row = count.Bind(sdkappid)
                             .Bind(filter.min_start)
                             .Bind(filter.max_start)
                             .Bind(filter.outcome)
                             .Bind(group)
                             .Step();
    if (!row.ok()) return row.status();
    page.total = count.ColumnInt(0);
    if (page.total == 0) return page;
    Query list(db_, kPageSql.c_str());
    list.Bind(sdkappid)
        .Bind(filter.min_start)
        .Bind(filter.max_start)
        .Bind(filter.outcome)
        .Bind(group)
        .Bind(filter.limit)
        .Bind(filter.offset);
    Status status = ReadAll(list, sdkappid, &page.records);
    if (!status.ok()) return status;
    return page;
  });
}

StatusOr<std::vector<CallRecord>> CallRecordStore::List(uint32_t sdkappid) {
  return db_->WithLock([&]() -> StatusOr<std::vector<CallRecord>> {
    static const std::string kListSql = std::string("SELECT ") + kColumns +
                                        " FROM call_record WHERE sdkappid = ? ORDER BY "
                                        "start_time DESC, call_id";
    Query query(db_, kListSql.c_str());
    query.Bind(sdkappid);
    std::vector<CallRecord> records;
    Status status = ReadAll(query, sdkappid, &records);
    if (!status.ok()) return status;
    return records;
  });
}

Status CallRecordStore::DeleteApp(uint32_t sdkappid) {
  return db_->Transaction(
      [&] { return Query(db_, "DELETE FROM call_record WHERE sdkappid = ?").Bind(sdkappid).Run(); });
}

Status CallRecordStore::DeleteAll() {
  return db_->Transaction([&] { return Query(db_, "DELETE FROM call_record").Run(); });
}

}  // namespace trtc::storage
