#include "server/http/event_stream.h"

namespace trtc::http {

bool EventStream::Push(std::string_view event) {
  std::lock_guard<std::mutex> lock(mu_);
  if (ended_) return false;
  if (waiting_events_ >= capacity_) {
    // Too far behind: what is queued is dropped with the reader, who reconnects and
    // fetches the lists again (the stream gives no snapshot).
    ended_ = true;
    waiting_.clear();
    waiting_.shrink_to_fit();
    WakeLocked();
    return false;
  }
  waiting_.append(event);
  ++waiting_events_;
  WakeLocked();
  return true;
}

void EventStream::Attach(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(mu_);
  wake_ = std::move(wake);
  if (waiting_events_ > 0 || ended_) WakeLocked();
}

void EventStream::Detach() {
  std::lock_guard<std::mutex> lock(mu_);
  wake_ = nullptr;
  ended_ = true;
  waiting_.clear();
}

bool EventStream::Take(std::string* out) {
  std::lock_guard<std::mutex> lock(mu_);
  wake_due_ = false;
  out->append(waiting_);
  waiting_.clear();
  waiting_events_ = 0;
  return !ended_;
}

void EventStream::End() {
  std::lock_guard<std::mutex> lock(mu_);
  if (ended_) return;
  ended_ = true;
  WakeLocked();
}

bool EventStream::ended() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ended_;
}

// Called with mu_ held, so that Detach() returning means no wake is running. A wake only
// posts to the session's executor; it never calls back into the stream.
void EventStream::WakeLocked() {
  if (wake_due_ || !wake_) return;
  wake_due_ = true;
  wake_();
}

}  // namespace trtc::http
