// FaultInjector: forced errors and latency for testing a client's retries (a request
// hook). A rule names an API (and optionally an app) and either answers an error code
// instead of running the API, or holds the response for delay_ms — both, if both are
// given — for its next `times` calls (every call when times is absent). Rules are tried
// in the order they were added; the first error rule that matches answers.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/api/request_hook.h"
#include "server/common/status.h"

namespace trtc::control {

struct FaultRule {
  uint64_t id = 0;
  std::string api;                  // an API path of the endpoint table
  std::optional<uint32_t> sdkappid;  // every app when absent
  std::optional<int> error_code;     // non-zero
  int64_t delay_ms = 0;
  std::optional<int64_t> times;      // calls left; unlimited when absent
  int64_t fired = 0;
};

class FaultInjector final : public api::RequestHook {
 public:
  explicit FaultInjector(const api::EndpointTable& endpoints) : endpoints_(endpoints) {}

  // Checks the rule (known API, an error code or a delay, sane numbers), gives it an id.
  StatusOr<FaultRule> Add(FaultRule rule);
  std::vector<FaultRule> List() const;
  void Clear();
  void ClearApp(uint32_t sdkappid);

  api::HookDecision Admit(const api::CallInfo& call) override;
  void Completed(const api::CallInfo&, std::string_view, const api::ApiReply&,
                 std::string_view) override {}

 private:
  const api::EndpointTable& endpoints_;
  std::atomic<bool> active_{false};  // any rules at all: lets the hot path skip the lock
  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;
  uint64_t next_id_ = 1;
};

}  // namespace trtc::control
