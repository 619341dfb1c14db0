// The gift catalogue of v4/live_engine_http_srv (api.md §12.3): gifts, categories, their
// relations and language rows, and the whole catalogue as get_gift_info_list answers it.
// The documented configuration APIs put their payload at the top level of the envelope;
// get_gift_info_list uses Response.
#pragma once

#include "server/api/endpoint_table.h"
#include "server/common/json.h"
#include "server/common/status.h"

namespace trtc::handlers {

// A gift store's failure as the family answers it: an unknown id, or an id taken on add,
// is a bad parameter (100002, naming it); anything else a storage failure (100001).
api::ApiReply GiftStoreFailed(const Status& status);

api::ApiReply AddGift(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetGift(const api::HandlerContext& context, const json::Value& body);
api::ApiReply EditGift(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DelGift(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetGiftInfoList(const api::HandlerContext& context, const json::Value& body);

api::ApiReply AddGiftCategory(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetGiftCategory(const api::HandlerContext& context, const json::Value& body);
api::ApiReply EditGiftCategory(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DelGiftCategory(const api::HandlerContext& context, const json::Value& body);
api::ApiReply AddGiftCategoryRelations(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DelGiftCategoryRelations(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetGiftCategoryRelations(const api::HandlerContext& context, const json::Value& body);

api::ApiReply SetGiftLanguage(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetGiftLanguage(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DelGiftLanguage(const api::HandlerContext& context, const json::Value& body);
api::ApiReply SetGiftCategoryLanguage(const api::HandlerContext& context, const json::Value& body);
api::ApiReply GetGiftCategoryLanguage(const api::HandlerContext& context, const json::Value& body);
api::ApiReply DelGiftCategoryLanguage(const api::HandlerContext& context, const json::Value& body);

}  // namespace trtc::handlers
