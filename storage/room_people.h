// RoomPeople: the people of one live room — members in join order (robots among them),
// admins, bans, mutes, seats — its messages and counters, read and changed inside one
// transaction that RoomStore::ChangePeople / ReadPeople opens. Plain values in and out;
// what is allowed is the handlers' and the domain's to decide.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/common/status.h"
#include "storage/database.h"

namespace trtc::storage {

// A seat as stored: taken, or with a flag set. Seats not stored are empty with no flags.
struct Seat {
  int64_t index = 0;
  std::string account;  // "" when empty
  bool taken_disabled = false;
  bool video_disabled = false;
  bool audio_disabled = false;
  bool operator==(const Seat&) const = default;
};

// A ban or mute: who, and until when (Unix seconds of the emulator clock).
struct Restriction {
  std::string account;
  int64_t until_s = 0;
  bool operator==(const Restriction&) const = default;
};

enum class RestrictionKind { kBan = 2, kMute = 3 };  // their room_role codes

// The room's counters (get_room_stats): view_count is TotalViewers.
struct RoomCounters {
  int64_t total_viewers = 0;
  int64_t total_msg_count = 0;
  int64_t total_gifts_sent = 0;
  int64_t total_gift_coins = 0;
  int64_t total_unique_gift_senders = 0;
  int64_t total_likes = 0;
};

// One message sent into the room.
struct RoomMessage {
  int64_t msg_seq = 0;
  int64_t msg_time = 0;
  std::string sender;
  std::string msg_body;  // JSON text of the MsgBody array
  std::string cloud_custom_data;
  std::optional<int64_t> random = std::nullopt;  // send_group_msg's Random
};

class RoomPeople {
 public:
  RoomPeople(Database* db, uint32_t sdkappid, std::string_view room_id)
      : db_(db), sdkappid_(sdkappid), room_id_(room_id) {}

  // Members, in join order.
  StatusOr<bool> IsMember(std::string_view account);
  StatusOr<int64_t> MemberCount();
  StatusOr<std::vector<std::string>> Members(int64_t offset, int64_t limit);
  // Appends a member (a no-op for one already there); false when it was there.
  StatusOr<bool> AddMember(std::string_view account, bool robot);
  // False when it was not a member.
  StatusOr<bool> RemoveMember(std::string_view account);
  // The robots among the members, in the order they were added.
  StatusOr<std::vector<std::string>> Robots();
  StatusOr<bool> IsRobot(std::string_view account);

  // Admins, in the order they were added.
  StatusOr<std::vector<std::string>> Admins();
  Status SetAdmins(const std::vector<std::string>& admins);

  // Bans and mutes in force at `now_s` (until_s > now_s), by account.
  StatusOr<std::optional<int64_t>> RestrictedUntil(RestrictionKind kind, std::string_view account,
                                                   int64_t now_s);
  StatusOr<std::vector<Restriction>> Restrictions(RestrictionKind kind, int64_t now_s,
                                                  int64_t offset, int64_t limit);
  StatusOr<int64_t> RestrictionCount(RestrictionKind kind, int64_t now_s);
  Status Restrict(RestrictionKind kind, std::string_view account, int64_t until_s);
  Status Lift(RestrictionKind kind, std::string_view account);

  // Stored seats (taken or flagged), by index.
  StatusOr<std::vector<Seat>> Seats();
  // Stores a seat; one empty with no flags is removed.
  Status PutSeat(const Seat& seat);

  Status SetOwner(std::string_view account);
  StatusOr<RoomCounters> Counters();
  Status AddViewers(int64_t count);
  // The newest messages of a room kept for GET /_emulator/rooms/messages (older ones are
  // dropped as new ones come; MsgSeq and TotalMsgCount go on counting).
  static constexpr int64_t kMessagesKept = 10000;
  // Stores a message under the room's next MsgSeq (1 for the first) and counts it.
  StatusOr<int64_t> AddMessage(RoomMessage message);
  StatusOr<std::vector<RoomMessage>> Messages();
  // The message `sender` sent with `random` at or after `since_s`, if any (Chat's dedupe).
  StatusOr<std::optional<RoomMessage>> FindMessage(std::string_view sender, int64_t random,
                                                   int64_t since_s);

 private:
  Database* db_;
  uint32_t sdkappid_;
  std::string room_id_;
};

}  // namespace trtc::storage
