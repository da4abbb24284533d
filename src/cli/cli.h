// The `meridian` command line: serve, import, demo, config, version. Each subcommand is a
// thin adapter: parse flags into settings, open the store, call one engine or platform
// function, print a summary.
#pragma once

namespace meridian::cli {

// Runs the command line; returns the process exit code (0 ok, 1 failure, 2 usage error).
int Run(int argc, char** argv);

}  // namespace meridian::cli
