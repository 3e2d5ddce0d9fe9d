// ConnectionState: where one informer stands with the API server, as a value the UI can show
// without interpreting errors: Connecting (nothing asked yet), Listing (with the items received
// so far and the server's estimate of the rest), Live (the watch is open: the cache follows the
// cluster), Reconnecting (the next attempt is in `retryIn`, `reason` says why), Relisting (the
// watch history was lost: the cache is being listed again, it stays readable meanwhile),
// Unauthorized and Forbidden (the server's message; retried slowly, since a kubeconfig or RBAC fix
// may come) and Failed (a problem retrying will not fix by itself, e.g. a rejected selector).
// `lastSync` is the last moment the cache was known to be current: the end of a list, or any
// event or bookmark since. ConnectionSummary folds the states of all informers of a cluster
// session into one, for the status bar. Plain values; copy freely, any thread.
#pragma once

#include <QMetaType>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace scaledeck::cache {

struct ConnectionState {
    enum class Phase : std::uint8_t {
        Connecting,
        Listing,
        Live,
        Reconnecting,
        Relisting,
        Unauthorized,
        Forbidden,
        Failed,
    };
    using WallClock = std::chrono::system_clock;

    Phase phase = Phase::Connecting;
    std::size_t itemsListed = 0;               // Listing, Relisting: items received so far
    std::optional<std::size_t> itemsExpected;  // Listing, Relisting: the server's estimate
    std::chrono::milliseconds retryIn{0};      // Reconnecting, Unauthorized, Forbidden, Failed
    std::string reason;                        // why (Reconnecting) or the server's message
    std::optional<WallClock::time_point> lastSync;

    static ConnectionState connecting() { return {}; }
    static ConnectionState listing(std::size_t items, std::optional<std::size_t> expected,
                                   bool relist);
    static ConnectionState live();
    // `phase` is Reconnecting, Unauthorized, Forbidden or Failed.
    static ConnectionState waiting(Phase phase, std::chrono::milliseconds retryIn,
                                   std::string reason);

    // True in the phases that need the user (credentials, RBAC, configuration).
    bool needsAttention() const {
        return phase == Phase::Unauthorized || phase == Phase::Forbidden || phase == Phase::Failed;
    }
    // One line for a status bar or tooltip, e.g. "Reconnecting in 4 s: the server closed the
    // watch" or "Listing: 1500 of ~10000". The reason is cluster text: show it as plain text.
    std::string describe() const;

    friend bool operator==(const ConnectionState&, const ConnectionState&) = default;
};

const char* toString(ConnectionState::Phase phase);

// The states of every informer of one cluster session, folded for the status bar: `overall`
// is the most severe state (Failed > Unauthorized > Forbidden > Reconnecting > Relisting >
// Listing > Connecting > Live) with its reason and the shortest retry among states of that
// phase, items summed over the informers in that phase, and the oldest lastSync among the
// informers that synced (how stale the stalest view may be).
struct ConnectionSummary {
    ConnectionState overall;
    int informers = 0;
    int live = 0;

    friend bool operator==(const ConnectionSummary&, const ConnectionSummary&) = default;
};

// 0 for Live … 7 for Failed: higher is more severe.
int severity(ConnectionState::Phase phase);
ConnectionSummary summarize(std::span<const ConnectionState> states);

}  // namespace scaledeck::cache

Q_DECLARE_METATYPE(scaledeck::cache::ConnectionState)
Q_DECLARE_METATYPE(scaledeck::cache::ConnectionSummary)
