// Boost 1.74 + g++ 12 + C++20 coroutines: <utility> must precede the Asio headers.
#include "http/server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "base/utf8.h"
#include "http/beast_request.h"
#include "http/errors.h"
#include "http/request_path.h"

namespace meridian::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using ReusePort = net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
// Every connection lives on one io_context: concrete executor types spare the coroutines
// and the stream the type-erased any_io_executor on every operation.
using Executor = net::io_context::executor_type;
template <typename T>
using Task = net::awaitable<T, Executor>;
constexpr net::use_awaitable_t<Executor> kAwait{};
using Stream = beast::basic_stream<tcp, Executor>;
using Socket = net::basic_stream_socket<tcp, Executor>;
using Acceptor = net::basic_socket_acceptor<tcp, Executor>;

namespace {

// Connections taken from the listen queue at once after an accept completes.
constexpr int kAcceptBatch = 256;

void AppendStatusLine(std::string* out, int status) {
  *out += "HTTP/1.1 ";
  *out += std::to_string(status);
  *out += ' ';
  auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
  out->append(reason.data(), reason.size());
  *out += "\r\n";
}

// Header values never carry CR or LF: a value cannot end the header block early.
void AppendHeader(std::string* out, std::string_view name, std::string_view value) {
  out->append(name);
  *out += ": ";
  if (value.find_first_of("\r\n") == std::string_view::npos) {
    out->append(value);
  } else {
    for (char c : value) {
      if (c != '\r' && c != '\n') *out += c;
    }
  }
  *out += "\r\n";
}

// The IMF-fixdate for the Date header, recomputed at most once a second per worker.
class DateCache {
 public:
  std::string_view Now() {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    if (t != last_) {
      last_ = t;
      std::tm tm;
      gmtime_r(&t, &tm);
      char buf[64];
      size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
      text_.assign(buf, n);
    }
    return text_;
  }

 private:
  std::time_t last_ = 0;
  std::string text_;
};

constexpr std::string_view kHtmlPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

}  // namespace

struct SessionState {
  Stream* stream = nullptr;
  bool busy = false;
};

struct Worker {
  int index = 0;
  net::io_context ioc{1};
  std::unique_ptr<Acceptor> acceptor;
  std::set<SessionState*> sessions;  // touched only on this worker's thread
  uint64_t next_request = 0;
  DateCache date;
  std::thread thread;
};

class Server::Impl {
 public:
  Impl(const Router& router, Metrics& metrics, ServerOptions options)
      : router_(router), metrics_(metrics), options_(std::move(options)) {}

  Status Start();
  void Shutdown();
  void Wait();
  int port() const { return port_; }

 private:
  Task<void> Accept(Worker& w);
  void StartSession(Worker& w, Socket socket);
  Task<void> Session(Worker& w, Socket socket);
  Task<Response> RunBlocking(const Router::Route& r, Request& req);
  Task<Response> Handle(Worker& w, BeastRequest& raw, const std::string& remote, int* route);

  const Router& router_;
  Metrics& metrics_;
  ServerOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  // Declared after workers_: destroyed (and joined) first, while the io_contexts that its
  // completions go back to still exist.
  std::unique_ptr<net::thread_pool> blocking_;
  std::atomic<int> blocking_queued_{0};  // requests on or waiting for the blocking pool
  std::atomic<bool> stopping_{false};
  int port_ = 0;
  std::mutex done_mu_;
  std::condition_variable done_cv_;
  int running_ = 0;
  bool waited_ = false;
};

Status Server::Impl::Start() {
  int threads = options_.threads > 0
                    ? options_.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::string> names;
  for (size_t i = 0; i < router_.routes().size(); ++i)
    names.push_back(router_.RouteName(static_cast<int>(i)));
  metrics_.SetRoutes(std::move(names), threads);
  if (options_.blocking_threads > 0) {
    blocking_ = std::make_unique<net::thread_pool>(static_cast<size_t>(options_.blocking_threads));
  }
  boost::system::error_code ec;
  auto address = net::ip::make_address(options_.host, ec);
  if (ec)
    return InvalidArgumentError("server.host: '" + options_.host + "' is not an IP address",
                                "server.host");
  int port = options_.port;
  for (int i = 0; i < threads; ++i) {
    auto w = std::make_unique<Worker>();
    w->index = i;
    w->acceptor = std::make_unique<Acceptor>(w->ioc);
    tcp::endpoint ep(address, static_cast<unsigned short>(port));
    w->acceptor->open(ep.protocol(), ec);
    if (!ec) w->acceptor->set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) w->acceptor->set_option(ReusePort(true), ec);
    if (!ec) w->acceptor->bind(ep, ec);
    if (!ec) w->acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (!ec) w->acceptor->non_blocking(true, ec);
    if (ec) {
      return UnavailableError("cannot listen on " + options_.host + ":" + std::to_string(port) +
                              ": " + ec.message());
    }
    if (i == 0) port = w->acceptor->local_endpoint().port();
    workers_.push_back(std::move(w));
  }
  port_ = port;
  running_ = threads;
  for (auto& wp : workers_) {
    Worker* w = wp.get();
    net::co_spawn(w->ioc, Accept(*w), net::detached);
    w->thread = std::thread([this, w] {
      try {
        w->ioc.run();
      } catch (const std::exception& e) {
        spdlog::error("http worker {} stopped: {}", w->index, e.what());
      }
      std::lock_guard<std::mutex> lock(done_mu_);
      --running_;
      done_cv_.notify_all();
    });
  }
  return OkStatus();
}

