#include "server/callbacks/callback_dispatcher.h"

#include <optional>
#include <string>

#include "server/callbacks/http_post.h"
#include "server/common/json.h"
#include "server/common/log.h"
#include "server/domain/callback_url.h"

namespace trtc::callbacks {
namespace {

using storage::CallbackFamily;
using storage::DeliveryState;

// The v1 retry schedule in retry units: the wait before retry 1, 2, ... 6.
constexpr int kV1RetryUnits[] = {0, 1, 1, 2, 3, 5};

// The wait before the next attempt after `attempts_made` failed ones, or none when the
// delivery is to be abandoned.
std::optional<std::chrono::milliseconds> RetryDelay(CallbackFamily family, size_t attempts_made,
                                                    std::chrono::milliseconds unit) {
  if (family != CallbackFamily::kCallkit || attempts_made == 0 ||
      attempts_made > std::size(kV1RetryUnits)) {
    return std::nullopt;
  }
  return unit * kV1RetryUnits[attempts_made - 1];
}

// The deliveries that keep their order among themselves: one call's, or one room's.
std::string OrderKey(const storage::CallbackDelivery& delivery) {
  std::string key = std::to_string(delivery.sdkappid);
  if (delivery.call_id.empty()) {
    key.append("/room/").append(delivery.room_id);
  } else {
    key.append("/call/").append(delivery.call_id);
  }
  return key;
}

}  // namespace

bool AcceptedReply(CallbackFamily family, int http_status, const std::string& reply) {
  // Only the callkit host reads the reply; the Chat-host families ignore it (any 2xx).
  if (family != CallbackFamily::kCallkit) return http_status >= 200 && http_status < 300;
  if (http_status != 200) return false;
  json::Body body;
  int64_t code = -1;
  return body.Parse(reply, "the reply").ok() &&
         json::Fields(body.root()).Required("ErrorCode", &code).ok() && code == 0;
}

// One delivery being sent; its attempts (a previous run's too) grow as they are made.
struct CallbackDispatcher::Job {
  storage::CallbackDelivery delivery;
  bool retries;
};

CallbackDispatcher::CallbackDispatcher(storage::CallbackOutbox& outbox,
                                       storage::CallbackConfigStore& configs, const Clock& clock,
                                       DispatcherSettings settings, boost::asio::ssl::context& tls)
    : outbox_(outbox),
      configs_(configs),
      clock_(clock),
      settings_(settings),
      tls_(tls),
      work_(boost::asio::make_work_guard(io_)),
      thread_([this] { io_.run(); }) {}

CallbackDispatcher::~CallbackDispatcher() {
  work_.reset();
  io_.stop();
  thread_.join();
}

void CallbackDispatcher::Deliver(std::vector<storage::CallbackDelivery> deliveries) {
  auto jobs = std::make_shared<std::vector<std::shared_ptr<Job>>>();
  for (storage::CallbackDelivery& delivery : deliveries) {
    if (settings_.observer) settings_.observer->DeliveryChanged(delivery);
    jobs->push_back(std::make_shared<Job>(Job{std::move(delivery), /*retries=*/true}));
  }
  boost::asio::post(io_, [this, jobs] {
    for (std::shared_ptr<Job>& job : *jobs) Enqueue(std::move(job));
  });
}

void CallbackDispatcher::Replay(storage::CallbackDelivery delivery) {
  auto job = std::make_shared<Job>(Job{std::move(delivery), /*retries=*/false});
  boost::asio::post(io_, [this, job] { Attempt(job, nullptr); });
}

Status CallbackDispatcher::Resume() {
  std::vector<storage::CallbackDelivery> pending;
  Status status = outbox_.Pending(&pending);
  if (status.ok() && !pending.empty()) {
    LogInfo("resuming " + std::to_string(pending.size()) + " pending callback deliveries");
    Deliver(std::move(pending));
  }
  return status;
}

void CallbackDispatcher::Enqueue(std::shared_ptr<Job> job) {
  if (!settings_.send) return;  // they stay pending in the outbox
  const std::string key = OrderKey(job->delivery);
  std::deque<std::shared_ptr<Job>>& queue = queues_[key];
  queue.push_back(std::move(job));
  if (queue.size() == 1) SendFront(key);
}

void CallbackDispatcher::SendFront(const std::string& key) {
  Attempt(queues_.at(key).front(), [this, key] {
    auto queue = queues_.find(key);
    queue->second.pop_front();
    if (queue->second.empty()) {
      queues_.erase(queue);
    } else {
      SendFront(key);
    }
  });
}

std::string CallbackDispatcher::AttemptUrl(const storage::CallbackDelivery& delivery) {
  if (delivery.family != CallbackFamily::kLive) return delivery.url;
  StatusOr<storage::CallbackToken> token = configs_.GetToken(delivery.sdkappid);
  if (!token.ok() && !token.status().IsNotFound()) {
    LogError("reading the LiveKit token of " + std::to_string(delivery.sdkappid) + ": " +
             token.status().message());
  }
  if (!token.ok() || !token->enabled) return delivery.url;
  return domain::SignedCallbackUrl(delivery.url, token->token, clock_.NowSeconds());
}

void CallbackDispatcher::Attempt(std::shared_ptr<Job> job, std::function<void()> then) {
  if (!settings_.send) return;
  const int64_t at_ms = clock_.NowMillis();
  PostJson(io_, tls_, AttemptUrl(job->delivery), job->delivery.body, settings_.timeout,
           [this, job, then = std::move(then), at_ms](PostResult result) {
             storage::CallbackDelivery& delivery = job->delivery;
             const bool accepted =
                 AcceptedReply(delivery.family, result.http_status, result.reply);
             std::optional<std::chrono::milliseconds> retry_in;
             if (!accepted && job->retries) {
               retry_in =
                   RetryDelay(delivery.family, delivery.attempts.size() + 1, settings_.retry_unit);
             }
             const DeliveryState state = accepted   ? DeliveryState::kDelivered
                                         : retry_in ? DeliveryState::kPending
                                                    : DeliveryState::kFailed;
             storage::DeliveryAttempt attempt{at_ms, result.http_status, std::move(result.reply),
                                              result.latency_ms, std::move(result.error)};
             Status status = outbox_.RecordAttempt(delivery.id, attempt, state);
             delivery.attempts.push_back(std::move(attempt));
             delivery.state = state;
             const bool gone = status.IsNotFound();
             if (!gone && settings_.observer) settings_.observer->DeliveryChanged(delivery);
             if (!status.ok() && !gone) {
               LogError("recording callback delivery " + std::to_string(delivery.id) + ": " +
                        status.message());
             }
             // A delivery reset away while in flight is not retried.
             if (!gone && retry_in) {
               auto timer = std::make_shared<boost::asio::steady_timer>(io_, *retry_in);
               timer->async_wait([this, job, timer](boost::system::error_code ec) {
                 if (!ec) Attempt(job, nullptr);
               });
             }
             if (then) then();
           });
}

}  // namespace trtc::callbacks
