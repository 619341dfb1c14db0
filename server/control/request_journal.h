// RequestJournal: what the app under test actually called — every REST request, however
// far it got, with the bodies it sent and received (a request hook). Bounded: the newest
// 10,000 entries, each body kept up to 16 KiB. UserSigs are never stored: the journal
// sees only the API, the app, the identifier and the bodies.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/api/request_hook.h"
#include "server/common/clock.h"

namespace trtc::control {

struct JournalEntry {
  uint64_t seq = 0;
  int64_t time_ms = 0;  // the emulator clock's time (offset included)
  std::string api;
  std::string host;  // the Host the app sent (inside a tunnel: the Tencent host it meant)
  uint32_t sdkappid = 0;
  std::string identifier;
  std::string request_body;
  std::string response_body;
  int error_code = 0;
};

// Told of each entry as it is added, in sequence order (under the journal's lock: it
// must be quick and must not call back into the journal).
class JournalObserver {
 public:
  virtual ~JournalObserver() = default;
  virtual void EntryAdded(const JournalEntry& entry) = 0;
};

class RequestJournal final : public api::RequestHook {
 public:
  static constexpr size_t kDefaultCapacity = 10000;
  static constexpr size_t kMaxBodyBytes = 16 * 1024;

  // `observer` may be null and must outlive the journal.
  explicit RequestJournal(const Clock& clock, JournalObserver* observer = nullptr,
                          size_t capacity = kDefaultCapacity)
      : clock_(clock), observer_(observer), capacity_(capacity) {}

  api::HookDecision Admit(const api::CallInfo&) override { return {}; }
  void Completed(const api::CallInfo& call, std::string_view request_body,
                 const api::ApiReply& reply, std::string_view response_body) override;

  // The newest `limit` entries that match, oldest first.
  std::vector<JournalEntry> Find(std::optional<uint32_t> sdkappid, std::string_view api,
                                 size_t limit) const;
  void Clear();
  void ClearApp(uint32_t sdkappid);

 private:
  const Clock& clock_;
  JournalObserver* const observer_;
  const size_t capacity_;
  mutable std::mutex mu_;
  std::deque<JournalEntry> entries_;
  uint64_t next_seq_ = 1;
};

}  // namespace trtc::control
