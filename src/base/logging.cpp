#include "base/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "base/json.h"
#include "base/time.h"

namespace meridian {
namespace {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    auto since = msg.time.time_since_epoch();
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(since).count();
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since).count() % 1000;
    std::string ts = FormatRfc3339(secs);
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(millis));
    ts.replace(ts.size() - 1, 1, frac);
    Json line = {{"ts", ts},
                 {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                                       spdlog::level::to_string_view(msg.level).size())},
                 {"logger", std::string(msg.logger_name.data(), msg.logger_name.size())},
                 {"msg", std::string(msg.payload.data(), msg.payload.size())}};
    std::string text = DumpJson(line);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

void ApplyFormat(spdlog::logger& logger, LogFormat format) {
  if (format == LogFormat::kJson) {
    logger.set_formatter(MakeJsonFormatter());
  } else {
    logger.set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
  }
}

}  // namespace

std::unique_ptr<spdlog::formatter> MakeJsonFormatter() {
  return std::make_unique<JsonFormatter>();
}

Status SetupLogging(const LogOptions& options) {
  auto level = spdlog::level::from_str(options.level);
  if (level == spdlog::level::off && options.level != "off") {
    return InvalidArgumentError("unknown log level '" + options.level + "'", "log.level");
  }
  auto logger = std::make_shared<spdlog::logger>("meridian",
                                                 std::make_shared<spdlog::sinks::stderr_sink_mt>());
  ApplyFormat(*logger, options.format);
  logger->set_level(level);
  spdlog::set_default_logger(logger);
  return OkStatus();
}

std::shared_ptr<spdlog::logger> MakeLogger(const std::string& name, const LogOptions& options) {
  auto logger =
      std::make_shared<spdlog::logger>(name, std::make_shared<spdlog::sinks::stdout_sink_mt>());
  ApplyFormat(*logger, options.format);
  logger->set_level(spdlog::level::info);
  return logger;
}

}  // namespace meridian
