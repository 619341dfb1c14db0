#include "server/app/emulator.h"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <thread>

#include "server/api/api_dispatcher.h"
#include "server/app/fixture_loader.h"
#include "server/callbacks/call_simulator.h"
#include "server/callbacks/callback_dispatcher.h"
#include "server/callbacks/live_callbacks.h"
#include "server/control/control_plane.h"
#include "server/handlers/endpoints.h"
#include "server/http/http_server.h"
#include "server/limits/rate_limiter.h"
#include "server/tls/client_context.h"
#include "server/tls/server_identity.h"
#include "server/tls/tencent_hosts.h"
#include "storage/call_record_store.h"
#include "storage/callback_config_store.h"
#include "storage/account_store.h"
#include "storage/callback_outbox.h"
#include "storage/gift_store.h"
#include "storage/database.h"
#include "storage/room_store.h"
#include "storage/seed_ledger.h"

namespace trtc::app {
namespace {

// Whether a GET / comes from a browser (its Accept names HTML), which goes to the dashboard.
bool IsBrowserRoot(const http::RequestHead& head) {
  return head.method == boost::beast::http::verb::get && head.target == "/" &&
         head.accept.find("text/html") != std::string_view::npos;
}

// Sends /_emulator/* to the control plane and everything else to the REST APIs; a
// browser's GET / is redirected to the dashboard.
class TopLevelRouter final : public http::RequestHandler {
 public:
  TopLevelRouter(http::RequestHandler& control, http::RequestHandler& api)
      : control_(control), api_(api) {}
  std::unique_ptr<http::Exchange> Begin(const http::RequestHead& head) override {
    const bool control = head.target.starts_with("/_emulator/") || head.target == "/_emulator";
    if (!control && IsBrowserRoot(head)) {
      http::Response redirect;
      redirect.status = 302;
      redirect.location = "/_emulator/ui";
      redirect.content_type = "text/plain; charset=utf-8";
      redirect.body = "The dashboard is at /_emulator/ui\n";
      return std::make_unique<http::FixedExchange>(std::move(redirect));
    }
    return (control ? control_ : api_).Begin(head);
  }

