#include "server/domain/call_records.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace trtc::domain {
namespace {

// How one family names a filter's fields and spells its values.
struct FilterSpelling {
  std::string_view start, end, result, type, per_page, page;
  bool start_required;
  int default_per_page;
  std::optional<CallOutcome> (*outcome)(std::string_view);
  std::string_view single, group;
  // A result the family documents that no played call produces (v4 "Offline").
  std::string_view never_produced;
};

constexpr FilterSpelling kV4Filter = {"StartTime", "EndTime", "CallResult", "CallType",
                                      "NumberPerPage", "Page", false, 10, OutcomeFromV4Result,
                                      "SingleCall", "MultiCall", "Offline"};
constexpr FilterSpelling kV1Filter = {"startTimestamp", "endTimestamp", "callResult", "callType",
                                      "numberPerPage", "page", true, 100, OutcomeFromWord,
                                      "single", "group", ""};

StatusOr<storage::CallRecordFilter> ReadFilter(const FilterSpelling& spelling,
                                               const json::Value& body, int64_t now,
                                               int64_t* page) {
  json::Fields fields(body);
  const int64_t floor = now - kRecordWindowSeconds;
  int64_t start = floor, end = now, per_page = spelling.default_per_page;
  *page = 1;
  std::string result, type;
  Status status = spelling.start_required ? fields.Required(spelling.start, &start)
                                          : fields.Optional(spelling.start, &start);
  if (status.ok()) status = fields.Optional(spelling.end, &end);
  if (status.ok()) status = fields.Optional(spelling.result, &result);
  if (status.ok()) status = fields.Optional(spelling.type, &type);
  if (status.ok()) status = fields.Optional(spelling.per_page, &per_page);
  if (status.ok()) status = fields.Optional(spelling.page, page);
  if (!status.ok()) return status;
  // Compared as sent, before the window raises the start.
  if (end < start) {
    return Status::InvalidArgument(std::string(spelling.end) + " is earlier than " +
                                   std::string(spelling.start));
  }
  if (per_page < 1 || per_page > kMaxRecordsPerPage) {
    return Status::InvalidArgument(std::string(spelling.per_page) + " must be 1.." +
                                   std::to_string(kMaxRecordsPerPage));
  }
  if (*page < 1) return Status::InvalidArgument(std::string(spelling.page) + " must be 1 or more");
  storage::CallRecordFilter filter;
  filter.min_start = std::max(start, floor);
  filter.max_start = end;
  if (fields.Has(spelling.result)) {
    std::optional<CallOutcome> outcome = spelling.outcome(result);
    if (outcome) {
      filter.outcome = OutcomeWord(*outcome);
    } else if (result == spelling.never_produced && !result.empty()) {
      filter.outcome = "-";  // documented, never stored: matches nothing
    } else {
      return Status::InvalidArgument(std::string(spelling.result) + " \"" + result +
                                     "\" is not a call result");
    }
  }
  if (fields.Has(spelling.type)) {
    if (type != spelling.single && type != spelling.group) {
      return Status::InvalidArgument(std::string(spelling.type) + " must be " +
                                     std::string(spelling.single) + " or " +
                                     std::string(spelling.group));
    }
    filter.group = type == spelling.group;
  }
  filter.limit = per_page;
  filter.offset = (*page - 1) * per_page;
  return filter;
}

void WriteCallees(json::Writer& w, const storage::CallRecord& record) {
  w.StartArray();
  for (const std::string& callee : record.callees) w.String(callee);
  w.EndArray();
}

CallOutcome OutcomeOf(const storage::CallRecord& record) {
  return OutcomeFromWord(record.outcome).value_or(CallOutcome::kNormalEnd);
}

}  // namespace

