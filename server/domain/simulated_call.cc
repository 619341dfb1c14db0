#include "server/domain/simulated_call.h"

#include <algorithm>
#include <string>

namespace trtc::domain {
namespace {

// Every spelling of an outcome, in one row (TRTC pages 68940, 60130, 60137, 68930).
struct OutcomeName {
  CallOutcome outcome;
  std::string_view word;         // v1 action and record word
  std::string_view v4_result;    // v4 CallResult
  std::string_view v1_callback;  // v1 status callback CallResult
  bool accepted;
};

constexpr OutcomeName kOutcomes[] = {
    {CallOutcome::kNormalEnd, "normal_end", "NormalEnd", "Normal_end", true},
    {CallOutcome::kReject, "reject", "Reject", "Reject", false},
    {CallOutcome::kNotAnswer, "not_answer", "NotAnswer", "Not_answer", false},
    {CallOutcome::kCancel, "cancel", "Cancel", "Cancel", false},
    {CallOutcome::kCallBusy, "call_busy", "CallBusy", "Call_busy", false},
    {CallOutcome::kInterrupt, "interrupt", "Interrupt", "Interrupt", true},
};

const OutcomeName& NameOf(CallOutcome outcome) {
  for (const OutcomeName& name : kOutcomes) {
    if (name.outcome == outcome) return name;
  }
  return kOutcomes[0];
}

template <typename Member>
std::optional<CallOutcome> Lookup(Member member, std::string_view spelling) {
  for (const OutcomeName& name : kOutcomes) {
    if (name.*member == spelling) return name.outcome;
  }
  return std::nullopt;
}

}  // namespace

std::string_view OutcomeWord(CallOutcome outcome) { return NameOf(outcome).word; }
std::optional<CallOutcome> OutcomeFromWord(std::string_view word) {
  return Lookup(&OutcomeName::word, word);
}
std::string_view V4CallResult(CallOutcome outcome) { return NameOf(outcome).v4_result; }
std::optional<CallOutcome> OutcomeFromV4Result(std::string_view result) {
  return Lookup(&OutcomeName::v4_result, result);
}
std::string_view V1CallbackResult(CallOutcome outcome) { return NameOf(outcome).v1_callback; }
bool WasAccepted(CallOutcome outcome) { return NameOf(outcome).accepted; }

int RoomIdType(std::string_view room_id) {
  if (room_id.empty() || room_id.size() > 10 || room_id.front() == '0') return 2;
  if (!std::all_of(room_id.begin(), room_id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 2;
  }
  return std::stoull(std::string(room_id)) <= 0xffffffffULL ? 1 : 2;
}

}  // namespace trtc::domain