 private:
  http::RequestHandler& control_;
  http::RequestHandler& api_;
};

// A room seed creates the room with its room_info, created now, sets its metadata and
// brings its people in: members join as through the control plane (imported accounts,
// counted as viewers, no callbacks), then admins and seats. A room that already exists (a
// client made it before the seed appeared in the fixture) is left as the client made it.
Status ApplyRoomSeed(const RoomSeed& seed, storage::RoomStore& rooms,
                     storage::AccountStore& accounts, const Clock& clock) {
  storage::RoomInfo room = seed.info;
  room.create_time = clock.NowSeconds();
  Status status = rooms.Create(seed.sdkappid, room);
  if (status.IsAlreadyExists()) return Status::Ok();
  if (status.ok() && !seed.metadata.empty()) {
    status = rooms.EditMetadata(seed.sdkappid, seed.room_id, [&](storage::Metadata* metadata) {
      *metadata = seed.metadata;
      return true;
    });
  }
  if (!status.ok() || (seed.members.empty() && seed.admins.empty())) return status;
  std::vector<storage::AccountImport> imports;
  for (const std::string& member : seed.members) imports.push_back({member, {}});
  status = accounts.Import(seed.sdkappid, imports);
  if (!status.ok()) return status;
  return rooms.ChangePeople(
      seed.sdkappid, seed.room_id, [&](const storage::RoomInfo&, storage::RoomPeople& people) {
        Status step = Status::Ok();
        for (const std::string& member : seed.members) {
          StatusOr<bool> added = people.AddMember(member, /*robot=*/false);
          if (!added.ok()) return added.status();
        }
        step = people.AddViewers(static_cast<int64_t>(seed.members.size()));
        if (step.ok() && !seed.admins.empty()) step = people.SetAdmins(seed.admins);
        for (const storage::Seat& seat : seed.seats) {
          if (step.ok()) step = people.PutSeat(seat);
        }
        return step;
      });
}

// A gift seed adds the gift (created now) with its language rows; a gift a client added
// already is left as it is.
Status ApplyGiftSeed(const GiftSeed& seed, storage::GiftStore& gifts, const Clock& clock) {
  storage::Gift gift = seed.gift;
  gift.create_time = clock.NowSeconds();
  Status status = gifts.AddGift(seed.sdkappid, gift);
  if (status.IsAlreadyExists()) return Status::Ok();
  for (const storage::LanguageText& text : seed.languages) {
    if (status.ok()) status = gifts.PutLanguage(storage::LanguageOf::kGift, seed.sdkappid, gift.gift_id, text);
  }
  return status;
}

// A category seed adds the category, its gifts (in order) and its language rows; a
// category a client added already is left as it is.
Status ApplyGiftCategorySeed(const GiftCategorySeed& seed, storage::GiftStore& gifts) {
  const std::string& id = seed.category.category_id;
  Status status = gifts.AddCategory(seed.sdkappid, seed.category);
  if (status.IsAlreadyExists()) return Status::Ok();
  // Only the gifts still there (a client may have deleted a seeded one).
  std::vector<std::string> present;
  for (const std::string& gift_id : seed.gift_ids) {
    if (!status.ok()) break;
    StatusOr<storage::Gift> gift = gifts.GetGift(seed.sdkappid, gift_id);
    if (gift.ok()) present.push_back(gift_id);
    if (!gift.ok() && !gift.status().IsNotFound()) status = gift.status();
  }
  if (status.ok()) status = gifts.AddRelations(seed.sdkappid, id, present);
  for (const storage::LanguageText& text : seed.languages) {
    if (status.ok()) status = gifts.PutLanguage(storage::LanguageOf::kCategory, seed.sdkappid, id, text);
  }
  return status;
}

// The stores seeds go into.
struct SeedTargets {
  storage::AccountStore& accounts;
  storage::GiftStore& gifts;
  storage::CallbackConfigStore& configs;
  storage::RoomStore& rooms;
  storage::CallRecordStore& call_records;
  storage::SeedLedger& ledger;
  const Clock& clock;
};

Status ApplySeeds(const Fixtures& fixtures, const SeedTargets& to) {
  using storage::CallbackFamily;
  storage::SeedLedger& ledger = to.ledger;
  // The apps' admins are imported Chat accounts, at every start and reset (not once: an
  // admin deleted with account_delete comes back with the next start).
  for (const api::App& app : fixtures.apps) {
    std::vector<storage::AccountImport> admins;
    for (const std::string& admin : app.admins) admins.push_back({admin, {}});
    Status status = to.accounts.Import(app.sdkappid, admins);
    if (!status.ok()) return status;
  }
  struct Section {
    const char* name;
    CallbackFamily family;
    const std::vector<CallbackSeed>* seeds;
  };
  const Section sections[] = {
      {"call_callbacks", CallbackFamily::kCallConfig, &fixtures.call_callbacks},
      {"callkit_callbacks", CallbackFamily::kCallkit, &fixtures.callkit_callbacks},
      {"live_callbacks", CallbackFamily::kLive, &fixtures.live_callbacks},
      {"room_callbacks", CallbackFamily::kRoom, &fixtures.room_callbacks},
  };
  for (const Section& section : sections) {
    for (const CallbackSeed& seed : *section.seeds) {
      Status status = ledger.ApplyOnce(section.name, seed.sdkappid, "", [&] {
        Status put = to.configs.Put(section.family, seed.sdkappid, seed.config);
        if (!put.ok() || !seed.token) return put;
        return to.configs.PutToken(seed.sdkappid, *seed.token);
      });
      if (!status.ok()) return status;
    }
  }
  for (const RoomSeed& seed : fixtures.rooms) {
    Status status = ledger.ApplyOnce("rooms", seed.sdkappid, seed.room_id,
                                     [&] { return ApplyRoomSeed(seed, to.rooms, to.accounts, to.clock); });
    if (!status.ok()) return status;
  }
  for (const GiftSeed& seed : fixtures.gifts) {
    Status status = ledger.ApplyOnce("gifts", seed.sdkappid, seed.gift.gift_id,
                                     [&] { return ApplyGiftSeed(seed, to.gifts, to.clock); });
    if (!status.ok()) return status;
  }
  for (const GiftCategorySeed& seed : fixtures.gift_categories) {
    Status status = ledger.ApplyOnce("gift_categories", seed.sdkappid, seed.category.category_id,
                                     [&] { return ApplyGiftCategorySeed(seed, to.gifts); });
    if (!status.ok()) return status;
  }
  std::set<uint32_t> apps_with_records;
  for (const CallRecordSeed& seed : fixtures.call_records) {
    const storage::CallRecord& record = seed.record;
    Status status = ledger.ApplyOnce("call_records", record.sdkappid, record.call_id,
                                     [&] { return to.call_records.Put(record); });
    if (!status.ok()) return status;
    apps_with_records.insert(record.sdkappid);
  }
  // Once per app, not per record: trimming scans the app's newest records.
  for (uint32_t sdkappid : apps_with_records) {
    Status status = to.call_records.TrimApp(sdkappid);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

int ThreadCount(const Options& options) {
  if (options.threads > 0) return options.threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Many systems start processes with a soft limit of 1,024 descriptors, far below the
// connection limit: raise the soft limit towards the hard one, as far as the connections
// (and the database, listener and a margin) need. Past it, accepts wait and retry.
void RaiseFileLimit(size_t connections) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = std::min<rlim_t>(limit.rlim_max, connections + 64);
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = wanted;
  ::setrlimit(RLIMIT_NOFILE, &limit);
}

// Where the local CA lives: --tls-dir, else beside the database; in memory, nowhere.
tls::ServerTlsOptions ServerTlsOptionsOf(const Options& options) {
  tls::ServerTlsOptions tls;
  tls.certificate_file = options.tls_cert;
  tls.key_file = options.tls_key;
  if (!options.tls_dir.empty()) {
    tls.ca_dir = options.tls_dir;
  } else if (!options.in_memory) {
    const std::filesystem::path beside = std::filesystem::path(options.db).parent_path();
    tls.ca_dir = (beside / "trtc-emulator-tls").string();
  }
  return tls;
}

std::string Url(const char* scheme, const std::string& host, uint16_t port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return scheme + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

struct Emulator::Parts {
  Options options;
  SystemClock clock;
  api::AppRegistry apps;
  std::unique_ptr<storage::Database> database;
  std::unique_ptr<storage::CallbackConfigStore> callback_configs;
  std::unique_ptr<storage::AccountStore> accounts;
  std::unique_ptr<storage::GiftStore> gifts;
  std::unique_ptr<storage::RoomStore> rooms;
  std::unique_ptr<storage::CallRecordStore> call_records;
  std::unique_ptr<storage::SeedLedger> ledger;
  std::unique_ptr<storage::CallbackOutbox> outbox;
  std::unique_ptr<http::ssl::context> callback_tls;  // https:// callbacks: trusted CAs, verify
  // Before the dispatcher and the journal, which publish to it, so it outlives them.
  std::unique_ptr<control::EventFeed> events;
  // After the stores and the context it uses, so it stops (and its thread ends) before they go.
  std::unique_ptr<callbacks::CallbackDispatcher> callback_dispatcher;
  std::unique_ptr<callbacks::CallSimulator> calls;
  std::unique_ptr<callbacks::LiveCallbacks> live_callbacks;
  api::Services services;  // what handlers (and the control plane's audience) use
  Fixtures fixtures;  // its seeds, applied again by a reset
  std::unique_ptr<control::FaultInjector> faults;
  std::unique_ptr<limits::RateLimiter> rate_limiter;
  std::unique_ptr<control::RequestJournal> journal;
  std::unique_ptr<tls::ServerIdentity> server_tls;
  std::unique_ptr<api::ApiDispatcher> api;
  std::unique_ptr<control::ControlPlane> control;
  std::unique_ptr<TopLevelRouter> router;
  std::unique_ptr<http::HttpServer> server;

  SeedTargets seed_targets() {
    return {*accounts, *gifts, *callback_configs, *rooms, *call_records, *ledger, clock};
  }
};

// Puts one app (or all) back as its fixture made it. The stored state is wiped and the
// fixture seeds applied again in one transaction (the seeds of other apps are still
// recorded as applied, so only the reset app's come back); then its journal entries and
// fault rules go.
Status Emulator::Reset(Parts& parts, std::optional<uint32_t> sdkappid) {
  Status status = parts.database->Transaction([&]() -> Status {
    Status status = sdkappid ? parts.callback_configs->DeleteApp(*sdkappid)
                             : parts.callback_configs->DeleteAll();
    if (status.ok()) status = sdkappid ? parts.rooms->DeleteApp(*sdkappid) : parts.rooms->DeleteAll();
    if (status.ok()) {
      status = sdkappid ? parts.accounts->DeleteApp(*sdkappid) : parts.accounts->DeleteAll();
    }
    if (status.ok()) {
      status = sdkappid ? parts.gifts->DeleteApp(*sdkappid) : parts.gifts->DeleteAll();
    }
    if (status.ok()) {
      status = sdkappid ? parts.call_records->DeleteApp(*sdkappid) : parts.call_records->DeleteAll();
    }
    if (status.ok()) {
      status = sdkappid ? parts.outbox->DeleteApp(*sdkappid) : parts.outbox->DeleteAll();
    }
    if (status.ok()) {
      status = sdkappid ? parts.ledger->ForgetApp(*sdkappid) : parts.ledger->ForgetAll();
    }
    if (status.ok()) {
      status = ApplySeeds(parts.fixtures, parts.seed_targets());
    }
    return status;
  });
  if (!status.ok()) return status;
  if (sdkappid) {
    parts.journal->ClearApp(*sdkappid);
    parts.faults->ClearApp(*sdkappid);
  } else {
    parts.journal->Clear();
    parts.faults->Clear();
  }
  return Status::Ok();
}

Status Emulator::Create(const Options& options, std::unique_ptr<Emulator>* out) {
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return Status::InvalidArgument("--tls-cert and --tls-key go together");
  }
  auto parts = std::make_unique<Parts>();
  parts->options = options;
  Log::SetLevel(options.log_level);

  Fixtures& fixtures = parts->fixtures;
  Status status = LoadFixtures(options.fixtures, &fixtures);
  if (!status.ok()) return status;
  for (const api::App& app : fixtures.apps) parts->apps.Add(app);

  // Before the database, so that a bad --callback-ca leaves no new database file behind.
  StatusOr<std::unique_ptr<http::ssl::context>> callback_tls =
      tls::MakeClientContext({options.callback_ca, options.callback_tls_verify});
  if (!callback_tls.ok()) return callback_tls.status();
  parts->callback_tls = std::move(*callback_tls);

  const std::string db_path = options.in_memory ? ":memory:" : options.db;
  status = storage::Database::Open(db_path, &parts->database);
  if (!status.ok()) return status.Prefixed("database " + db_path + ": ");
  parts->callback_configs = std::make_unique<storage::CallbackConfigStore>(parts->database.get());
  parts->accounts = std::make_unique<storage::AccountStore>(parts->database.get());
  parts->gifts = std::make_unique<storage::GiftStore>(parts->database.get());
  parts->rooms = std::make_unique<storage::RoomStore>(parts->database.get());
  parts->call_records = std::make_unique<storage::CallRecordStore>(parts->database.get());
  parts->ledger = std::make_unique<storage::SeedLedger>(parts->database.get());
  parts->outbox = std::make_unique<storage::CallbackOutbox>(parts->database.get());
  status = ApplySeeds(fixtures, parts->seed_targets());
  if (!status.ok()) return status.Prefixed("applying fixture seeds: ");

  callbacks::DispatcherSettings delivery;
  delivery.timeout = std::chrono::milliseconds(options.callback_timeout_ms);
  delivery.retry_unit = std::chrono::milliseconds(options.callback_retry_unit_ms);
  delivery.send = options.send_callbacks;
  parts->events = std::make_unique<control::EventFeed>();
  delivery.observer = parts->events.get();
  parts->callback_dispatcher = std::make_unique<callbacks::CallbackDispatcher>(
      *parts->outbox, *parts->callback_configs, parts->clock, delivery, *parts->callback_tls);
  // Deliveries a previous run left pending carry on where they stopped.
  status = parts->callback_dispatcher->Resume();
  if (!status.ok()) return status.Prefixed("reading the callback outbox: ");
  parts->calls = std::make_unique<callbacks::CallSimulator>(
      *parts->callback_configs, *parts->call_records, *parts->outbox, *parts->callback_dispatcher,
      parts->clock, options.seed);
  parts->live_callbacks = std::make_unique<callbacks::LiveCallbacks>(
      *parts->callback_configs, *parts->outbox, *parts->callback_dispatcher, parts->clock);

  api::Services& services = parts->services;
  services.callback_configs = parts->callback_configs.get();
  services.rooms = parts->rooms.get();
  services.call_records = parts->call_records.get();
  services.clock = &parts->clock;
  services.room_events = parts->live_callbacks.get();
  services.accounts = parts->accounts.get();
  services.gifts = parts->gifts.get();
  const api::EndpointTable& endpoints = handlers::Endpoints();
  parts->api = std::make_unique<api::ApiDispatcher>(endpoints, parts->apps, services,
                                                    parts->clock, options.auth, options.seed);
  // Hook order: an injected fault wins over the rate limit (and uses no budget); the
  // journal, last, records whatever was answered.
  parts->faults = std::make_unique<control::FaultInjector>(endpoints);
  parts->api->AddHook(parts->faults.get());
  if (options.rate_limits) {
    parts->rate_limiter = std::make_unique<limits::RateLimiter>(endpoints, parts->apps, parts->clock);
    parts->api->AddHook(parts->rate_limiter.get());
  }
  parts->journal = std::make_unique<control::RequestJournal>(parts->clock, parts->events.get());
  parts->api->AddHook(parts->journal.get());
  Parts* raw = parts.get();
  parts->server_tls = std::make_unique<tls::ServerIdentity>(ServerTlsOptionsOf(options));
  parts->control = std::make_unique<control::ControlPlane>(control::ControlContext{
      parts->clock, parts->apps, *parts->journal, *parts->events, *parts->faults, *parts->callback_configs,
      *parts->accounts, *parts->gifts, *parts->rooms, *parts->call_records, *parts->outbox, *parts->calls,
      parts->services, *parts->server_tls,
      [raw](std::optional<uint32_t> sdkappid) { return Reset(*raw, sdkappid); }});
  parts->router = std::make_unique<TopLevelRouter>(*parts->control, *parts->api);
  http::TransportLimits limits;
  limits.idle_timeout = std::chrono::milliseconds(options.idle_timeout_ms);
  limits.max_connections = static_cast<size_t>(options.max_connections);
  RaiseFileLimit(limits.max_connections);
  parts->server = std::make_unique<http::HttpServer>(*parts->router, limits,
                                                     ThreadCount(options));
  status = parts->server->Listen(options.bind, options.port);
  if (!status.ok()) return status;
  tls::ServerIdentity* identity = parts->server_tls.get();
  parts->server->OpenProxyDoor(
      {options.proxy, tls::IsTencentApiHost, [identity] { return identity->Context(); }});
  // The local CA is made on first use; serving HTTPS (or one's own certificate) uses it
  // now, so that a problem with it stops the start instead of the first client.
  if (options.https_port || !options.tls_cert.empty()) {
    StatusOr<http::ssl::context*> context = identity->Context();
    if (!context.ok()) return context.status().Prefixed("TLS: ");
    if (options.https_port) {
      status = parts->server->ListenTls(options.bind, *options.https_port, **context);
      if (!status.ok()) return status;
    }
  }
  out->reset(new Emulator(std::move(parts)));
  return Status::Ok();
}

Emulator::Emulator(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Emulator::~Emulator() = default;

std::string Emulator::url() const { return Url("http://", parts_->options.bind, port()); }

std::optional<std::string> Emulator::https_url() const {
  if (!parts_->options.https_port) return std::nullopt;
  return Url("https://", parts_->options.bind, parts_->server->tls_port());
}

uint16_t Emulator::port() const { return parts_->server->port(); }
http::RequestHandler& Emulator::handler() { return *parts_->router; }
void Emulator::StopOnSignals() { parts_->server->StopOnSignals(); }
void Emulator::Run() { parts_->server->Run(); }
void Emulator::Stop() { parts_->server->Stop(); }

}  // namespace trtc::app
