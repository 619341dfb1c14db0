#include "server/handlers/robot_handlers.h"

#include <string>
#include <vector>

#include "server/domain/room_people_rules.h"
#include "server/domain/room_rules.h"
#include "server/handlers/replies.h"
#include "server/handlers/room_people_common.h"
#include "storage/account_store.h"

namespace trtc::handlers {
namespace {

using api::ApiReply;
using storage::RoomInfo;
using storage::RoomPeople;
namespace v4 = api::v4;

constexpr api::Family kV4 = api::Family::kV4;
// How many accounts one call may name (emulator choice; a room holds 3 robots anyway).
constexpr size_t kMaxRobotAccounts = 100;

Status ReadRobots(const json::Value& body, std::string* room_id, std::vector<std::string>* robots) {
  const json::Fields fields(body);
  Status status = domain::ReadRoomId(fields, room_id);
  if (status.ok()) {
    status = domain::ReadAccounts(fields, "RobotList_Account", 1, kMaxRobotAccounts, robots);
  }
  return status;
}

}  // namespace

ApiReply AddRobot(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  std::vector<std::string> robots;
  Status status = ReadRobots(body, &room_id, &robots);
  if (!status.ok()) return Refused(kV4, status);
  const int64_t now = context.services.clock->NowSeconds();
  std::vector<std::string> added;
  ApiReply reply = ChangePeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<std::vector<bool>> imported = context.services.accounts->Exist(context.sdkappid, robots);
    if (!imported.ok()) return StoreFailed(kV4, imported.status());
    for (size_t i = 0; i < robots.size(); ++i) {
      if (!(*imported)[i]) {
        return Refused(kV4, Status::InvalidArgument("\"" + robots[i] +
                                                    "\" is not an imported account"));
      }
    }
    for (const std::string& robot : robots) {
      StatusOr<std::optional<int64_t>> banned =
          people.RestrictedUntil(storage::RestrictionKind::kBan, robot, now);
      if (!banned.ok()) return StoreFailed(kV4, banned.status());
      if (*banned) return ApiReply::Fail(v4::kMemberBanned, "\"" + robot + "\" has been banned");
      StatusOr<bool> member = people.IsMember(robot);
      StatusOr<bool> is_robot = member.ok() ? people.IsRobot(robot) : StatusOr<bool>(member.status());
      if (!is_robot.ok()) return StoreFailed(kV4, is_robot.status());
      if (*is_robot) continue;  // already a robot here: a no-op
      if (*member) {
        return Refused(kV4, Status::InvalidArgument("\"" + robot +
                                                    "\" is in the room as a member, not a robot"));
      }
      StatusOr<bool> joined = people.AddMember(robot, /*robot=*/true);
      if (!joined.ok()) return StoreFailed(kV4, joined.status());
      added.push_back(robot);
    }
    StatusOr<std::vector<std::string>> all = people.Robots();
    if (!all.ok()) return StoreFailed(kV4, all.status());
    if (all->size() > domain::kMaxRobots) {
      return ApiReply::Fail(v4::kExceedsUpperLimit, "a room holds at most 3 robots");
    }
    return ApiReply::Ok();
  });
  if (reply.ok()) {
    SendMemberCallback(context.services, context.sdkappid, room_id, MemberEvent::kEnter, added);
  }
  return reply;
}

ApiReply GetRobot(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  Status status = domain::ReadRoomId(json::Fields(body), &room_id);
  if (!status.ok()) return Refused(kV4, status);
  return ReadPeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    StatusOr<std::vector<std::string>> robots = people.Robots();
    if (!robots.ok()) return StoreFailed(kV4, robots.status());
    json::Writer w;
    w.StartObject().Key("RobotList_Account").StartArray();
    for (const std::string& robot : *robots) w.String(robot);
    w.EndArray().EndObject();
    return ApiReply::Ok(w.Take());
  });
}

ApiReply DelRobot(const api::HandlerContext& context, const json::Value& body) {
  std::string room_id;
  std::vector<std::string> robots;
  Status status = ReadRobots(body, &room_id, &robots);
  if (!status.ok()) return Refused(kV4, status);
  std::vector<std::string> removed;
  bool seats_changed = false;
  ApiReply reply = ChangePeople(context, room_id, [&](const RoomInfo&, RoomPeople& people) {
    for (const std::string& robot : robots) {
      StatusOr<bool> is_robot = people.IsRobot(robot);
      if (!is_robot.ok()) return StoreFailed(kV4, is_robot.status());
      if (!*is_robot) continue;  // not a robot here: a no-op
      bool left_seat = false;
      Status step = LeaveSeat(people, robot, &left_seat);
      seats_changed = seats_changed || left_seat;
      StatusOr<bool> gone = step.ok() ? people.RemoveMember(robot) : StatusOr<bool>(step);
      if (!gone.ok()) return StoreFailed(kV4, gone.status());
      removed.push_back(robot);
    }
    return ApiReply::Ok();
  });
  if (reply.ok()) {
    if (seats_changed) SendSeatCallback(context.services, context.sdkappid, room_id);
    SendMemberCallback(context.services, context.sdkappid, room_id, MemberEvent::kLeave, removed);
  }
  return reply;
}

}  // namespace trtc::handlers
