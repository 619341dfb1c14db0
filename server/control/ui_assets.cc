#include "server/control/ui_assets.h"

namespace trtc::control {

const UiAsset* FindUiAsset(std::string_view name) {
  for (const UiAsset* asset = kUiAssets; !asset->name.empty(); ++asset) {
    if (asset->name == name) return asset;
  }
  return nullptr;
}

const char* UiContentType(std::string_view name) {
  struct Type {
    std::string_view extension;
    const char* content_type;
  };
  // ES modules must come as JavaScript, or the browser refuses to run them.
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},     {".json", "application/json; charset=utf-8"},
      {".png", "image/png"},                   {".svg", "image/svg+xml"},
      {".ico", "image/x-icon"},
  };
  for (const Type& type : kTypes) {
    if (name.ends_with(type.extension)) return type.content_type;
  }
  return "application/octet-stream";
}

}  // namespace trtc::control
