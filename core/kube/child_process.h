// Running a helper program to completion for core/kube (exec credential plugins, the user's login
// shell): stdin is /dev/null and the child starts its own session, so it has no controlling
// terminal to prompt on or to take from ScaleDeck; it is killed (with everything it started)
// when it runs past its time limit or prints more than the limit; stdout and stderr are kept
// apart, because stdout may hold a secret that must never reach a message. Blocking; callable
// from any thread, with or without a Qt event loop. Internal to core/kube.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace scaledeck::kube {

struct ChildProcessSpec {
    std::string program;  // absolute path
    std::vector<std::string> args;
    std::vector<std::string> environment;  // complete, "NAME=value"
    std::chrono::milliseconds timeout{30000};
    std::size_t outputLimit = 4 * 1024 * 1024;  // per stream
};

struct ChildProcessResult {
    bool started = false;
    std::string startError;  // why it did not start
    bool timedOut = false;
    bool outputTooLarge = false;
    bool crashed = false;  // killed by a signal
    int exitCode = -1;
    std::string out;
    std::string err;
};

ChildProcessResult runChildProcess(const ChildProcessSpec& spec);

}  // namespace scaledeck::kube
