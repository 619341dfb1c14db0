// Call records (TUICallKit): v4/call_record_http_srv/* on the Chat REST host (TRTC pages
// 68930, 68931) and v1/records/* on the callkit host (pages 60137, 60136). One store,
// each family's spelling; only records that started within the last 7 days exist.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply GetRecordByCallId(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRecordByFilter(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRecordByCallIdV1(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetRecordsByFilterV1(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
