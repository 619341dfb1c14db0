#include "server/domain/simulated_call.h"

namespace trtc::domain {
namespace {

struct OutcomeName {
  CallOutcome outcome;
  std::string_view word;
};

constexpr OutcomeName kOutcomes[] = {
    {CallOutcome::kNormalEnd, "normal_end"}, {CallOutcome::kReject, "reject"},
    {CallOutcome::kNotAnswer, "not_answer"}, {CallOutcome::kCancel, "cancel"},
    {CallOutcome::kCallBusy, "call_busy"},   {CallOutcome::kInterrupt, "interrupt"},
};

}  // namespace

std::string_view OutcomeWord(CallOutcome outcome) {
  for (const OutcomeName& name : kOutcomes) {
    if (name.outcome == outcome) return name.word;
  }
  return "";
}

std::optional<CallOutcome> OutcomeFromWord(std::string_view word) {
  for (const OutcomeName& name : kOutcomes) {
    if (name.word == word) return name.outcome;
  }
  return std::nullopt;
}

}  // namespace trtc::domain
