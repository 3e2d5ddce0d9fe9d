// scaledeck-cli: the scriptable face of ScaleDeck's core — `get` any of the types the console
// shows, through the same kubeconfig loader, REST client and decoders, printed like kubectl.
#include <QCoreApplication>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli_options.h"
#include "cli/get_command.h"

using namespace scaledeck;

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    auto options = cli::CliOptions::parse(args);
    if (!options.ok()) {
        std::fprintf(stderr, "scaledeck-cli: %s (see scaledeck-cli --help)\n",
                     options.error().message.c_str());
        return 2;
    }
    if (options->help) {
        std::fputs(cli::CliOptions::usage().c_str(), stdout);
        return 0;
    }
    QCoreApplication app(argc, argv);  // the REST client needs an event loop
    return cli::GetCommand(std::move(options).value()).run(stdout, stderr);
}
