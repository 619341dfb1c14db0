#include "server/handlers/gift_event_handlers.h"

#include <string>
#include <vector>

#include "server/domain/chat_accounts.h"
#include "server/domain/gift_rules.h"
#include "server/domain/room_people_rules.h"
#include "server/domain/room_rules.h"
#include "server/handlers/gift_handlers.h"
#include "server/handlers/replies.h"
#include "storage/gift_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;

constexpr api::Family kV4 = api::Family::kV4;
constexpr int64_t kMaxGiftCount = 10000;    // per send (emulator choice)
constexpr size_t kMaxGiftReceivers = 20;

}  // namespace

ApiReply SendGift(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id, gift_id, sender;
  std::vector<std::string> receivers;
  int64_t count = 1;
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = fields.Required("GiftId", &gift_id);
  if (status.ok()) status = domain::CheckGiftId(gift_id, "GiftId");
  if (status.ok()) status = fields.Optional("Count", &count);
  if (status.ok() && (count < 1 || count > kMaxGiftCount)) {
    status = Status::InvalidArgument("Count must be an integer from 1 to 10000");
  }
  if (status.ok()) status = fields.Required("From_Account", &sender);
  if (status.ok() && !domain::IsValidUserId(sender)) {
    status = Status::InvalidArgument("From_Account must be 1 to 32 bytes");
  }
  if (status.ok()) {
    status = domain::ReadAccounts(fields, "ReceiverList_Account", 1, kMaxGiftReceivers, &receivers);
  }
  if (!status.ok()) return Refused(kV4, status);
  storage::GiftStore& gifts = *context.services.gifts;
  StatusOr<storage::Gift> gift = gifts.GetGift(context.sdkappid, gift_id);
  if (!gift.ok()) return GiftStoreFailed(gift.status());
  status = gifts.SendGift(context.sdkappid, room_id, *gift, count, sender, receivers);
  if (status.IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  return status.ok() ? ApiReply::Ok() : StoreFailed(kV4, status);
}

ApiReply GetGiftCount(const api::HandlerContext& context, const json::Value& body) {
  const json::Fields fields(body);
  std::string room_id, receiver;
  std::optional<int64_t> start_time, end_time;  // accepted and ignored
  Status status = domain::ReadRoomId(fields, &room_id);
  if (status.ok()) status = fields.Required("From_Account", &receiver);
  if (status.ok()) status = fields.Optional("StartTime", &start_time);
  if (status.ok()) status = fields.Optional("EndTime", &end_time);
  if (!status.ok()) return Refused(kV4, status);
  StatusOr<storage::GiftCount> got = context.services.gifts->CountFor(context.sdkappid, room_id, receiver);
  if (got.status().IsNotFound()) return ApiReply::Fail(api::v4::kRoomNotFound);
  if (!got.ok()) return StoreFailed(kV4, got.status());
  json::Writer w;
  w.StartObject()
      .Key("Sequence").Int(got->events)
      .Key("TotalCount").Int(got->total_count)
      .Key("TotalCoins").Int(got->total_coins)
      .Key("GiftSenderCount").Int(got->senders)
      .EndObject();
  return ApiReply::Ok(w.Take());
}

}  // namespace trtc::handlers
