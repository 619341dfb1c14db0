#include "server/handlers/call_record_handlers.h"

#include "server/domain/call_records.h"
#include "server/handlers/replies.h"
#include "storage/call_record_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using api::Family;

// How one family asks and answers; the flow is the same.
struct RecordApi {
  Family family;
  const char* call_id_field;
  StatusOr<storage::CallRecordFilter> (*read_filter)(const json::Value&, int64_t, int64_t*);
  void (*write_record)(json::Writer&, const storage::CallRecord&);
  const char* total_key;
  const char* page_key;
  const char* list_key;
};

constexpr RecordApi kV4 = {Family::kV4, "CallId", domain::ReadV4RecordFilter,
                           domain::WriteV4Record, "TotalNum", "Page", "CallRecordList"};
constexpr RecordApi kV1 = {Family::kV1, "callId", domain::ReadV1RecordFilter,
                           domain::WriteV1Record, "totalNum", "page", "callRecordList"};

ApiReply NoSuchRecord(const RecordApi& api) {
  return api.family == Family::kV4
             ? ApiReply::Fail(api::v4::kCallRecordNotFound)
             : ApiReply::Fail(api::v1::kInvalidParameter, "The call record does not exist");
}

ApiReply StoreFailed(const RecordApi& api, const Status& status) {
  return handlers::StoreFailed(api.family, status, api::v4::kCallRecordInternal);
}

ApiReply GetById(const RecordApi& api, const api::HandlerContext& context,
                 const json::Value& body) {
  std::string call_id;
  if (Status status = json::Fields(body).Required(api.call_id_field, &call_id); !status.ok()) {
    return Refused(api.family, status);
  }
  StatusOr<storage::CallRecord> record =
      context.services.call_records->Get(context.sdkappid, call_id);
  if (record.status().IsNotFound()) return NoSuchRecord(api);
  if (!record.ok()) return StoreFailed(api, record.status());
  // Older than the window: gone, as on the real service.
  if (!domain::InRecordWindow(*record, context.services.clock->NowSeconds())) {
    return NoSuchRecord(api);
  }
  json::Writer w;
  if (api.family == Family::kV4) w.StartObject().Key("CallRecord");
  api.write_record(w, *record);
  if (api.family == Family::kV4) w.EndObject();
  return ApiReply::Ok(w.Take());
}

ApiReply GetByFilter(const RecordApi& api, const api::HandlerContext& context,
                     const json::Value& body) {
  int64_t page = 1;
  StatusOr<storage::CallRecordFilter> filter =
      api.read_filter(body, context.services.clock->NowSeconds(), &page);
  if (!filter.ok()) return Refused(api.family, filter.status());
  StatusOr<storage::CallRecordPage> found =
      context.services.call_records->Find(context.sdkappid, *filter);
  if (!found.ok()) return StoreFailed(api, found.status());
  // A page past the last one is Page 0 with an empty list ("when Page > 0, there is data").
  json::Writer w(256 + 320 * found->records.size());
  w.StartObject()
      .Key(api.total_key).Int(found->total)
      .Key(api.page_key).Int(found->records.empty() ? 0 : page)
      .Key(api.list_key).StartArray();
  for (const storage::CallRecord& record : found->records) api.write_record(w, record);
  w.EndArray().EndObject();
  return ApiReply::Ok(w.Take());
}

}  // namespace

ApiReply GetRecordByCallId(const api::HandlerContext& context, const json::Value& body) {
  return GetById(kV4, context, body);
}
ApiReply GetRecordByFilter(const api::HandlerContext& context, const json::Value& body) {
  return GetByFilter(kV4, context, body);
}
ApiReply GetRecordByCallIdV1(const api::HandlerContext& context, const json::Value& body) {
  return GetById(kV1, context, body);
}
ApiReply GetRecordsByFilterV1(const api::HandlerContext& context, const json::Value& body) {
  return GetByFilter(kV1, context, body);
}

}  // namespace trtc::handlers
