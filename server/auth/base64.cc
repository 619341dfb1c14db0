#include "server/auth/base64.h"

#include <array>
#include <cstdint>

namespace trtc::auth {
namespace {

constexpr char kStandard[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int8_t kPad = -2;
constexpr int8_t kInvalid = -1;

// Maps a character to its 6-bit value, kPad for padding, kInvalid otherwise.
using DecodeTable = std::array<int8_t, 256>;

constexpr DecodeTable MakeTable(bool tencent) {
  DecodeTable table{};
  for (auto& entry : table) entry = kInvalid;
  for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kStandard[i])] = static_cast<int8_t>(i);
  table['='] = kPad;
  if (tencent) {
    table['*'] = 62;
    table['-'] = 63;
    table['_'] = kPad;
  }
  return table;
}

constexpr DecodeTable kStandardTable = MakeTable(false);
constexpr DecodeTable kTencentTable = MakeTable(true);

std::string Encode(std::string_view bytes, const char* alphabet, char pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += alphabet[n >> 18];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    const uint32_t n = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out += alphabet[n >> 18];
    out += alphabet[(n >> 12) & 63];
    out += rest == 2 ? alphabet[(n >> 6) & 63] : pad;
    out += pad;
  }
  return out;
}

bool Decode(std::string_view text, const DecodeTable& table, std::string* out) {
  out->clear();
  if (text.size() % 4 != 0) return false;
  out->reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    int8_t v[4];
    for (int k = 0; k < 4; ++k) v[k] = table[static_cast<unsigned char>(text[i + k])];
    const bool last = i + 4 == text.size();
    // Padding: only in the last quantum, only as its last one or two characters.
    int pads = 0;
    if (v[3] == kPad) pads = v[2] == kPad ? 2 : 1;
    if (pads > 0 && !last) return false;
    for (int k = 0; k < 4 - pads; ++k) {
      if (v[k] < 0) return false;
    }
    const uint32_t n = static_cast<uint32_t>(v[0]) << 18 | static_cast<uint32_t>(v[1]) << 12 |
                       (pads < 2 ? static_cast<uint32_t>(v[2]) << 6 : 0) |
                       (pads < 1 ? static_cast<uint32_t>(v[3]) : 0);
    out->push_back(static_cast<char>(n >> 16));
    if (pads < 2) out->push_back(static_cast<char>((n >> 8) & 0xff));
    if (pads < 1) out->push_back(static_cast<char>(n & 0xff));
  }
  return true;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string Base64Encode(std::string_view bytes) { return Encode(bytes, kStandard, '='); }

std::string TencentBase64Encode(std::string_view bytes) {
  static constexpr char kTencent[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-";
  return Encode(bytes, kTencent, '_');
}

bool Base64Decode(std::string_view text, std::string* out) {
  return Decode(text, kStandardTable, out);
}

bool TencentBase64Decode(std::string_view text, std::string* out) {
  bool has_space = false;
  for (char c : text) has_space |= IsAsciiSpace(c);
  if (!has_space) return Decode(text, kTencentTable, out);
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (!IsAsciiSpace(c)) compact.push_back(c);
  }
  return Decode(compact, kTencentTable, out);
}

}  // namespace trtc::auth
