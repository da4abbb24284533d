// Process logging on spdlog: text ("2026-11-27 09:30:00.123 [info] message") or JSON lines
// ({"ts":...,"level":"info","logger":"meridian","msg":"..."}) on stderr.
//
// SetupLogging() configures spdlog's default logger once, in main(); code below logs with
// spdlog::info(...). The HTTP access log is a separate logger passed to the server.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

#include "base/config.h"
#include "base/status.h"

namespace meridian {

struct LogOptions {
  std::string level = "info";
  LogFormat format = LogFormat::kText;
};

Status SetupLogging(const LogOptions& options);

// A logger named `name` on stdout with the same format (the access log).
std::shared_ptr<spdlog::logger> MakeLogger(const std::string& name, const LogOptions& options);

// The JSON formatter, exposed for tests.
std::unique_ptr<spdlog::formatter> MakeJsonFormatter();

}  // namespace meridian
