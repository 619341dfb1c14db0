#include "server/control/event_feed.h"

#include <algorithm>

#include "server/common/json.h"
#include "server/control/delivery_json.h"

namespace trtc::control {

EventFeed::~EventFeed() {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& stream : streams_) stream->End();
}

std::shared_ptr<http::EventStream> EventFeed::Subscribe() {
  auto stream = std::make_shared<http::EventStream>(kSubscriberQueue);
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(streams_, [](const auto& open) { return open->ended(); });
  streams_.push_back(stream);
  listened_.store(true, std::memory_order_relaxed);
  return stream;
}

size_t EventFeed::subscribers() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<size_t>(
      std::count_if(streams_.begin(), streams_.end(), [](const auto& s) { return !s->ended(); }));
}

void EventFeed::EntryAdded(const JournalEntry& entry) {
  if (!Listened()) return;
  json::Writer w(160);
  w.StartObject()
      .Key("seq").Uint(entry.seq)
      .Key("time_ms").Int(entry.time_ms)
      .Key("api").String(entry.api)
      .Key("sdkappid").Uint(entry.sdkappid)
      .Key("error_code").Int(entry.error_code)
      .EndObject();
  Publish("journal", w.text());
}

void EventFeed::DeliveryChanged(const storage::CallbackDelivery& delivery) {
  if (!Listened()) return;
  json::Writer w(160);
  WriteDeliverySummary(w, delivery);
  Publish("outbox", w.text());
}

void EventFeed::Publish(std::string_view name, const std::string& data) {
  // JSON from json::Writer has no raw newline, so it is one `data:` line.
  std::string event;
  event.reserve(name.size() + data.size() + 16);
  event.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
  std::lock_guard<std::mutex> lock(mu_);
  std::erase_if(streams_, [&](const auto& stream) { return !stream->Push(event); });
  listened_.store(!streams_.empty(), std::memory_order_relaxed);
}

}  // namespace trtc::control
