// ObjectViews: the same stored object served in another group-version (autoscaling/v1 HPAs
// over autoscaling/v2 storage, events.k8s.io/v1 events over core events) and the autoscaling/v1
// Scale view of a workload. Conversions both ways, so writes through a view land in storage.
#pragma once

#include <nlohmann/json.hpp>

namespace scaledeck::sim {

struct ResourceInfo;

// Stored object -> the form of `served` (sets kind and apiVersion).
nlohmann::json toServed(const ResourceInfo& served, nlohmann::json stored);
// Incoming object of `served`'s version -> storage form. `existing` (may be null) lets lossy
// views keep what they cannot express (an HPA's memory metric under autoscaling/v1).
nlohmann::json toStorage(const ResourceInfo& served, nlohmann::json incoming,
                         const nlohmann::json* existing);

// Scale (autoscaling/v1) of a Deployment, ReplicaSet or StatefulSet.
nlohmann::json scaleOf(const nlohmann::json& workload);

// The label selector of a workload rendered as Scale.status.selector ("app=web").
std::string selectorString(const nlohmann::json& labelSelector);

}  // namespace scaledeck::sim
