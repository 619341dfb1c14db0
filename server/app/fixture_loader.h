// The fixture loader (README "Fixtures"): reads a fixture file, or every *.json file
// of a folder in name order, validates every entry with the same rules as the API that
// would have written it, and returns apps (configuration) and seeds (applied once per
// database by the caller). Unknown members are errors, so a typo never passes silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/app_registry.h"
#include "server/common/status.h"
#include "storage/call_record_store.h"
#include "storage/callback_config_store.h"
#include "storage/gift_store.h"
#include "storage/room_people.h"
#include "storage/room_store.h"

namespace trtc::app {

struct CallbackSeed {
  uint32_t sdkappid = 0;
  storage::CallbackConfig config;
  std::optional<storage::CallbackToken> token;  // live_callbacks only
  std::string origin;  // "file: section[i]", for errors found across files
};

// A live room created with default fields and this metadata.
struct RoomSeed {
  uint32_t sdkappid = 0;
  std::string room_id;
  storage::RoomInfo info;      // room_info's fields (room_id set; create_time when applied)
  storage::Metadata metadata;  // in the fixture's member order
  std::vector<std::string> members;  // join order
  std::vector<std::string> admins;
  std::vector<storage::Seat> seats;  // taken seats
  std::string origin;
};

// A gift of the catalogue, with its language rows (emulator.md "More seeds": gifts).
struct GiftSeed {
  uint32_t sdkappid = 0;
  storage::Gift gift;
  std::vector<storage::LanguageText> languages;
  std::string origin;
};

// A gift category, its gifts (in order) and language rows (gift_categories).
struct GiftCategorySeed {
  uint32_t sdkappid = 0;
  storage::GiftCategory category;
  std::vector<std::string> gift_ids;
  std::vector<storage::LanguageText> languages;
  std::string origin;
};

// A past call (emulator README "Fixtures": call_records).
struct CallRecordSeed {
  storage::CallRecord record;
  std::string origin;
};

struct Fixtures {
  std::vector<api::App> apps;
  std::vector<CallbackSeed> call_callbacks;     // v4 call_config seeds
  std::vector<CallbackSeed> callkit_callbacks;  // v1 callback seeds
  std::vector<CallbackSeed> live_callbacks;     // v4 live_config seeds (with their token)
  std::vector<CallbackSeed> room_callbacks;     // v4 room_config seeds
  std::vector<RoomSeed> rooms;
  std::vector<CallRecordSeed> call_records;
  std::vector<GiftSeed> gifts;
  std::vector<GiftCategorySeed> gift_categories;
};

// Adds one fixture document to *fixtures. `origin` names it in errors (a file name).
Status ParseFixture(std::string_view text, const std::string& origin, Fixtures* fixtures);

// `path` is a file or a folder; empty means the built-in default fixture. Also checks
// what spans files: no SDKAppID defined twice, every seed names a defined app.
Status LoadFixtures(const std::string& path, Fixtures* fixtures);

}  // namespace trtc::app
