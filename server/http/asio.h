// The one place that includes Boost.Asio and Boost.Beast.
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility>; under
// C++20 that breaks unless <utility> comes first, so it does, here, once.
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace trtc::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;
}  // namespace trtc::http