void Server::Impl::Shutdown() {
  if (stopping_.exchange(true)) return;
  for (auto& wp : workers_) {
    Worker* w = wp.get();
    net::post(w->ioc, [w] {
      boost::system::error_code ec;
      w->acceptor->close(ec);
      for (SessionState* s : w->sessions) {
        if (!s->busy) s->stream->socket().close(ec);
      }
    });
  }
}

void Server::Impl::Wait() {
  {
    std::unique_lock<std::mutex> lock(done_mu_);
    if (waited_) return;
    auto grace = std::chrono::seconds(options_.shutdown_grace_seconds);
    if (stopping_) {
      if (!done_cv_.wait_for(lock, grace, [&] { return running_ == 0; })) {
        spdlog::warn("shutdown grace period of {} s expired; closing remaining connections",
                     options_.shutdown_grace_seconds);
        for (auto& w : workers_) w->ioc.stop();
      }
    } else {
      done_cv_.wait(lock, [&] { return running_ == 0; });
    }
    waited_ = true;
  }
  for (auto& w : workers_) {
    if (w->thread.joinable()) w->thread.join();
  }
  if (blocking_) blocking_->join();
}

Task<void> Server::Impl::Accept(Worker& w) {
  while (!stopping_) {
    boost::system::error_code ec;
    Socket socket = co_await w.acceptor->async_accept(net::redirect_error(kAwait, ec));
    if (ec) {
      if (stopping_ || ec == net::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    StartSession(w, std::move(socket));
    // Take every other connection already waiting too. One accept per wake-up would let
    // a busy worker accept one connection per pass over its ready sessions, and a burst
    // of new clients would wait seconds for their first byte (measured by `make soak`).
    for (int more = 0; more < kAcceptBatch && !stopping_; ++more) {
      Socket next = w.acceptor->accept(ec);  // the acceptor is non-blocking: never waits
      if (ec) break;
      StartSession(w, std::move(next));
    }
  }
}

void Server::Impl::StartSession(Worker& w, Socket socket) {
  boost::system::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  net::co_spawn(w.ioc, Session(w, std::move(socket)), net::detached);
}

Task<Response> Server::Impl::Handle(Worker& w, BeastRequest& raw, const std::string& remote,
                                    int* route) {
  Request req = ToRequest(raw, remote, options_.trust_proxy);
  if (req.request_id.empty()) {
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%d-%llu", w.index,
                          static_cast<unsigned long long>(++w.next_request));
    req.request_id.assign(buf, static_cast<size_t>(n));
  }
  Response resp;
  if (auto bad = ParseTarget(req.target, &req)) {
    resp = std::move(*bad);
  } else {
    Routed routed = FindRoute(router_, req);
    *route = routed.index;
    if (!routed.route) {
      resp = std::move(*routed.response);
    } else if (routed.route->options.blocking && blocking_) {
      // A bounded queue: a flood of sign-ins is turned away at once instead of making every
      // later sign-in wait behind it.
      int limit = 16 * std::max(1, options_.blocking_threads);
      if (blocking_queued_.fetch_add(1) >= limit) {
        resp = HttpError(503, "unavailable", "the server is busy; try again in a moment");
        resp.headers.emplace_back("Retry-After", "1");
      } else {
        resp = co_await RunBlocking(*routed.route, req);
      }
      blocking_queued_.fetch_sub(1);
    } else {
      resp = CallRoute(*routed.route, req);
    }
  }
  resp.headers.emplace_back("X-Request-Id", req.request_id);
  co_return resp;
}

// Runs the handler on the blocking pool and resumes the session on its own I/O thread with
// the response. `req` lives in the suspended coroutine's frame until then.
Task<Response> Server::Impl::RunBlocking(const Router::Route& r, Request& req) {
  auto run = [&r, &req] { return CallRoute(r, req); };
  co_return co_await net::async_initiate<const net::use_awaitable_t<Executor>&, void(Response)>(
      [this, run](auto handler) {
        net::post(*blocking_, [run, handler = std::move(handler)]() mutable {
          Response resp = run();
          auto ex = net::get_associated_executor(handler);
          net::post(ex, [resp = std::move(resp), handler = std::move(handler)]() mutable {
            std::move(handler)(std::move(resp));
          });
        });
      },
      kAwait);
}

Task<void> Server::Impl::Session(Worker& w, Socket socket) {
  Stream stream(std::move(socket));
  SessionState state;
  state.stream = &stream;
  w.sessions.insert(&state);
  struct Deregister {
    Worker& w;
    SessionState* s;
    ~Deregister() { w.sessions.erase(s); }
  } deregister{w, &state};

  std::string remote;
  {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    if (!ec) remote = ep.address().to_string();
  }
  beast::flat_buffer buffer;
  std::string head_buf;
  bool first = true;
  while (!stopping_) {
    boost::system::error_code ec;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
    parser.body_limit(static_cast<std::uint64_t>(options_.max_body_bytes));
    state.busy = false;
    stream.expires_after(std::chrono::seconds(first ? options_.read_timeout_seconds
                                                    : options_.idle_timeout_seconds));
    co_await bhttp::async_read_header(stream, buffer, parser, net::redirect_error(kAwait, ec));
    first = false;
    auto start = std::chrono::steady_clock::now();
    std::optional<Response> early;
    if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::connection_reset ||
        ec == net::error::bad_descriptor) {
      break;
    }
    if (!ec) {
      state.busy = true;
      if (parser.get()[bhttp::field::expect] == "100-continue") {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, parser.get().version()};
        co_await bhttp::async_write(stream, cont, net::redirect_error(kAwait, ec));
        if (ec) break;
      }
      stream.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
      co_await bhttp::async_read(stream, buffer, parser, net::redirect_error(kAwait, ec));
    }
    if (ec == beast::error::timeout) {
      early = HttpError(408, "request_timeout", "the request was not received in time");
    } else if (ec) {
      if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
          ec == net::error::connection_reset) {
        break;
      }
      early = ReadErrorResponse(ec, options_.max_header_bytes, options_.max_body_bytes);
    }
    state.busy = true;
    int route = -1;
    auto& raw = parser.get();
    // (No co_await inside ?: : g++ 12 miscompiles it.)
    Response resp;
    if (early) {
      resp = std::move(*early);
    } else {
      resp = co_await Handle(w, raw, remote, &route);
    }
    bool keep_alive = !early && raw.keep_alive() && !stopping_;
    bool head = !early && raw.method() == bhttp::verb::head;

    // Serialize by hand into a buffer reused across the connection's requests: cheaper than
    // a Beast response object, and the body is written from where it already is.
    size_t body_size = resp.Body().size();
    head_buf.clear();
    AppendStatusLine(&head_buf, resp.status);
    AppendHeader(&head_buf, "Server", "meridian");
    AppendHeader(&head_buf, "Date", w.date.Now());
    AppendHeader(&head_buf, "Content-Type", resp.content_type);
    AppendHeader(&head_buf, "Content-Length", std::to_string(body_size));
    AppendHeader(&head_buf, "X-Content-Type-Options", "nosniff");
    if (StartsWith(resp.content_type, "text/html")) {
      AppendHeader(&head_buf, "Content-Security-Policy", kHtmlPolicy);
      AppendHeader(&head_buf, "Referrer-Policy", "same-origin");
      AppendHeader(&head_buf, "X-Frame-Options", "DENY");
    }
    for (const auto& [k, v] : resp.headers) AppendHeader(&head_buf, k, v);
    if (!keep_alive) {
      AppendHeader(&head_buf, "Connection", "close");
    } else if (!early && raw.version() == 10) {
      AppendHeader(&head_buf, "Connection", "keep-alive");
    }
    head_buf += "\r\n";
    // The write shares the deadline set before the request was read.
    std::array<net::const_buffer, 2> out{net::buffer(head_buf),
                                         head ? net::const_buffer() : net::buffer(resp.Body())};
    co_await net::async_write(stream, out, net::redirect_error(kAwait, ec));
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    metrics_.Record(w.index, route, resp.status, seconds);
    if (options_.access_log) {
      options_.access_log->info(
          "{} \"{} {}\" {} {} {:.3f}ms", remote.empty() ? "-" : remote,
          early ? "-" : std::string(raw.method_string()),
          early ? "-"
                : SanitizeUtf8(
                      Utf8Prefix(std::string_view(raw.target().data(), raw.target().size()), 300)),
          resp.status, body_size, seconds * 1000);
    }
    if (ec || !keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}

Server::Server(const Router& router, Metrics& metrics, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, metrics, std::move(options))) {}
Server::~Server() {
  Shutdown();
  Wait();
}
Status Server::Start() {
  return impl_->Start();
}
int Server::port() const {
  return impl_->port();
}
void Server::Shutdown() {
  impl_->Shutdown();
}
void Server::Wait() {
  impl_->Wait();
}

Status Server::RunUntilSignal(const std::function<void(int port)>& on_listening) {
  net::io_context signals_ioc(1);
  net::signal_set signals(signals_ioc, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (!ec) received = sig;
  });
  RETURN_IF_ERROR(Start());
  if (on_listening) on_listening(port());
  signals_ioc.run();
  spdlog::info("received signal {}; finishing in-flight requests", received);
  Shutdown();
  Wait();
  return OkStatus();
}

}  // namespace meridian::http
