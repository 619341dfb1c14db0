// SimulatedCall: a call a test plays through POST /_emulator/calls (README "Simulated
// calls and the callbacks they send"): who calls whom, and how it ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trtc::domain {

// How the call ends, named by the v1 status action words.
enum class CallOutcome { kNormalEnd, kReject, kNotAnswer, kCancel, kCallBusy, kInterrupt };

struct SimulatedCall {
  uint32_t sdkappid = 0;
  std::string call_id;
  std::string caller;
  std::vector<std::string> callees;  // one: a single call; more: a group call
  bool video = false;                // MediaType Video, else Audio
  std::string room_id;
  CallOutcome outcome = CallOutcome::kNormalEnd;

  bool group() const { return callees.size() > 1; }
};

// The v1 status action word of an outcome ("normal_end", ...), and back: also the v1
// record's callResult.
std::string_view OutcomeWord(CallOutcome outcome);
std::optional<CallOutcome> OutcomeFromWord(std::string_view word);
// The v4 CallResult ("NormalEnd", ...: the end callback's and the v4 record's), and back.
std::string_view V4CallResult(CallOutcome outcome);
std::optional<CallOutcome> OutcomeFromV4Result(std::string_view result);
// The v1 status callback's CallResult ("Normal_end", ...).
std::string_view V1CallbackResult(CallOutcome outcome);
// Whether a callee accepted before the call ended that way (AcceptTime > 0).
bool WasAccepted(CallOutcome outcome);

// RoomIdType: 1 for a numeric room (a uint32 other than 0), 2 for a string room.
int RoomIdType(std::string_view room_id);

}  // namespace trtc::domain