storage::CallRecord RecordOfCall(const SimulatedCall& call, int64_t start_time,
                                 int64_t accept_time, int64_t end_time) {
  storage::CallRecord record;
  record.sdkappid = call.sdkappid;
  record.call_id = call.call_id;
  record.caller = call.caller;
  record.callees = call.callees;
  record.video = call.video;
  record.room_id = call.room_id;
  record.outcome = std::string(OutcomeWord(call.outcome));
  record.start_time = start_time;
  record.accept_time = accept_time;
  record.end_time = end_time;
  return record;
}

bool InRecordWindow(const storage::CallRecord& record, int64_t now) {
  return record.start_time >= now - kRecordWindowSeconds;
}

void WriteV4Record(json::Writer& w, const storage::CallRecord& record) {
  w.StartObject()
      .Key("CallId").String(record.call_id)
      .Key("Caller_Account").String(record.caller)
      .Key("MediaType").String(record.video ? "Video" : "Audio")
      .Key("CallType").String(record.group() ? "MultiCall" : "SingleCall")
      .Key("StartTime").Int(record.start_time)
      .Key("EndTime").Int(record.end_time)
      .Key("AcceptTime").Int(record.accept_time)
      .Key("CallResult").String(V4CallResult(OutcomeOf(record)))
      .Key("CalleeList_Account");
  WriteCallees(w, record);
  w.Key("RoomId").String(record.room_id)
      .Key("RoomIdType").Int(RoomIdType(record.room_id))
      .EndObject();
}

void WriteV1Record(json::Writer& w, const storage::CallRecord& record) {
  w.StartObject()
      .Key("callId").String(record.call_id)
      .Key("sdkAppId").Uint(record.sdkappid)
      .Key("mediaType").String(record.video ? "video" : "audio")
      .Key("roomId").String(record.room_id)
      .Key("startCallTs").Int(record.start_time)
      .Key("acceptTs").Int(record.accept_time)
      .Key("endTs").Int(record.end_time)
      .Key("caller").String(record.caller)
      .Key("totalUserNumber").Uint(static_cast<uint32_t>(1 + record.callees.size()))
      .Key("callType").String(record.group() ? "group" : "single")
      .Key("callResult").String(record.outcome)
      .Key("callees");
  WriteCallees(w, record);
  w.EndObject();
}

StatusOr<storage::CallRecordFilter> ReadV4RecordFilter(const json::Value& body, int64_t now,
                                                      int64_t* page) {
  return ReadFilter(kV4Filter, body, now, page);
}

StatusOr<storage::CallRecordFilter> ReadV1RecordFilter(const json::Value& body, int64_t now,
                                                      int64_t* page) {
  return ReadFilter(kV1Filter, body, now, page);
}

Status CheckCallRecord(const storage::CallRecord& record) {
  const std::optional<CallOutcome> outcome = OutcomeFromWord(record.outcome);
  if (!outcome) return Status::InvalidArgument("outcome \"" + record.outcome + "\" is not known");
  if (record.call_id.empty()) return Status::InvalidArgument("call_id must not be empty");
  if (record.caller.empty()) return Status::InvalidArgument("caller must not be empty");
  if (record.callees.empty() || record.callees.size() > kMaxCallees) {
    return Status::InvalidArgument("callees must hold 1.." + std::to_string(kMaxCallees) +
                                   " users");
  }
  for (const std::string& user : record.callees) {
    if (user.empty() || user.find('\n') != std::string::npos) {
      return Status::InvalidArgument("callees must be non-empty user ids without newlines");
    }
  }
  if (WasAccepted(*outcome)) {
    if (!(record.start_time <= record.accept_time && record.accept_time <= record.end_time) ||
        record.accept_time == 0) {
      return Status::InvalidArgument("start_time <= accept_time <= end_time is required, with "
                                     "accept_time set, for " + record.outcome);
    }
  } else {
    if (record.accept_time != 0) {
      return Status::InvalidArgument("accept_time must be 0 for " + record.outcome +
                                     " (never accepted)");
    }
    if (record.end_time < record.start_time) {
      return Status::InvalidArgument("end_time must not be earlier than start_time");
    }
  }
  return Status::Ok();
}

}  // namespace trtc::domain
