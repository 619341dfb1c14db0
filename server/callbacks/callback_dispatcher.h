// CallbackDispatcher: sends the outbox's deliveries in the background, on a thread and
// io_context of its own, and records every attempt in the outbox. The deliveries of one
// call, and those of one room, go out in order (each one's first attempt after the
// previous one's first attempt), so a receiver sees the steps of a call or the changes of
// a room as they happened; retries never hold up later deliveries.
//
// Retry policy (status and event callback pages, TRTC 60130 and 60129; Chat webhooks, 1047/34354):
// a v1 delivery is accepted when the app answers HTTP 200 with {"ErrorCode":0,...}; otherwise it is
// tried again after 0, 1, 1, 2, 3 and 5 retry units (one unit is a second, like the real service;
// tests shorten it), then abandoned. A v4 delivery (call configuration and LiveKit) is tried
// once, and any 2xx answer counts as delivered.
//
// A LiveKit delivery is signed at each attempt while the app's token is enabled (page
// 64412): &Sign=..&RequestTime=.. are appended to the stored URL with the time of that
// attempt, so a replay is signed afresh.
//
// https:// URLs are sent over TLS with the client context the wiring hands in (one for the
// whole run: the trusted CAs and whether to verify).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/common/clock.h"
#include "server/http/asio.h"
#include "storage/callback_config_store.h"
#include "storage/callback_outbox.h"

// Declared only: whoever includes this header need not compile OpenSSL's.
namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace trtc::callbacks {

// Told of every delivery handed to the dispatcher and of every attempt's end, with the
// delivery as it then is (the dashboard's live outbox). Called on the caller's thread or
// the dispatcher's; it must not block.
class DeliveryObserver {
 public:
  virtual ~DeliveryObserver() = default;
  virtual void DeliveryChanged(const storage::CallbackDelivery& delivery) = 0;
};

struct DispatcherSettings {
  std::chrono::milliseconds timeout{2000};     // per attempt, the documented 2 s
  std::chrono::milliseconds retry_unit{1000};  // the v1 schedule's unit
  // false: deliveries are recorded and stay pending, nothing goes on the network (the
  // request fuzzer, whose inputs may name any host).
  bool send = true;
  DeliveryObserver* observer = nullptr;  // may be null; must outlive the dispatcher
};

// Whether an attempt's answer counts as delivered for its family.
bool AcceptedReply(storage::CallbackFamily family, int http_status, const std::string& reply);

class CallbackDispatcher {
 public:
  // `tls` is used from the dispatcher's thread and must outlive it; `configs` gives the
  // LiveKit token.
  CallbackDispatcher(storage::CallbackOutbox& outbox, storage::CallbackConfigStore& configs,
                     const Clock& clock, DispatcherSettings settings,
                     boost::asio::ssl::context& tls);
  // Stops the thread; deliveries not finished stay pending in the outbox (Resume()).
  ~CallbackDispatcher();

  // Sends stored deliveries (they have ids), in order.
  void Deliver(std::vector<storage::CallbackDelivery> deliveries);
  // One more attempt of a stored delivery, with no retries after it.
  void Replay(storage::CallbackDelivery delivery);
  // Picks up the deliveries a previous run left pending, continuing their retry schedule.
  Status Resume();

 private:
  struct Job;
  // On the dispatcher's thread: queues a job behind the others of its call or room.
  void Enqueue(std::shared_ptr<Job> job);
  // Attempts the first job of a queue, then goes on with the next one.
  void SendFront(const std::string& key);
  void Attempt(std::shared_ptr<Job> job, std::function<void()> then);
  // The URL of one attempt: the stored one, signed when the delivery's family is.
  std::string AttemptUrl(const storage::CallbackDelivery& delivery);

  storage::CallbackOutbox& outbox_;
  storage::CallbackConfigStore& configs_;
  const Clock& clock_;
  const DispatcherSettings settings_;
  boost::asio::ssl::context& tls_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  // Deliveries waiting for the first attempt of the one before them, per call or room
  // (only the dispatcher's thread touches it).
  std::map<std::string, std::deque<std::shared_ptr<Job>>> queues_;
  std::thread thread_;
};

}  // namespace trtc::callbacks
