// EventStream: a response body that goes on — Server-Sent Events. Publishers on any
// thread Push() events; the session serving the response takes whatever is waiting and
// writes it as one batch. Bounded: a reader `capacity` events behind is cut off (the stream
// ends and the session closes the connection), so a client that never reads costs at most
// that much memory and never slows a publisher down.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace trtc::http {

class EventStream {
 public:
  explicit EventStream(size_t capacity) : capacity_(capacity) {}

  // Any thread. Queues one event (its text, framing included). False once the stream has
  // ended — the reader left or fell too far behind — and the publisher should forget it.
  bool Push(std::string_view event);

  // The serving session, once the response head is out: `wake` is called (from any thread,
  // never twice before the next Take) when events are waiting or the stream has ended.
  void Attach(std::function<void()> wake);
  // The session going away: no more wake calls once this returns; the stream ends.
  void Detach();
  // Moves the waiting events to the end of *out. False once the stream has ended.
  bool Take(std::string* out);
  // Ends the stream (either side).
  void End();
  bool ended() const;

 private:
  void WakeLocked();

  const size_t capacity_;
  mutable std::mutex mu_;
  std::string waiting_;
  size_t waiting_events_ = 0;
  bool ended_ = false;
  bool wake_due_ = false;  // a wake was sent and not answered by a Take yet
  std::function<void()> wake_;
};

}  // namespace trtc::http
