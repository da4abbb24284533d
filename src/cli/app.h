// Everything `meridian serve` runs over one store, assembled and started: the catalog,
// accounts, trust, search, matching, the "for you" feed, the model watcher and schedulers,
// the change feed that keeps them current, and the router with the API and the web pages.
// serve.cpp puts the HTTP server in front of router(); the fuzz target for the HTTP path
// calls the same router in process (http/wire.h).
//
//   ASSIGN_OR_RETURN(std::unique_ptr<App> app, App::Start(settings));
//   http::Server server(app->router(), app->metrics(), options);
//   app->SetReady(true);
#pragma once

#include <memory>

#include "base/config.h"
#include "base/statusor.h"
#include "engine/store/store.h"
#include "http/metrics.h"
#include "http/router.h"

namespace meridian::cli {

class App {
 public:
  // Opens the store named by settings.db and starts every service and background task.
  static StatusOr<std::unique_ptr<App>> Start(const Settings& settings);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  const http::Router& router() const;
  http::Metrics& metrics();
  Store& store();
  // /readyz answers 503 until this is set (and after it is cleared again).
  void SetReady(bool ready);

 private:
  struct Parts;
  App();
  std::unique_ptr<Parts> parts_;
};

}  // namespace meridian::cli
