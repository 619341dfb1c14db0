// A raw TCP connection to the server on 127.0.0.1, for tests that misbehave on purpose:
// it sends any bytes at any pace and reads whatever comes back. Every read gives up after
// a hang guard (SO_RCVTIMEO, 30 s), so a server that hangs fails the test instead of
// hanging it; the guard is never what a test asserts on.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace trtc::testing {

class RawConnection {
 public:
  // `receive_buffer` > 0 sets SO_RCVBUF before connecting (a client that reads slowly).
  explicit RawConnection(uint16_t port, int receive_buffer = 0);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False once the server has closed or reset the connection.
  bool Send(std::string_view bytes);
  // Everything the server sends until it closes the connection. *closed is false when the
  // hang guard ran out first.
  std::string ReadUntilClosed(bool* closed);
  // Reads until `bytes` have arrived or the connection ends; returns what arrived.
  std::string ReadAtLeast(size_t bytes);
  // Reads until `marker` has arrived `count` times in all or the connection ends; returns
  // what arrived (an event stream's events end with a blank line).
  std::string ReadUntilCount(std::string_view marker, size_t count);
  // Closes with a reset (SO_LINGER 0) instead of an orderly FIN.
  void Reset();

 private:
  int fd_ = -1;
};

// The status code of the first response in `bytes` ("HTTP/1.1 413 ..." -> 413), or 0.
unsigned StatusOf(std::string_view bytes);

}  // namespace trtc::testing
