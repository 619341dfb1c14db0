#include "server/common/json_string.h"

#include "server/common/utf8.h"

namespace trtc {
namespace {

// The escape for each byte below 0x60 that needs one ('u' for \u00XX), as RapidJSON's
// Writer::WriteString does; 0 copies the byte.
constexpr char kEscape[0x60] = {
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',  // 00
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',  // 10
    0,   0,   '"', 0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 20
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 30
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    // 40
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   '\\', 0,  0,   0,    // 50
};

void AppendEscaped(std::string* out, std::string_view valid) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  size_t plain_from = 0;  // copy runs that need no escape in one append
  for (size_t i = 0; i < valid.size(); ++i) {
    const auto byte = static_cast<unsigned char>(valid[i]);
    if (byte >= 0x60 || kEscape[byte] == 0) continue;
    out->append(valid, plain_from, i - plain_from);
    plain_from = i + 1;
    const char escape = kEscape[byte];
    out->push_back('\\');
    out->push_back(escape);
    if (escape == 'u') {
      const char code[4] = {'0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
      out->append(code, sizeof code);
    }
  }
  out->append(valid, plain_from, valid.size() - plain_from);
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view text) {
  out->push_back('"');
  if (IsValidUtf8(text)) {
    AppendEscaped(out, text);
  } else {
    AppendEscaped(out, ValidUtf8(text));
  }
  out->push_back('"');
}

}  // namespace trtc
