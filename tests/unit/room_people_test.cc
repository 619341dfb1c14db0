// Unit tests of the people of a live room: storage::RoomPeople in a real SQLite file (join
// order, restrictions ending on a clock, seats, messages, the cascade on destroy), and the
// pure rules of domain/room_people_rules.h and domain/chat_accounts.h.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "server/common/json.h"
#include "server/domain/chat_accounts.h"
#include "server/domain/room_people_rules.h"
#include "storage/database.h"
#include "storage/room_store.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc {
namespace {

using storage::RestrictionKind;
using storage::RoomInfo;
using storage::RoomPeople;

constexpr uint32_t kApp = 1400000001;

class RoomPeopleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(storage::Database::Open(dir_.File("people.db"), &db_).ok());
    rooms_ = std::make_unique<storage::RoomStore>(db_.get());
    RoomInfo room;
    room.room_id = "r";
    ASSERT_TRUE(rooms_->Create(kApp, room).ok());
  }
  // Runs `work` in one change of room "r", expecting it to succeed.
  void Change(const std::function<Status(RoomPeople&)>& work) {
    Status status = rooms_->ChangePeople(
        kApp, "r", [&](const RoomInfo&, RoomPeople& people) { return work(people); });
    ASSERT_TRUE(status.ok()) << status.message();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<storage::RoomStore> rooms_;
};

