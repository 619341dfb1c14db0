#include "server/control/fault_injector.h"

#include <algorithm>
#include <chrono>

namespace trtc::control {
namespace {

// An injected error's message: the client sees exactly which code it asked for.
constexpr char kInjectedMessage[] = "Fault injected by /_emulator/faults";
constexpr int64_t kMaxDelayMs = 60 * 1000;

bool Matches(const FaultRule& rule, const api::CallInfo& call) {
  return rule.api == call.api && (!rule.sdkappid || *rule.sdkappid == call.sdkappid) &&
         (!rule.times || *rule.times > 0);
}

}  // namespace

StatusOr<FaultRule> FaultInjector::Add(FaultRule rule) {
  if (endpoints_.Find(rule.api) == nullptr) {
    return Status::InvalidArgument("api \"" + rule.api + "\" is not an API of the emulator");
  }
  if (!rule.error_code && rule.delay_ms == 0) {
    return Status::InvalidArgument("a fault needs error_code or delay_ms");
  }
  if (rule.error_code && *rule.error_code == 0) {
    return Status::InvalidArgument("error_code must not be 0");
  }
  if (rule.delay_ms < 0 || rule.delay_ms > kMaxDelayMs) {
    return Status::InvalidArgument("delay_ms must be within 0.." + std::to_string(kMaxDelayMs));
  }
  if (rule.times && *rule.times < 1) return Status::InvalidArgument("times must be at least 1");
  std::lock_guard<std::mutex> lock(mu_);
  rule.id = next_id_++;
  rule.fired = 0;
  rules_.push_back(rule);
  active_.store(true, std::memory_order_release);
  return rule;
}

std::vector<FaultRule> FaultInjector::List() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rules_;
}

void FaultInjector::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  rules_.clear();
  active_.store(false, std::memory_order_release);
}

void FaultInjector::ClearApp(uint32_t sdkappid) {
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(rules_, [&](const FaultRule& rule) { return rule.sdkappid == sdkappid; });
  active_.store(!rules_.empty(), std::memory_order_release);
}

api::HookDecision FaultInjector::Admit(const api::CallInfo& call) {
  api::HookDecision decision;
  if (!active_.load(std::memory_order_acquire)) return decision;
  std::lock_guard<std::mutex> lock(mu_);
  for (FaultRule& rule : rules_) {
    if (!Matches(rule, call)) continue;
    ++rule.fired;
    if (rule.times) --*rule.times;
    decision.delay += std::chrono::milliseconds(rule.delay_ms);
    if (rule.error_code) {
      decision.refusal = api::ApiReply::Fail(api::ErrorCode{*rule.error_code, kInjectedMessage});
      break;
    }
  }
  return decision;
}

}  // namespace trtc::control
