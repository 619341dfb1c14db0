// What the APIs of a live room's people share (api.md §10): running a change on the
// room's people in one transaction, taking a user off their seat, and the member and
// seat callbacks (§10.7). The control plane's audience uses them too.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/endpoint_table.h"
#include "server/common/json.h"
#include "storage/room_store.h"

namespace trtc::handlers {

// Runs `work` on the room's people: 100004 when there is no such room, 100001 when the
// store fails; a reply that is not OK rolls back everything `work` wrote.
using PeopleWork = std::function<api::ApiReply(const storage::RoomInfo& room, storage::RoomPeople& people)>;
api::ApiReply ChangePeople(const api::HandlerContext& context, std::string_view room_id,
                           const PeopleWork& work);
api::ApiReply ReadPeople(const api::HandlerContext& context, std::string_view room_id,
                         const PeopleWork& work);

// Takes `account` off the seat it sits on (its stream flags go with it; a lock stays).
// *changed tells whether it sat anywhere.
Status LeaveSeat(storage::RoomPeople& people, std::string_view account, bool* changed);

// [{"Index","Member_Account"?,"IsTakenDisabled","IsVideoDisabled","IsAudioDisabled"},…]
void WriteSeatList(json::Writer& w, const std::vector<storage::Seat>& seats);

// The member and seat callbacks, sent when the app subscribes them.
enum class MemberEvent { kEnter, kLeave, kKicked };
void SendMemberCallback(const api::Services& services, uint32_t sdkappid, std::string_view room_id,
                        MemberEvent event, const std::vector<std::string>& accounts);
// The full seat list after a change, read again from the store.
void SendSeatCallback(const api::Services& services, uint32_t sdkappid, std::string_view room_id);

}  // namespace trtc::handlers
