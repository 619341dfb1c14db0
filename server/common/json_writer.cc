#include <array>
#include <charconv>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/common/json.h"
#include "server/common/utf8.h"

namespace trtc::json {
namespace {

// What each byte needs, as RapidJSON's Writer::WriteString does: 0 copies it, a letter is
// its escape ('u' for \u00XX), kMultiByte starts a sequence that must be checked as UTF-8.
constexpr char kMultiByte = 1;
constexpr auto kByteClass = [] {
  std::array<char, 256> table{};
  for (int byte = 0; byte < 0x20; ++byte) table[byte] = 'u';
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  for (int byte = 0x80; byte < 0x100; ++byte) table[byte] = kMultiByte;
  return table;
}();

// Appends `text` escaped, checking UTF-8 in the same pass: runs that need nothing are
// copied in one append. False (and `out` as it was) at the first ill-formed sequence.
bool AppendEscapedIfValid(std::string* out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const size_t out_size = out->size();
  size_t plain_from = 0;
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const char what = kByteClass[byte];
    if (what == 0) {
      ++i;
      continue;
    }
    if (what == kMultiByte) {
      const size_t length = Utf8SequenceLength(text, i);
      if (length == 0) {
        out->resize(out_size);
        return false;
      }
      i += length;
      continue;
    }
    out->append(text, plain_from, i - plain_from);
    out->push_back('\\');
    out->push_back(what);
    if (what == 'u') {
      const char code[4] = {'0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
      out->append(code, sizeof code);
    }
    plain_from = ++i;
  }
  out->append(text, plain_from, text.size() - plain_from);
  return true;
}

}  // namespace

void AppendString(std::string* out, std::string_view text) {
  out->push_back('"');
  if (!AppendEscapedIfValid(out, text)) {
    AppendEscapedIfValid(out, ValidUtf8(text));  // rare: request bytes quoted back
  }
  out->push_back('"');
}

std::string Quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  AppendString(&out, text);
  return out;
}

void Writer::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (depth_ == 0) return;
  const uint64_t bit = uint64_t{1} << (depth_ - 1);
  if (level_has_values_ & bit) out_.push_back(',');
  level_has_values_ |= bit;
}

Writer& Writer::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  ++depth_;  // nesting is the emulator's own, never a client's: 64 levels is plenty
  level_has_values_ &= ~(uint64_t{1} << (depth_ - 1));
  return *this;
}

Writer& Writer::Close(char bracket) {
  --depth_;
  out_.push_back(bracket);
  return *this;
}

Writer& Writer::Key(std::string_view name) {
  BeforeValue();
  AppendString(&out_, name);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

Writer& Writer::String(std::string_view text) {
  BeforeValue();
  AppendString(&out_, text);
  return *this;
}

Writer& Writer::Int(int64_t value) {
  BeforeValue();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

Writer& Writer::Uint(uint64_t value) {
  BeforeValue();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

Writer& Writer::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
  return *this;
}

Writer& Writer::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

Writer& Writer::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

Writer& Writer::Copy(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return Raw(std::string_view(buffer.GetString(), buffer.GetSize()));
}

}  // namespace trtc::json
