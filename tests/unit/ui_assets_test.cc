// The dashboard compiled into the binary (ui/, cmake/embed_ui.cmake): the page is there,
// every file a file names is there, and no file names another host — the dashboard works
// offline and inside the Docker image (README "Dashboard").
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "server/control/ui_assets.h"

namespace trtc {
namespace {

using control::FindUiAsset;
using control::kUiAssets;
using control::UiAsset;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(UiAssetsTest, ThePageAndItsModulesAreCompiledIn) {
  const UiAsset* index = FindUiAsset("index.html");
  ASSERT_NE(index, nullptr);
  EXPECT_NE(index->body.find("<script type=\"module\""), std::string_view::npos);
  EXPECT_EQ(FindUiAsset("no-such-file.js"), nullptr);
  EXPECT_STREQ(control::UiContentType("app.js"), "text/javascript; charset=utf-8");
  EXPECT_STREQ(control::UiContentType("index.html"), "text/html; charset=utf-8");
  EXPECT_STREQ(control::UiContentType("style.css"), "text/css; charset=utf-8");
}

TEST(UiAssetsTest, NoFileNamesAnotherHost) {
  for (const UiAsset* asset = kUiAssets; !asset->name.empty(); ++asset) {
    const std::string text = Lower(asset->body);
    for (std::string_view absolute : {"http://", "https://", "ws://", "wss://", "src=\"//",
                                      "href=\"//", "url(//", "from \"//", "from '//"}) {
      EXPECT_EQ(text.find(absolute), std::string::npos) << asset->name << " has " << absolute;
    }
  }
}

TEST(UiAssetsTest, EveryFileAFileNamesIsThere) {
  for (const UiAsset* asset = kUiAssets; !asset->name.empty(); ++asset) {
    const std::string_view body = asset->body;
    // "/_emulator/ui/<name>" and a module's "./<name>".
    for (std::string_view prefix : {"/_emulator/ui/", "\"./", "'./"}) {
      for (size_t at = 0; (at = body.find(prefix, at)) != std::string_view::npos;) {
        at += prefix.size();
        const size_t end = body.find_first_of("\"'`?#) \n", at);
        const std::string_view name = body.substr(at, end - at);
        if (name.empty()) continue;  // "/_emulator/ui/" itself
        EXPECT_NE(FindUiAsset(name), nullptr) << asset->name << " names " << name;
      }
    }
  }
}

}  // namespace
}  // namespace trtc
