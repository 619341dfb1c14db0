// The dashboard's files (ui/), compiled into the binary by cmake/embed_ui.cmake, and how
// they are served: GET /_emulator/ui is index.html, GET /_emulator/ui/<name> a file.
#pragma once

#include <string_view>

namespace trtc::control {

struct UiAsset {
  std::string_view name;  // a file name in ui/ ("app.js"); empty ends the table
  std::string_view body;
};

// Every file of ui/, by name, then an entry with an empty name.
extern const UiAsset kUiAssets[];

// The asset of that name, or null.
const UiAsset* FindUiAsset(std::string_view name);
// The Content-Type a browser needs for a file of that name (by its extension).
const char* UiContentType(std::string_view name);

}  // namespace trtc::control
