// Rows and batches for the dashboard's model and widget tests: rows decoded from the JSON the
// simulator captured (tests/fixtures/objects/, through the real ObjectDecoder), rows built by hand
// for shapes that are tedious in JSON (15,000 pods), and DeltaBatch builders.
#pragma once

#include <gtest/gtest.h>

#include <QString>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "base/time_format.h"
#include "cache/delta.h"
#include "kube/objects/object_decoder.h"
#include "kube/objects/string_pool.h"
#include "unit/kube/objects/object_fixtures.h"

// gtest prints QStrings as text, not as arrays of 2-byte objects.
inline void PrintTo(const QString& text, std::ostream* os) {
    *os << '"' << text.toStdString() << '"';
}

namespace scaledeck::uitest {

using kube::objects::InternedString;

inline InternedString intern(std::string_view text) {
    return kube::objects::StringPool::shared().intern(text);
}

inline base::UnixMillis at(std::string_view rfc3339) {
    const auto t = base::parseRfc3339(rfc3339);
    EXPECT_TRUE(t.has_value()) << rfc3339;
    return t.value_or(0);
}

template <class Row>
std::shared_ptr<const Row> share(Row row) {
    return std::make_shared<const Row>(std::move(row));
}

template <class Row>
std::shared_ptr<const Row> decodeRow(const std::string& json) {
    auto row = kube::objects::decodeObject<Row>(json);
    EXPECT_TRUE(row.ok()) << (row.ok() ? "" : row.error().message);
    return row.ok() ? share(std::move(row).value()) : nullptr;
}

template <class Row>
std::vector<std::shared_ptr<const Row>> decodeListJson(const std::string& json) {
    auto page = kube::objects::decodeList<Row>(json);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    std::vector<std::shared_ptr<const Row>> rows;
    if (page.ok()) {
        for (auto& item : page->items)
            rows.push_back(share(std::move(item)));
    }
    return rows;
}

template <class Row>
std::vector<std::shared_ptr<const Row>> fixtureRows(std::string_view name) {
    return decodeListJson<Row>(kube::objects::testing::readFixture(name));
}

template <class Row>
cache::DeltaBatch<Row> batchOf(cache::DeltaType type,
                               const std::vector<std::shared_ptr<const Row>>& rows) {
    cache::DeltaBatch<Row> batch;
    for (const auto& row : rows)
        batch.deltas.push_back({type, row});
    return batch;
}

template <class Row>
cache::DeltaBatch<Row> replaceWith(const std::vector<std::shared_ptr<const Row>>& rows) {
    auto batch = batchOf(cache::DeltaType::Added, rows);
    batch.replace = true;
    return batch;
}

template <class Row>
cache::DeltaBatch<Row> added(const std::vector<std::shared_ptr<const Row>>& rows) {
    return batchOf(cache::DeltaType::Added, rows);
}

template <class Row>
cache::DeltaBatch<Row> modified(const std::vector<std::shared_ptr<const Row>>& rows) {
    return batchOf(cache::DeltaType::Modified, rows);
}

template <class Row>
cache::DeltaBatch<Row> deleted(const std::vector<std::shared_ptr<const Row>>& rows) {
    return batchOf(cache::DeltaType::Deleted, rows);
}

// A running, ready pod of one container requesting 500m CPU and 512Mi, created at `created`.
inline kube::objects::PodRow runningPod(const std::string& name, const std::string& node,
                                        base::UnixMillis created) {
    using namespace kube::objects;
    PodRow pod;
    pod.meta.namespaceName = intern("greenlang");
    pod.meta.name = name;
    pod.meta.creationTimestamp = created;
    pod.phase = PodPhase::Running;
    pod.status = intern("Running");
    pod.readyContainers = 1;
    pod.totalContainers = 1;
    pod.nodeName = intern(node);
    pod.ready.type = intern("Ready");
    pod.ready.status = ConditionStatus::True;
    PodContainer c;
    c.name = intern("app");
    c.ready = true;
    c.state = ContainerState::Running;
    c.resources.cpuRequestMilli = 500;
    c.resources.memoryRequestBytes = 512LL << 20;
    pod.containers.push_back(c);
    return pod;
}

}  // namespace scaledeck::uitest
