// RowDecoder<NodeRow>: spec (cordon, taints), status (capacity, allocatable, conditions,
// addresses, nodeInfo) and roles derived from the labels once they are known.
#include <algorithm>

#include "kube/objects/row_decoder.h"

namespace scaledeck::kube::objects::detail {
namespace {

constexpr std::string_view kRolePrefix = "node-role.kubernetes.io/";
constexpr std::string_view kRoleLabel = "kubernetes.io/role";

bool readNodeResources(od::value& value, NodeResources& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        std::optional<std::int64_t> amount;
        if (key == "cpu") {
            if (!readMilliQuantity(v, amount, ctx))
                return false;
            out.cpuMilli = amount.value_or(0);
        } else if (key == "memory" || key == "pods") {
            if (!readWholeQuantity(v, amount, ctx))
                return false;
            (key == "memory" ? out.memoryBytes : out.pods) = amount.value_or(0);
        }
        return true;
    });
}

bool readTaint(od::value& value, Taint& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "key")
            return readInterned(v, out.key, ctx);
        if (key == "value")
            return readInterned(v, out.value, ctx);
        if (key == "effect") {
            std::string_view effect;
            if (!readString(v, effect, ctx))
                return false;
            if (effect == "NoSchedule")
                out.effect = TaintEffect::NoSchedule;
            else if (effect == "PreferNoSchedule")
                out.effect = TaintEffect::PreferNoSchedule;
            else if (effect == "NoExecute")
                out.effect = TaintEffect::NoExecute;
            return true;
        }
        return true;
    });
}

bool readNodeSpec(od::value& value, NodeRow& row, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "unschedulable")
            return readBool(v, row.unschedulable, ctx);
        if (key == "taints") {
            row.taints.clear();
            return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                Taint taint;
                if (!readTaint(element, taint, ctx))
                    return false;
                row.taints.push_back(std::move(taint));
                return true;
            });
        }
        return true;
    });
}

bool readNodeConditions(od::value& value, NodeRow& row, DecodeContext& ctx) {
    std::vector<Condition> conditions;
    if (!readConditions(value, conditions, ctx))
        return false;
    for (Condition& c : conditions) {
        const std::string_view type = c.type.view();
        if (type == "Ready")
            row.ready = std::move(c);
        else if (type == "MemoryPressure")
            row.memoryPressure = c.isTrue();
        else if (type == "DiskPressure")
            row.diskPressure = c.isTrue();
        else if (type == "PIDPressure")
            row.pidPressure = c.isTrue();
        else if (type == "NetworkUnavailable")
            row.networkUnavailable = c.isTrue();
    }
    return true;
}

bool readAddresses(od::value& value, NodeRow& row, DecodeContext& ctx) {
    return forEachElement(value, ctx, [&](od::value& element, std::size_t) {
        std::string_view type;
        std::string_view address;
        const bool ok = forEachField(element, ctx, [&](std::string_view key, od::value& v) {
            if (key == "type")
                return readString(v, type, ctx);
            if (key == "address")
                return readString(v, address, ctx);
            return true;
        });
        // kubectl shows the first address of each type.
        if (ok && type == "InternalIP" && row.internalIP.empty())
            row.internalIP.assign(address);
        else if (ok && type == "ExternalIP" && row.externalIP.empty())
            row.externalIP.assign(address);
        return ok;
    });
}

bool readNodeStatus(od::value& value, NodeRow& row, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "capacity")
            return readNodeResources(v, row.capacity, ctx);
        if (key == "allocatable")
            return readNodeResources(v, row.allocatable, ctx);
        if (key == "conditions")
            return readNodeConditions(v, row, ctx);
        if (key == "addresses")
            return readAddresses(v, row, ctx);
        if (key == "nodeInfo") {
            return forEachField(v, ctx, [&](std::string_view k, od::value& f) {
                if (k == "kubeletVersion")
                    return readInterned(f, row.kubeletVersion, ctx);
                if (k == "containerRuntimeVersion")
                    return readInterned(f, row.containerRuntimeVersion, ctx);
                if (k == "osImage")
                    return readInterned(f, row.osImage, ctx);
                return true;
            });
        }
        return true;
    });
}

}  // namespace

void RowDecoder<NodeRow>::begin(NodeRow&, DecodeContext&) {}

bool RowDecoder<NodeRow>::field(std::string_view key, od::value& value, NodeRow& row,
                                DecodeContext& ctx) {
    if (key == "spec")
        return readNodeSpec(value, row, ctx);
    if (key == "status")
        return readNodeStatus(value, row, ctx);
    return true;
}

bool RowDecoder<NodeRow>::finish(NodeRow& row, DecodeContext& ctx) {
    // kubectl's findNodeRoles: node-role.kubernetes.io/<role> keys and kubernetes.io/role values.
    for (const auto& [key, value] : row.meta.labels) {
        const std::string_view k = key.view();
        if (k.size() > kRolePrefix.size() && k.substr(0, kRolePrefix.size()) == kRolePrefix)
            row.roles.push_back(ctx.intern(k.substr(kRolePrefix.size())));
        else if (k == kRoleLabel && !value.empty())
            row.roles.push_back(value);
    }
    std::sort(row.roles.begin(), row.roles.end());
    row.roles.erase(std::unique(row.roles.begin(), row.roles.end()), row.roles.end());
    row.roles.shrink_to_fit();
    return true;
}

}  // namespace scaledeck::kube::objects::detail

namespace scaledeck::kube::objects {

const char* toString(TaintEffect effect) {
    switch (effect) {
        case TaintEffect::NoSchedule:
            return "NoSchedule";
        case TaintEffect::PreferNoSchedule:
            return "PreferNoSchedule";
        case TaintEffect::NoExecute:
            return "NoExecute";
        case TaintEffect::Unknown:
            break;
    }
    return "";
}

}  // namespace scaledeck::kube::objects
