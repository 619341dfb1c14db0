// CallRecordStore: the call records of TUICallKit's record APIs (v4/call_record_http_srv/*,
// v1/records/*): one per ended call, played or seeded. Plain values in and out; each
// family's spelling of a record is the handlers' business.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/common/status.h"
#include "storage/database.h"

namespace trtc::storage {

struct CallRecord {
  uint32_t sdkappid = 0;
  std::string call_id;
  std::string caller;
  std::vector<std::string> callees;
  bool video = false;
  std::string room_id;
  std::string outcome;  // the v1 status word: normal_end, reject, not_answer, cancel, ...
  int64_t start_time = 0;   // Unix seconds
  int64_t accept_time = 0;  // 0: never accepted
  int64_t end_time = 0;

  bool group() const { return callees.size() > 1; }
};

// Which records a page lists: start_time in [min_start, max_start], and the outcome and
// kind when given; newest first (start_time descending, then call_id).
struct CallRecordFilter {
  int64_t min_start = 0;
  int64_t max_start = 0;
  std::string outcome;        // empty: any
  std::optional<bool> group;  // unset: any
  int64_t offset = 0;
  int64_t limit = 10;
};

struct CallRecordPage {
  int64_t total = 0;  // every match, whatever the page
  std::vector<CallRecord> records;
};

class CallRecordStore {
 public:
  // The newest records kept per app; Record() and TrimApp() drop older ones.
  static constexpr int64_t kCapacityPerApp = 10000;

  explicit CallRecordStore(Database* db) : db_(db) {}

  // Stores a record (replacing one with the same call id) and trims its app.
  Status Record(const CallRecord& record);
  // Stores without trimming: for many at once (fixture seeds), then TrimApp() once.
  Status Put(const CallRecord& record);
  Status TrimApp(uint32_t sdkappid);
  // kNotFound when the app has no record with that id.
  StatusOr<CallRecord> Get(uint32_t sdkappid, const std::string& call_id);
  StatusOr<CallRecordPage> Find(uint32_t sdkappid, const CallRecordFilter& filter);
  // All of an app's records, newest first.
  StatusOr<std::vector<CallRecord>> List(uint32_t sdkappid);
  Status DeleteApp(uint32_t sdkappid);
  Status DeleteAll();

 private:
  Database* db_;
};

}  // namespace trtc::storage
