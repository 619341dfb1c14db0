#include "server/domain/room_people_rules.h"

#include <algorithm>
#include <charconv>

#include "server/domain/chat_accounts.h"

namespace trtc::domain {

Status ReadAccounts(const json::Fields& fields, std::string_view name, size_t min, size_t max,
                    std::vector<std::string>* out) {
  std::vector<std::string> accounts;
  Status status = fields.Required(name, &accounts);
  const std::string wanted = fields.Name(name) + " must be an array of " + std::to_string(min) +
                             " to " + std::to_string(max) + " UserIDs (1 to 32 bytes each)";
  if (status.code() == StatusCode::kWrongType) return Status::InvalidArgument(wanted);
  if (!status.ok()) return status;
  if (accounts.size() < min || accounts.size() > max) return Status::InvalidArgument(wanted);
  out->clear();
  for (std::string& account : accounts) {
    if (!IsValidUserId(account)) return Status::InvalidArgument(wanted);
    if (std::find(out->begin(), out->end(), account) == out->end()) {
      out->push_back(std::move(account));
    }
  }
  return Status::Ok();
}

StatusOr<int64_t> DecodeMemberCursor(std::string_view next) {
  if (next.empty() || next == "0") return int64_t{0};
  int64_t offset = 0;
  auto [end, ec] = std::from_chars(next.data(), next.data() + next.size(), offset);
  if (ec != std::errc() || end != next.data() + next.size() || offset <= 0 ||
      offset >= kMaxMembersListed || offset % kMemberPageSize != 0) {
    return Status::InvalidArgument("Next must be \"\" or the Next of the previous page");
  }
  return offset;
}

std::string NextMemberCursor(int64_t offset, int64_t count, int64_t total) {
  const int64_t end = offset + count;
  return end < std::min(total, kMaxMembersListed) ? std::to_string(end) : "";
}

int64_t SeatCount(int64_t max_seat_count) { return std::clamp<int64_t>(max_seat_count, 0, kMaxSeats); }

std::vector<storage::Seat> AllSeats(int64_t max_seat_count,
                                    const std::vector<storage::Seat>& stored) {
  std::vector<storage::Seat> seats(static_cast<size_t>(SeatCount(max_seat_count)));
  for (size_t i = 0; i < seats.size(); ++i) seats[i].index = static_cast<int64_t>(i);
  for (const storage::Seat& seat : stored) {
    if (seat.index >= 0 && seat.index < static_cast<int64_t>(seats.size())) {
      seats[static_cast<size_t>(seat.index)] = seat;
    }
  }
  return seats;
}

}  // namespace trtc::domain
