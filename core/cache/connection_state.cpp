#include "cache/connection_state.h"

#include <algorithm>

namespace scaledeck::cache {

namespace {

// Whole seconds, rounded up: "in 0 s" would read as "now" while the client still waits.
std::string seconds(std::chrono::milliseconds delay) {
    const auto whole = (delay.count() + 999) / 1000;
    return std::to_string(whole) + " s";
}

}  // namespace

ConnectionState ConnectionState::listing(std::size_t items, std::optional<std::size_t> expected,
                                         bool relist) {
    ConnectionState state;
    state.phase = relist ? Phase::Relisting : Phase::Listing;
    state.itemsListed = items;
    state.itemsExpected = expected;
    return state;
}

ConnectionState ConnectionState::live() {
    ConnectionState state;
    state.phase = Phase::Live;
    return state;
}

ConnectionState ConnectionState::waiting(Phase phase, std::chrono::milliseconds retryIn,
                                         std::string reason) {
    ConnectionState state;
    state.phase = phase;
    state.retryIn = retryIn;
    state.reason = std::move(reason);
    return state;
}

std::string ConnectionState::describe() const {
    std::string text = toString(phase);
    switch (phase) {
        case Phase::Connecting:
        case Phase::Live:
            break;
        case Phase::Listing:
        case Phase::Relisting:
            text += ": " + std::to_string(itemsListed);
            if (itemsExpected)
                text += " of ~" + std::to_string(*itemsExpected);
            break;
        case Phase::Reconnecting:
            if (retryIn.count() > 0)
                text += " in " + seconds(retryIn);
            if (!reason.empty())
                text += ": " + reason;
            break;
        case Phase::Unauthorized:
        case Phase::Forbidden:
        case Phase::Failed:
            if (!reason.empty())
                text += ": " + reason;
            text += " (retrying in " + seconds(retryIn) + ")";
            break;
    }
    return text;
}

const char* toString(ConnectionState::Phase phase) {
    using Phase = ConnectionState::Phase;
    switch (phase) {
        case Phase::Connecting:
            return "Connecting";
        case Phase::Listing:
            return "Listing";
        case Phase::Live:
            return "Live";
        case Phase::Reconnecting:
            return "Reconnecting";
        case Phase::Relisting:
            return "Relisting";
        case Phase::Unauthorized:
            return "Unauthorized";
        case Phase::Forbidden:
            return "Forbidden";
        case Phase::Failed:
            return "Failed";
    }
    return "Failed";
}

int severity(ConnectionState::Phase phase) {
    using Phase = ConnectionState::Phase;
    switch (phase) {
        case Phase::Live:
            return 0;
        case Phase::Connecting:
            return 1;
        case Phase::Listing:
            return 2;
        case Phase::Relisting:
            return 3;
        case Phase::Reconnecting:
            return 4;
        case Phase::Forbidden:
            return 5;
        case Phase::Unauthorized:
            return 6;
        case Phase::Failed:
            return 7;
    }
    return 7;
}

ConnectionSummary summarize(std::span<const ConnectionState> states) {
    ConnectionSummary summary;
    summary.informers = static_cast<int>(states.size());
    if (states.empty())
        return summary;

    const auto worst = std::max_element(states.begin(), states.end(),
                                        [](const ConnectionState& a, const ConnectionState& b) {
                                            return severity(a.phase) < severity(b.phase);
                                        });
    summary.overall = *worst;
    summary.overall.itemsListed = 0;
    summary.overall.itemsExpected.reset();
    summary.overall.lastSync.reset();

    bool everyEstimate = true;
    for (const ConnectionState& state : states) {
        if (state.phase == ConnectionState::Phase::Live)
            ++summary.live;
        if (state.phase == summary.overall.phase) {
            summary.overall.retryIn = std::min(summary.overall.retryIn, state.retryIn);
            summary.overall.itemsListed += state.itemsListed;
            if (state.itemsExpected)
                summary.overall.itemsExpected =
                    summary.overall.itemsExpected.value_or(0) + *state.itemsExpected;
            else
                everyEstimate = false;
        }
        if (state.lastSync &&
            (!summary.overall.lastSync || *state.lastSync < *summary.overall.lastSync))
            summary.overall.lastSync = state.lastSync;
    }
    // A total is only an estimate of the whole when every informer sent one.
    if (!everyEstimate)
        summary.overall.itemsExpected.reset();
    return summary;
}

}  // namespace scaledeck::cache