TEST_F(RoomPeopleTest, MembersKeepTheirJoinOrderAndJoinOnce) {
  Change([](RoomPeople& people) {
    EXPECT_TRUE(*people.AddMember("b", false));
    EXPECT_TRUE(*people.AddMember("a", true));
    EXPECT_FALSE(*people.AddMember("b", false));  // already there
    EXPECT_TRUE(*people.RemoveMember("b"));
    EXPECT_FALSE(*people.RemoveMember("b"));
    EXPECT_TRUE(*people.AddMember("b", false));  // back at the end
    EXPECT_EQ(*people.Members(0, 10), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(*people.Members(1, 10), (std::vector<std::string>{"b"}));
    EXPECT_EQ(*people.MemberCount(), 2);
    EXPECT_EQ(*people.Robots(), (std::vector<std::string>{"a"}));
    return Status::Ok();
  });
}

TEST_F(RoomPeopleTest, RestrictionsEndAtTheirTime) {
  Change([](RoomPeople& people) {
    EXPECT_TRUE(people.Restrict(RestrictionKind::kBan, "x", 100).ok());
    EXPECT_TRUE(people.Restrict(RestrictionKind::kMute, "y", 50).ok());
    EXPECT_EQ(**people.RestrictedUntil(RestrictionKind::kBan, "x", 99), 100);
    EXPECT_FALSE(people.RestrictedUntil(RestrictionKind::kBan, "x", 100)->has_value());
    EXPECT_FALSE(people.RestrictedUntil(RestrictionKind::kMute, "x", 0)->has_value());  // kinds apart
    EXPECT_EQ(*people.RestrictionCount(RestrictionKind::kMute, 49), 1);
    EXPECT_EQ(*people.RestrictionCount(RestrictionKind::kMute, 50), 0);
    EXPECT_TRUE(people.Restrict(RestrictionKind::kBan, "x", 200).ok());  // replaces
    EXPECT_EQ(people.Restrictions(RestrictionKind::kBan, 150, 0, -1)->size(), 1u);
    EXPECT_TRUE(people.Lift(RestrictionKind::kBan, "x").ok());
    EXPECT_EQ(*people.RestrictionCount(RestrictionKind::kBan, 0), 0);
    return Status::Ok();
  });
}

TEST_F(RoomPeopleTest, SeatsMessagesAndCountersGoWithTheRoom) {
  Change([](RoomPeople& people) {
    EXPECT_TRUE(people.PutSeat({2, "a", false, true, false}).ok());
    EXPECT_TRUE(people.PutSeat({0, "", true, false, false}).ok());
    EXPECT_EQ(people.Seats()->size(), 2u);
    EXPECT_TRUE(people.PutSeat({0, "", false, false, false}).ok());  // empty, no flags: gone
    EXPECT_EQ(*people.Seats(), (std::vector<storage::Seat>{{2, "a", false, true, false}}));
    EXPECT_EQ(*people.AddMessage({0, 10, "a", "[]", ""}), 1);
    EXPECT_EQ(*people.AddMessage({0, 11, "b", "[]", "x"}), 2);
    EXPECT_EQ(people.Counters()->total_msg_count, 2);
    EXPECT_TRUE(people.AddViewers(3).ok());
    EXPECT_EQ(people.Counters()->total_viewers, 3);
    EXPECT_TRUE(people.AddMember("m", false).ok());
    return Status::Ok();
  });
  ASSERT_TRUE(rooms_->Destroy(kApp, "r").ok());
  RoomInfo room;
  room.room_id = "r";
  ASSERT_TRUE(rooms_->Create(kApp, room).ok());
  Change([](RoomPeople& people) {
    EXPECT_EQ(*people.MemberCount(), 0);
    EXPECT_TRUE(people.Seats()->empty());
    EXPECT_EQ(*people.AddMessage({0, 12, "a", "[]", ""}), 1);  // a new room starts again
    EXPECT_EQ(people.Counters()->total_viewers, 0);
    return Status::Ok();
  });
  EXPECT_TRUE(rooms_->ChangePeople(kApp, "none", [](const RoomInfo&, RoomPeople&) {
                       return Status::Ok();
                     }).IsNotFound());
}

TEST_F(RoomPeopleTest, ARoomKeepsItsNewestMessagesAndCountsThemAll) {
  Change([](RoomPeople& people) {
    for (int64_t i = 0; i < RoomPeople::kMessagesKept + 5; ++i) {
      StatusOr<int64_t> seq = people.AddMessage({0, 10, "a", "[]", ""});
      EXPECT_TRUE(seq.ok());
    }
    StatusOr<std::vector<storage::RoomMessage>> kept = people.Messages();
    EXPECT_EQ(kept->size(), static_cast<size_t>(RoomPeople::kMessagesKept));
    EXPECT_EQ(kept->front().msg_seq, 6);
    EXPECT_EQ(people.Counters()->total_msg_count, RoomPeople::kMessagesKept + 5);
    return Status::Ok();
  });
}

TEST_F(RoomPeopleTest, AFailedChangeWritesNothing) {
  Status status = rooms_->ChangePeople(kApp, "r", [](const RoomInfo&, RoomPeople& people) {
    EXPECT_TRUE(people.AddMember("a", false).ok());
    return Status::FailedPrecondition("refused");
  });
  EXPECT_FALSE(status.ok());
  Change([](RoomPeople& people) {
    EXPECT_EQ(*people.MemberCount(), 0);
    return Status::Ok();
  });
}

TEST(MemberCursorTest, OnlyTheOffsetsTheEmulatorIssues) {
  EXPECT_EQ(*domain::DecodeMemberCursor(""), 0);
  EXPECT_EQ(*domain::DecodeMemberCursor("0"), 0);
  EXPECT_EQ(*domain::DecodeMemberCursor("900"), 900);
  for (const char* bad : {"1000", "150", "-100", "1e2", " 100", "100 "}) {
    EXPECT_FALSE(domain::DecodeMemberCursor(bad).ok()) << bad;
  }
  EXPECT_EQ(domain::NextMemberCursor(0, 100, 250), "100");
  EXPECT_EQ(domain::NextMemberCursor(200, 50, 250), "");
  EXPECT_EQ(domain::NextMemberCursor(900, 100, 5000), "");  // 1,000 listed at most
}

TEST(AllSeatsTest, EverySeatOfTheRoomWithTheStoredOnesInPlace) {
  const std::vector<storage::Seat> seats = domain::AllSeats(3, {{1, "a", false, false, true}, {7, "x"}});
  ASSERT_EQ(seats.size(), 3u);
  EXPECT_EQ(seats[0], (storage::Seat{0, "", false, false, false}));
  EXPECT_EQ(seats[1], (storage::Seat{1, "a", false, false, true}));
  EXPECT_EQ(domain::AllSeats(1'000'000, {}).size(), static_cast<size_t>(domain::kMaxSeats));
}

TEST(ProfileValueTest, EachTagHoldsItsOwnKindOfValue) {
  json::Body body;
  ASSERT_TRUE(body.Parse(R"({"s":"x","n":7,"neg":-1,"g":"Gender_Type_Male","bad":"Gender_X","long":")" +
                             std::string(17, 'l') + "\"}",
                         "test")
                  .ok());
  auto read = [&](std::string_view tag, const char* member) {
    storage::ProfileValue value;
    std::string message;
    return domain::ReadProfileValue(tag, *json::Find(body.root(), member), &value, &message);
  };
  using domain::ProfileProblem;
  EXPECT_EQ(read("Tag_Profile_IM_Nick", "s"), ProfileProblem::kNone);
  EXPECT_EQ(read("Tag_Profile_IM_Nick", "n"), ProfileProblem::kWrongType);
  EXPECT_EQ(read("Tag_Profile_IM_Level", "n"), ProfileProblem::kNone);
  EXPECT_EQ(read("Tag_Profile_IM_Level", "s"), ProfileProblem::kWrongType);
  EXPECT_EQ(read("Tag_Profile_IM_Level", "neg"), ProfileProblem::kBadValue);
  EXPECT_EQ(read("Tag_Profile_IM_Gender", "g"), ProfileProblem::kNone);
  EXPECT_EQ(read("Tag_Profile_IM_Gender", "bad"), ProfileProblem::kBadValue);
  EXPECT_EQ(read("Tag_Profile_IM_Location", "long"), ProfileProblem::kTooLong);
  EXPECT_EQ(read("Tag_Profile_Custom_x", "s"), ProfileProblem::kNone);
  EXPECT_EQ(read("Tag_Profile_Custom_", "s"), ProfileProblem::kUnknownTag);
  EXPECT_EQ(read("Tag_Profile_IM_Nope", "s"), ProfileProblem::kUnknownTag);
  EXPECT_TRUE(domain::UnsetProfileValue("Tag_Profile_IM_Level").is_number);
  EXPECT_FALSE(domain::UnsetProfileValue("Tag_Profile_IM_Gender").is_number);
}

}  // namespace
}  // namespace trtc
