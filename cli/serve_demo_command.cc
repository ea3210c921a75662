// `nianbao serve-demo [--port N] [--host 127.0.0.1] [--edition N]`: serves the bundled demo portal
// (fixtures/portal) in the foreground until interrupted, printing its base URL; SIGUSR1 moves it to the next edition.
#include <signal.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "demo/portal_server.h"

namespace nianbao::cli {
namespace {

struct ServeDemoOptions {
  std::string host = "127.0.0.1";
  int port = 8760;
  std::string root = demo::default_site_dir();
  int edition = 1;
};

int run_serve_demo(const ServeDemoOptions& options) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // server threads inherit the mask
  try {
    demo::PortalServer server(options.root);
    server.set_edition(options.edition);
    server.start(options.host, options.port);
    std::cout << "nianbao demo portal serving " << options.root << " at " << server.base_url() << "/\n"
              << "  entries: " << server.base_url() << "/pingtan/zwgk/zfxxgk/index.htm, " << server.base_url()
              << "/trs/xxgk/index.html, " << server.base_url() << "/hanweb/index.html, " << server.base_url()
              << "/audit/index.html\n"
              << "  edition " << server.edition() << " (kill -USR1 " << getpid() << " for the next: pages edited after publication)\n"
              << "  (Ctrl-C to stop)" << std::endl;
    int received = 0;
    while (sigwait(&stop_signals, &received) == 0 && received == SIGUSR1) {
      server.set_edition(server.edition() + 1);
      std::cout << "  edition " << server.edition() << std::endl;
    }
    server.stop();
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "nianbao serve-demo: " << error.what() << "\n";
    return 2;
  }
}

}  // namespace

void add_serve_demo_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeDemoOptions>();
  CLI::App* command = app.add_subcommand("serve-demo", "Serve the bundled demo portal on a loopback address");
  command->add_option("--port", options->port, "TCP port (default 8760; 0 picks a free one)")->check(CLI::Range(0, 65535));
  command->add_option("--host", options->host, "Address to listen on (default 127.0.0.1)");
  command->add_option("--root", options->root, "Site directory to serve (default: the bundled fixtures/portal/site)");
  command->add_option("--edition", options->edition,
                      "Edition to start in (default 1; from 2 on, the audit demo's edited page is served changed)")
      ->check(CLI::PositiveNumber);
  command->callback([options, &exit_code] { exit_code = run_serve_demo(*options); });
}

}  // namespace nianbao::cli
