// Call records (TUICallKit, TRTC pages 68930, 68931, 60136, 60137): how each family spells
// a record, how a filter request reads, and which records exist at all (the 7-day window).
// Pure: the clock's now comes in as a number.
#pragma once

#include <cstdint>
#include <string>

#include "server/common/json.h"
#include "server/common/status.h"
#include "server/domain/simulated_call.h"
#include "storage/call_record_store.h"

namespace trtc::domain {

// Records are answered only while they started within the last 7 days.
inline constexpr int64_t kRecordWindowSeconds = 7 * 86400;
inline constexpr int kMaxRecordsPerPage = 100;
inline constexpr size_t kMaxCallees = 50;

// The record of a call played to its end.
storage::CallRecord RecordOfCall(const SimulatedCall& call, int64_t start_time,
                                 int64_t accept_time, int64_t end_time);

// Whether `record` is inside the window at `now` (Unix seconds).
bool InRecordWindow(const storage::CallRecord& record, int64_t now);

// A record as each family's APIs (and the v4 end-of-call callback) write it.
void WriteV4Record(json::Writer& w, const storage::CallRecord& record);
void WriteV1Record(json::Writer& w, const storage::CallRecord& record);

// A filter request (v4 get_record_by_filter, v1 get_records_by_filter) as a store filter
// at `now`; the page number asked for goes to *page. kInvalidArgument / kWrongType name
// the field.
StatusOr<storage::CallRecordFilter> ReadV4RecordFilter(const json::Value& body, int64_t now,
                                                      int64_t* page);
StatusOr<storage::CallRecordFilter> ReadV1RecordFilter(const json::Value& body, int64_t now,
                                                      int64_t* page);

// The rules a seeded record keeps (emulator README "Fixtures": call_records).
Status CheckCallRecord(const storage::CallRecord& record);

}  // namespace trtc::domain
