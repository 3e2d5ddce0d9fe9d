// InformerOptions: the knobs of one informer's list+watch loop, with client-go's values as
// defaults: pages of 500, a watch timeout drawn at random between 5 and 10 minutes (so the
// watches of a cluster's clients do not all reconnect at the same moment), the reconnect policy
// of reconnect_policy.h, and a seed for tests that want deterministic jitter. Plain value.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "cache/list_pager.h"
#include "cache/reconnect_policy.h"

namespace scaledeck::cache {

struct InformerOptions {
    ListPagerOptions list;
    std::chrono::seconds minWatchTimeout{std::chrono::minutes{5}};
    std::chrono::seconds maxWatchTimeout{std::chrono::minutes{10}};
    ReconnectPolicyOptions reconnect;
    std::optional<std::uint64_t> seed;  // jitter and watch timeouts; random when unset
};

}  // namespace scaledeck::cache
