#include "server/control/request_journal.h"

#include <algorithm>

namespace trtc::control {
namespace {

std::string Bounded(std::string_view body) {
  return std::string(body.substr(0, RequestJournal::kMaxBodyBytes));
}

}  // namespace

void RequestJournal::Completed(const api::CallInfo& call, std::string_view request_body,
                               const api::ApiReply& reply, std::string_view response_body) {
  JournalEntry entry;
  entry.time_ms = clock_.NowMillis();
  entry.api = std::string(call.api);
  entry.host = std::string(call.host);
  entry.sdkappid = call.sdkappid;
  entry.identifier = std::string(call.identifier);
  entry.request_body = Bounded(request_body);
  entry.response_body = Bounded(response_body);
  entry.error_code = reply.code();
  std::lock_guard<std::mutex> lock(mu_);
  entry.seq = next_seq_++;
  entries_.push_back(std::move(entry));
  if (observer_) observer_->EntryAdded(entries_.back());
  while (entries_.size() > capacity_) entries_.pop_front();
}

std::vector<JournalEntry> RequestJournal::Find(std::optional<uint32_t> sdkappid,
                                               std::string_view api, size_t limit) const {
  std::vector<JournalEntry> found;
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = entries_.rbegin(); it != entries_.rend() && found.size() < limit; ++it) {
    if (sdkappid && it->sdkappid != *sdkappid) continue;
    if (!api.empty() && it->api != api) continue;
    found.push_back(*it);
  }
  std::reverse(found.begin(), found.end());
  return found;
}

void RequestJournal::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

void RequestJournal::ClearApp(uint32_t sdkappid) {
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(entries_, [&](const JournalEntry& entry) { return entry.sdkappid == sdkappid; });
}

}  // namespace trtc::control
