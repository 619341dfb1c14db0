// CallbackDispatcher: sends the outbox's deliveries in the background, on a thread and
// io_context of its own, and records every attempt in the outbox. A call's deliveries go
// out in order (each one's first attempt after the previous one's first attempt), so a
// receiver sees the steps of a call as they happened; retries never hold up later
// deliveries.
//
// Retry policy (status and event callback pages, TRTC 60130 and 60129; Chat webhooks, 1047/34354):
// a v1 delivery is accepted when the app answers HTTP 200 with {"ErrorCode":0,...}; otherwise it is
// tried again after 0, 1, 1, 2, 3 and 5 retry units (one unit is a second, like the real service;
// tests shorten it), then abandoned. A v4 delivery is tried once, and any 2xx answer counts as
// delivered.
//
// https:// URLs are sent over TLS with the client context the wiring hands in (one for the
// whole run: the trusted CAs and whether to verify).
#pragma once

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "server/common/clock.h"
#include "server/http/asio.h"
#include "storage/callback_outbox.h"

// Declared only: whoever includes this header need not compile OpenSSL's.
namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace trtc::callbacks {

struct DispatcherSettings {
  std::chrono::milliseconds timeout{2000};     // per attempt, the documented 2 s
  std::chrono::milliseconds retry_unit{1000};  // the v1 schedule's unit
  // false: deliveries are recorded and stay pending, nothing goes on the network (the
  // request fuzzer, whose inputs may name any host).
  bool send = true;
};

// Whether an attempt's answer counts as delivered for its family.
bool AcceptedReply(storage::CallbackFamily family, int http_status, const std::string& reply);

class CallbackDispatcher {
 public:
  // `tls` is used from the dispatcher's thread and must outlive it.
  CallbackDispatcher(storage::CallbackOutbox& outbox, const Clock& clock,
                     DispatcherSettings settings, boost::asio::ssl::context& tls);
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
  void Attempt(std::shared_ptr<Job> job, std::function<void()> then);
  void SendInOrder(std::shared_ptr<std::vector<std::shared_ptr<Job>>> jobs, size_t next);

  storage::CallbackOutbox& outbox_;
  const Clock& clock_;
  const DispatcherSettings settings_;
  boost::asio::ssl::context& tls_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::thread thread_;
};

}  // namespace trtc::callbacks
