// StoreIndex: the secondary indexes every Store keeps, and the values a row is filed under in
// each — its namespace; one "key=value" entry per label; the uid of its controller (the owner
// reference with controller=true: a pod's ReplicaSet, a ReplicaSet's Deployment); and, for
// pods, the node it is bound to. These are the questions the screens ask ("pods of this
// ReplicaSet", "pods on this node", "workloads labelled app=x") without a scan of the store.
// Pure functions over rows; any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kube/objects/object_meta.h"

namespace scaledeck::cache {

enum class StoreIndex : std::uint8_t { Namespace, Label, Owner, Node };
inline constexpr std::size_t kStoreIndexCount = 4;
inline constexpr std::array<StoreIndex, kStoreIndexCount> kStoreIndexes = {
    StoreIndex::Namespace, StoreIndex::Label, StoreIndex::Owner, StoreIndex::Node};

const char* toString(StoreIndex index);

// The Label index's value for one label: "key=value".
inline std::string labelIndexValue(std::string_view key, std::string_view value) {
    std::string text;
    text.reserve(key.size() + 1 + value.size());
    text += key;
    text += '=';
    text += value;
    return text;
}

// Calls `visit(std::string_view value)` once per value `row` is filed under in `index`.
template <class Row, class Visit>
void forEachIndexValue(const Row& row, StoreIndex index, Visit&& visit) {
    const kube::objects::ObjectMeta& meta = row.meta;
    switch (index) {
        case StoreIndex::Namespace:
            if (!meta.namespaceName.empty())
                visit(meta.namespaceName.view());
            return;
        case StoreIndex::Label:
            for (const auto& [key, value] : meta.labels)
                visit(std::string_view(labelIndexValue(key.view(), value.view())));
            return;
        case StoreIndex::Owner:
            if (const auto* owner = meta.controllerRef(); owner && !owner->uid.empty())
                visit(owner->uid.view());
            return;
        case StoreIndex::Node:
            if constexpr (requires { row.nodeName.view(); }) {
                if (!row.nodeName.empty())
                    visit(row.nodeName.view());
            }
            return;
    }
}

// True when `a` and `b` are filed under the same values in every index, so replacing one by
// the other leaves the indexes as they are (the common case: a status update).
template <class Row>
bool sameIndexValues(const Row& a, const Row& b) {
    if (!(a.meta.namespaceName == b.meta.namespaceName) || !(a.meta.labels == b.meta.labels))
        return false;
    const auto* ownerA = a.meta.controllerRef();
    const auto* ownerB = b.meta.controllerRef();
    const std::string_view uidA = ownerA ? ownerA->uid.view() : std::string_view();
    const std::string_view uidB = ownerB ? ownerB->uid.view() : std::string_view();
    if (uidA != uidB)
        return false;
    if constexpr (requires { a.nodeName.view(); })
        return a.nodeName == b.nodeName;
    return true;
}

}  // namespace scaledeck::cache
