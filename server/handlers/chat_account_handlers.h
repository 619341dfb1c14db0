// v4/im_open_login_svc/{account_import, multiaccount_import, account_check, account_delete}:
// the Chat accounts of an app (Chat pages 34953-34956). Chat's placement: results at the top
// level of the envelope; Chat's codes (70402, 70107, 40601).
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"

namespace trtc::handlers {

api::ApiReply AccountImport(const api::HandlerContext& context, const json::Value& body);
api::ApiReply MultiAccountImport(const api::HandlerContext& context, const json::Value& body);
api::ApiReply AccountCheck(const api::HandlerContext& context, const json::Value& body);
api::ApiReply AccountDelete(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
