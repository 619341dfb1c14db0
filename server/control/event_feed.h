// EventFeed: GET /_emulator/events, the dashboard's live view (README "Dashboard"). Each
// subscriber is an http::EventStream; the journal and the callback dispatcher publish to
// every open one. Off the REST hot path: with no subscriber, publishing is one atomic
// load; with some, an event is formatted once and queued on each stream (a mutex and an
// append), and the streams' own sessions write them.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/callbacks/callback_dispatcher.h"
#include "server/control/request_journal.h"
#include "server/http/event_stream.h"

namespace trtc::control {

class EventFeed final : public callbacks::DeliveryObserver, public JournalObserver {
 public:
  // Events one subscriber may have waiting before it is cut off.
  static constexpr size_t kSubscriberQueue = 1000;

  EventFeed() = default;
  ~EventFeed() override;  // ends every stream

  // A new subscriber's stream, already receiving.
  std::shared_ptr<http::EventStream> Subscribe();
  size_t subscribers() const;

  // `event: journal`, data {"seq","time_ms","api","sdkappid","error_code"}.
  void EntryAdded(const JournalEntry& entry) override;
  // `event: outbox`, data {"id","sdkappid","call_id"|"room_id","command","state","attempts"}.
  void DeliveryChanged(const storage::CallbackDelivery& delivery) override;

 private:
  bool Listened() const { return listened_.load(std::memory_order_relaxed); }
  // Queues one event on every open stream and forgets the ended ones.
  void Publish(std::string_view name, const std::string& data);

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<http::EventStream>> streams_;
  std::atomic<bool> listened_{false};  // streams_ is not empty
};

}  // namespace trtc::control
