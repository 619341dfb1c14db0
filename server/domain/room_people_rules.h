// The rules of a live room's people (api.md §10): account lists, admins, bans and mutes,
// the member-list cursor, seats. Pure: no IO; the handlers read and write the store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/common/json.h"
#include "server/common/status.h"
#include "storage/room_people.h"

namespace trtc::domain {

inline constexpr size_t kMaxAdmins = 5;             // modify_admin, cloud 110064
inline constexpr size_t kMaxRobots = 3;             // add_robot, 69079
inline constexpr size_t kMaxBanAccounts = 20;       // ban_member / unban_member
inline constexpr size_t kMaxBanReasonBytes = 200;
inline constexpr size_t kMaxMuteAccounts = 500;     // the Chat group-mute limit, 1047/34951
inline constexpr int64_t kMemberPageSize = 100;     // get_member_list (emulator choice)
inline constexpr int64_t kMaxMembersListed = 1000;  // "only returns 1000" (66908)
inline constexpr int64_t kMaxBannedPage = 100;      // get_banned_member_list's Limit
// The seats a room has: its MaxSeatCount, at most this many (emulator choice: the
// package's limit stands in for a number Tencent leaves to the package).
inline constexpr int64_t kMaxSeats = 100;

// `name`: an array of `min`..`max` account strings, each 1..32 bytes; duplicates are
// kept once, in first position. kInvalidArgument naming the field otherwise.
Status ReadAccounts(const json::Fields& fields, std::string_view name, size_t min, size_t max,
                    std::vector<std::string>* out);

// get_member_list's Next: "" (or "0") is the first page; otherwise an offset the emulator
// issued (a multiple of the page size below the listing limit). kInvalidArgument else.
StatusOr<int64_t> DecodeMemberCursor(std::string_view next);
// The Next after a page that began at `offset` and held `count` of `total` members.
std::string NextMemberCursor(int64_t offset, int64_t count, int64_t total);

// The seats of a room with `max_seat_count`: all of them, index order, from the stored
// ones (taken or flagged); the others empty.
std::vector<storage::Seat> AllSeats(int64_t max_seat_count, const std::vector<storage::Seat>& stored);
int64_t SeatCount(int64_t max_seat_count);

}  // namespace trtc::domain
