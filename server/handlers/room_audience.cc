#include "server/handlers/room_audience.h"

#include "server/handlers/room_people_common.h"
#include "storage/account_store.h"
#include "storage/room_store.h"

namespace trtc::handlers {

StatusOr<AudienceChange> ChangeAudience(const api::Services& services, uint32_t sdkappid,
                                        std::string_view room_id,
                                        const std::vector<std::string>& join,
                                        const std::vector<std::string>& leave) {
  const int64_t now = services.clock->NowSeconds();
  AudienceChange change;
  bool seats_changed = false;
  Status status = services.rooms->ChangePeople(
      sdkappid, room_id, [&](const storage::RoomInfo& room, storage::RoomPeople& people) -> Status {
        for (const std::string& account : join) {
          StatusOr<std::optional<int64_t>> banned =
              people.RestrictedUntil(storage::RestrictionKind::kBan, account, now);
          if (!banned.ok()) return banned.status();
          if (*banned) {
            return Status::FailedPrecondition("\"" + account + "\" is banned from room \"" +
                                              std::string(room_id) + "\" until " +
                                              std::to_string(**banned));
          }
          StatusOr<bool> added = people.AddMember(account, /*robot=*/false);
          if (!added.ok()) return added.status();
          if (*added) change.joined.push_back(account);
        }
        if (room.max_member_count > 0 && !change.joined.empty()) {
          StatusOr<int64_t> count = people.MemberCount();
          if (!count.ok()) return count.status();
          if (*count > room.max_member_count) {
            return Status::FailedPrecondition("room \"" + std::string(room_id) +
                                              "\" is full: MaxMemberCount is " +
                                              std::to_string(room.max_member_count));
          }
        }
        std::vector<storage::AccountImport> imports;
        for (const std::string& account : change.joined) imports.push_back({account, {}});
        Status step = services.accounts->Import(sdkappid, imports);
        // TotalViewers counts visits: a re-join counts again.
        if (step.ok()) step = people.AddViewers(static_cast<int64_t>(change.joined.size()));
        for (const std::string& account : leave) {
          if (!step.ok()) break;
          bool left_seat = false;
          step = LeaveSeat(people, account, &left_seat);
          seats_changed = seats_changed || left_seat;
          StatusOr<bool> removed = step.ok() ? people.RemoveMember(account) : StatusOr<bool>(step);
          if (!removed.ok()) return removed.status();
          if (*removed) change.left.push_back(account);
        }
        return step;
      });
  if (!status.ok()) return status;
  SendMemberCallback(services, sdkappid, room_id, MemberEvent::kEnter, change.joined);
  if (seats_changed) SendSeatCallback(services, sdkappid, room_id);
  SendMemberCallback(services, sdkappid, room_id, MemberEvent::kLeave, change.left);
  return change;
}

}  // namespace trtc::handlers
