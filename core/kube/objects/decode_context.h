// DecodeContext (internal to the object decoders): the state one decode carries besides the
// row — the string pool, per-object scratch that is reused from object to object so a list of
// 10,000 pods allocates nothing but the rows themselves, and the error being reported.
//
// Errors: a reader that fails calls fail("expected an integer, got string") and returns false;
// each enclosing level adds its field name or index on the way out (atField, atIndex), so the
// message ends up as "status.containerStatuses[0].restartCount: expected an integer, got
// string" without any cost when decoding succeeds.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "kube/objects/hpa_metric.h"
#include "kube/objects/interned_string.h"
#include "kube/objects/label_map.h"
#include "kube/objects/pod_row.h"
#include "kube/objects/pod_status.h"
#include "kube/objects/string_pool.h"

namespace scaledeck::kube::objects::detail {

using StringViewPair = std::pair<std::string_view, std::string_view>;

// One entry of an HPA's status.currentMetrics, held until the spec metrics are known.
struct MetricStatusScratch {
    MetricSourceType type = MetricSourceType::Unknown;
    InternedString resourceName;
    InternedString containerName;
    InternedString metricName;
    InternedString describedKind;
    InternedString describedName;
    MetricValueStatus current;
    bool claimed = false;
};

class DecodeContext {
public:
    explicit DecodeContext(StringPool& pool) : m_pool(&pool) {}

    // Interns through a small per-decoder cache, so the handful of texts a list repeats
    // thousands of times (namespace, label keys, owner, node names) skip the pool's lock.
    InternedString intern(std::string_view text);
    // Drops every reference the context still holds (the intern cache, scratch left by a failed
    // decode), so StringPool::collect() can free those texts; called at the end of every decode.
    void releaseHeldStrings();

    // A quantity's milli-value and value, parsed once per distinct text within the cache.
    struct QuantityValues {
        std::int64_t milli = 0;
        std::int64_t whole = 0;
    };
    base::Result<QuantityValues> quantityValues(std::string_view text);

    // Reports an error at the current position; always returns false.
    bool fail(std::string_view what);
    // Prefixes the error path while unwinding; always return false.
    bool atField(std::string_view field);
    bool atIndex(std::size_t index);

    bool failed() const { return !m_what.empty(); }
    std::string errorMessage() const;
    void clearError() {
        m_path.clear();
        m_what.clear();
    }

    // Scratch, cleared by whoever uses it, never shrunk.
    std::string_view kind;                    // "kind" of the object being decoded
    std::string_view apiVersion;              // "apiVersion" of the object being decoded
    bool sawStatusKind = false;               // the object is a metav1.Status
    std::vector<StringViewPair> annotations;  // metadata.annotations of the current object
    std::vector<StringViewPair> pairs;        // a map being decoded
    PodStatusFacts pod;
    std::vector<PodContainer> podContainers;
    std::vector<MetricStatusScratch> metricStatuses;

private:
    // Direct-mapped: 256 slots hold the distinct texts of a typical pod list many times over.
    static constexpr std::size_t kInternSlots = 256;
    // Quantities are fewer and short; 64 slots of texts up to 23 characters.
    static constexpr std::size_t kQuantitySlots = 64;
    static constexpr std::size_t kQuantityTextMax = 23;

    struct InternSlot {
        std::size_t hash = 0;
        InternedString text;
    };
    struct QuantitySlot {
        char text[kQuantityTextMax] = {};
        std::uint8_t size = 0xff;  // 0xff: empty
        QuantityValues values;
    };

    StringPool* m_pool;
    std::array<InternSlot, kInternSlots> m_internCache;
    std::array<QuantitySlot, kQuantitySlots> m_quantityCache;
    std::string m_path;
    std::string m_what;
};

}  // namespace scaledeck::kube::objects::detail
