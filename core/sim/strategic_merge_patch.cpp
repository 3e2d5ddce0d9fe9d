#include "sim/strategic_merge_patch.h"

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scaledeck::sim {
namespace {

using json = nlohmann::json;

constexpr std::string_view kDirectiveMarker = "$patch";
constexpr std::string_view kRetainKeys = "$retainKeys";
constexpr std::string_view kSetElementOrderPrefix = "$setElementOrder/";
constexpr std::string_view kDeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

// Thrown inside this file only and turned into an Error at the public boundary: the merge is a
// deep recursion where every level can fail.
struct PatchFailure {
    std::string message;
};

[[noreturn]] void fail(std::string message) {
    throw PatchFailure{std::move(message)};
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// The field names (map keys) from the document root to the current map.
using Path = std::vector<std::string>;

Path child(const Path& path, const std::string& key) {
    Path p = path;
    p.push_back(key);
    return p;
}

struct ListStrategy {
    bool merge = false;    // false: the patch replaces the list
    std::string mergeKey;  // empty with merge: a set of scalars (finalizers)
};

bool insideContainer(const Path& path) {
    return std::any_of(path.begin(), path.end(), [](const std::string& key) {
        return key == "containers" || key == "initContainers" || key == "ephemeralContainers";
    });
}

// The patchStrategy/patchMergeKey tags of the Kubernetes types, by field name.
ListStrategy listStrategy(const std::string& field, const Path& path) {
    static const std::pair<std::string_view, std::string_view> kKeyed[] = {
        {"containers", "name"},
        {"initContainers", "name"},
        {"ephemeralContainers", "name"},
        {"env", "name"},
        {"volumes", "name"},
        {"imagePullSecrets", "name"},
        {"resourceClaims", "name"},
        {"schedulingGates", "name"},
        {"volumeMounts", "mountPath"},
        {"volumeDevices", "devicePath"},
        {"resizePolicy", "resourceName"},
        {"conditions", "type"},
        {"ownerReferences", "uid"},
        {"hostAliases", "ip"},
        {"topologySpreadConstraints", "topologyKey"},
    };
    for (const auto& [name, key] : kKeyed) {
        if (field == name)
            return {true, std::string(key)};
    }
    if (field == "ports") {
        if (insideContainer(path))
            return {true, "containerPort"};
        if (path.size() == 1 && path[0] == "spec")
            return {true, "port"};  // a Service
        return {};
    }
    if (field == "addresses" && !path.empty() && path.back() == "status")
        return {true, "type"};
    if (field == "finalizers")
        return {true, ""};
    return {};
}

enum class Kind { Null, Object, Array, String, Number, Boolean };

Kind kindOf(const json& v) {
    if (v.is_object())
        return Kind::Object;
    if (v.is_array())
        return Kind::Array;
    if (v.is_string())
        return Kind::String;
    if (v.is_number())
        return Kind::Number;
    if (v.is_boolean())
        return Kind::Boolean;
    return Kind::Null;
}

std::string noMergeKey(const json& element, const std::string& mergeKey) {
    return "map: " + element.dump() + " does not contain declared merge key: " + mergeKey;
}

// The one element kind shared by all the lists; lists of lists and mixed lists are refused.
std::optional<Kind> elementKind(std::initializer_list<const json*> lists) {
    std::optional<Kind> kind;
    for (const json* list : lists) {
        for (const auto& v : *list) {
            const Kind k = kindOf(v);
            if (k == Kind::Array)
                fail("lists of lists are not supported");
            if (kind && *kind != k) {
                fail("list element types are not identical: " + list->dump());
            }
            kind = k;
        }
    }
    return kind;
}

json mergeMap(json original, json patch, const Path& path);
json mergeList(json original, json patch, const ListStrategy& strategy, const Path& path);

// A value arriving where the original has nothing to merge with: drop its nulls and directives.
json cleanList(const json& list, const Path& path) {
    json out = json::array();
    for (const auto& element : list) {
        if (element.is_object()) {
            if (element.contains(kDirectiveMarker))
                continue;  // markers carry no data
            out.push_back(mergeMap(json::object(), element, path));
        } else {
            out.push_back(element);
        }
    }
    return out;
}

json cleanValue(const json& value, const std::string& key, const Path& path) {
    if (value.is_object())
        return mergeMap(json::object(), value, child(path, key));
    if (value.is_array())
        return cleanList(value, child(path, key));
    return value;
}

// Where an element sits in a list, by merge key for maps and by value for scalars.
long indexIn(const json& list, const json& item, const std::string& mergeKey, bool maps) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (maps) {
            if (list[i].is_object() && item.is_object() && list[i].contains(mergeKey) &&
                item.contains(mergeKey) && list[i][mergeKey] == item[mergeKey]) {
                return static_cast<long>(i);
            }
        } else if (list[i] == item) {
            return static_cast<long>(i);
        }
    }
    return -1;
}

std::pair<std::vector<json>, std::vector<json>> partitionByPresence(const json& merged,
                                                                    const json& partitionBy,
                                                                    const std::string& mergeKey,
                                                                    bool maps) {
    std::vector<json> present;
    std::vector<json> absent;
    for (const auto& v : merged) {
        if (maps && (!v.is_object() || !v.contains(mergeKey)))
            fail(noMergeKey(v, mergeKey));
        (indexIn(partitionBy, v, mergeKey, maps) >= 0 ? present : absent).push_back(v);
    }
    return {std::move(present), std::move(absent)};
}

// strategicpatch.normalizeSliceOrder: sort by position in `order`; unknown elements keep their
// relative order after the known ones.
std::vector<json> sortByOrder(std::vector<json> items, const json& order,
                              const std::string& mergeKey, bool maps) {
    if (maps) {
        for (const auto& v : order) {
            if (!v.is_object() || !v.contains(mergeKey))
                fail(noMergeKey(v, mergeKey));
        }
    }
    std::vector<std::pair<long, json>> keyed;
    keyed.reserve(items.size());
    for (auto& v : items) {
        const long i = indexIn(order, v, mergeKey, maps);
        keyed.emplace_back(i < 0 ? LONG_MAX : i, std::move(v));
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<json> out;
    out.reserve(keyed.size());
    for (auto& [i, v] : keyed)
        out.push_back(std::move(v));
    return out;
}

// strategicpatch.normalizeElementOrder + mergeSortedSlice: patch items in patch order, with the
// server-only items slotted in before a patch item only when the live list had them before it.
json normalizeElementOrder(std::vector<json> patchItems, std::vector<json> serverOnly,
                           const json& patchOrder, const json& serverOrder,
                           const std::string& mergeKey, bool maps) {
    const std::vector<json> right = sortByOrder(std::move(patchItems), patchOrder, mergeKey, maps);
    const std::vector<json> left = sortByOrder(std::move(serverOnly), serverOrder, mergeKey, maps);
    json out = json::array();
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < left.size() || j < right.size()) {
        if (j >= right.size()) {
            out.push_back(left[i++]);
        } else if (i >= left.size()) {
            out.push_back(right[j++]);
        } else {
            const long li = indexIn(serverOrder, left[i], mergeKey, maps);
            const long ri = indexIn(serverOrder, right[j], mergeKey, maps);
            if (li >= 0 && ri >= 0 && li < ri) {
                out.push_back(left[i++]);
            } else {
                out.push_back(right[j++]);
            }
        }
    }
    return out;
}

json mergeList(json original, json patch, const ListStrategy& strategy, const Path& path) {
    if (!strategy.merge)
        return cleanList(patch, path);
    if (original.empty() && patch.empty())
        return original;
    const std::optional<Kind> kind = elementKind({&original, &patch});
    const bool maps = kind == Kind::Object;
    const std::string mergeKey = maps ? strategy.mergeKey : "";

    json merged = json::array();
    if (!maps) {
        // A set of scalars: the union, first occurrence wins.
        for (const json* list : {&original, &patch}) {
            for (const auto& v : *list) {
                if (std::find(merged.begin(), merged.end(), v) == merged.end())
                    merged.push_back(v);
            }
        }
    } else {
        if (mergeKey.empty())
            fail("cannot merge lists without merge key for " + path.back());
        // Directive elements first: deletions by merge key, or a replace marker.
        bool replace = false;
        json plain = json::array();
        for (const auto& element : patch) {
            const auto marker = element.find(kDirectiveMarker);
            if (marker == element.end()) {
                plain.push_back(element);
            } else if (*marker == "delete") {
                if (!element.contains(mergeKey))
                    fail(noMergeKey(element, mergeKey));
                const json& doomed = element[mergeKey];
                json kept = json::array();
                for (auto& o : original) {
                    if (!o.is_object() || !o.contains(mergeKey) || o[mergeKey] != doomed) {
                        kept.push_back(std::move(o));
                    }
                }
                original = std::move(kept);
            } else if (*marker == "replace") {
                replace = true;
            } else if (*marker == "merge") {
                fail("merging lists cannot yet be specified in the patch");
            } else {
                fail("unknown patch type: " + marker->dump() + " in map: " + element.dump());
            }
        }
        if (replace) {
            original = cleanList(plain, path);
            patch = json::array();
        } else {
            patch = std::move(plain);
        }
        merged = original;
        for (const auto& element : patch) {
            if (!element.contains(mergeKey))
                fail(noMergeKey(element, mergeKey));
            bool found = false;
            for (auto& o : merged) {
                if (!o.is_object())
                    fail("value for key " + mergeKey + " is not a map.");
                if (o.contains(mergeKey) && o[mergeKey] == element[mergeKey]) {
                    o = mergeMap(std::move(o), element, path);
                    found = true;
                    break;
                }
            }
            if (!found)
                merged.push_back(mergeMap(json::object(), element, path));
        }
    }
    auto [patchItems, serverOnly] = partitionByPresence(merged, patch, mergeKey, maps);
    return normalizeElementOrder(std::move(patchItems), std::move(serverOnly), patch, original,
                                 mergeKey, maps);
}

// strategicpatch.validatePatchWithSetOrderList: the patch list must follow the given order.
void validateSetElementOrder(const json& patchList, const json& order, const std::string& mergeKey,
                             bool maps) {
    if (order.empty() || patchList.empty())
        return;
    std::vector<json> nonDelete;
    for (const auto& v : patchList) {
        if (maps && v.is_object() && v.value(std::string(kDirectiveMarker), json()) == "delete") {
            continue;
        }
        nonDelete.push_back(v);
    }
    std::size_t pi = 0;
    std::size_t si = 0;
    while (pi < nonDelete.size() && si < order.size()) {
        if (nonDelete[pi].is_object() && nonDelete[pi].contains(kDirectiveMarker)) {
            ++pi;
            continue;
        }
        bool equal = false;
        if (maps) {
            if (!nonDelete[pi].contains(mergeKey))
                fail(noMergeKey(nonDelete[pi], mergeKey));
            if (!order[si].is_object() || !order[si].contains(mergeKey)) {
                fail(noMergeKey(order[si], mergeKey));
            }
            equal = nonDelete[pi][mergeKey] == order[si][mergeKey];
        } else {
            equal = nonDelete[pi] == order[si];
        }
        if (equal)
            ++pi;
        ++si;
    }
    if (pi < nonDelete.size() && si >= order.size()) {
        fail("The order in patch list:\n" + patchList.dump() +
             "\n doesn't match $setElementOrder list:\n" + order.dump() + "\n");
    }
}

void applySetElementOrder(json& original, json& patch, const Path& path) {
    std::vector<std::string> directives;
    for (const auto& [key, value] : patch.items()) {
        if (startsWith(key, kSetElementOrderPrefix))
            directives.push_back(key);
    }
    for (const auto& directive : directives) {
        const json order = patch[directive];
        patch.erase(directive);
        if (!order.is_array())
            fail("invalid patch format of setElementOrder list");
        const std::string listKey = directive.substr(kSetElementOrderPrefix.size());
        const bool inOriginal = original.contains(listKey);
        const bool inPatch = patch.contains(listKey);
        if (!inOriginal && !inPatch)
            continue;
        if (inOriginal && !original[listKey].is_array()) {
            fail(listKey + " is not a list, but $setElementOrder/" + listKey + " orders it");
        }
        if (inPatch && !patch[listKey].is_array()) {
            fail(listKey + " in the patch is not a list, but $setElementOrder/" + listKey +
                 " orders it");
        }
        const json originalList = inOriginal ? original[listKey] : json::array();
        const json patchList = inPatch ? patch[listKey] : json::array();
        const ListStrategy strategy = listStrategy(listKey, path);
        const std::optional<Kind> kind = elementKind({&originalList, &patchList, &order});
        const bool maps = kind == Kind::Object;
        const std::string mergeKey = maps ? strategy.mergeKey : "";
        if (maps && mergeKey.empty()) {
            fail("cannot merge lists without merge key for " + listKey);
        }
        validateSetElementOrder(patchList, order, mergeKey, maps);

        json merged;
        if (inOriginal && inPatch) {
            merged = mergeList(originalList, patchList, strategy, child(path, listKey));
        } else if (inPatch) {
            merged = cleanList(patchList, child(path, listKey));
        } else {
            merged = originalList;
        }
        auto [patchItems, serverOnly] = partitionByPresence(merged, order, mergeKey, maps);
        original[listKey] = normalizeElementOrder(std::move(patchItems), std::move(serverOnly),
                                                  order, originalList, mergeKey, maps);
        patch.erase(listKey);
    }
}

void applyRetainKeys(json& original, json& patch) {
    const auto it = patch.find(kRetainKeys);
    if (it == patch.end())
        return;
    const json retain = *it;
    patch.erase(it);
    if (!retain.is_array())
        fail("invalid patch format of retainKeys");
    auto retained = [&](const std::string& key) {
        return std::find(retain.begin(), retain.end(), json(key)) != retain.end();
    };
    for (const auto& [key, value] : patch.items()) {
        if (value.is_null() || startsWith(key, kDeleteFromPrimitiveListPrefix) ||
            startsWith(key, kSetElementOrderPrefix)) {
            continue;
        }
        if (!retained(key))
            fail("invalid patch format of retainKeys");
    }
    std::vector<std::string> drop;
    for (const auto& [key, value] : original.items()) {
        if (!retained(key))
            drop.push_back(key);
    }
    for (const auto& key : drop)
        original.erase(key);
}

json mergeMap(json original, json patch, const Path& path) {
    if (const auto marker = patch.find(kDirectiveMarker); marker != patch.end()) {
        if (*marker == "replace") {
            patch.erase(kDirectiveMarker);
            return mergeMap(json::object(), std::move(patch), path);
        }
        if (*marker == "delete")
            return json::object();
        fail("unknown patch type: " + marker->dump() + " in map: " + patch.dump());
    }
    if (!original.is_object())
        original = json::object();

    applyRetainKeys(original, patch);
    applySetElementOrder(original, patch, path);

    for (auto& [patchKey, value] : patch.items()) {
        std::string key = patchKey;
        const bool deleteList = startsWith(key, kDeleteFromPrimitiveListPrefix);
        if (deleteList)
            key = key.substr(kDeleteFromPrimitiveListPrefix.size());

        if (value.is_null()) {
            original.erase(key);
            continue;
        }
        if (deleteList) {
            if (!value.is_array())
                fail("invalid patch format of primitive list");
            const auto it = original.find(key);
            if (it == original.end() || !it->is_array())
                continue;
            json kept = json::array();
            for (auto& v : *it) {
                if (std::find(value.begin(), value.end(), v) == value.end()) {
                    kept.push_back(std::move(v));
                }
            }
            *it = std::move(kept);
            continue;
        }
        if (value.is_object() && value.value(std::string(kDirectiveMarker), json()) == "delete") {
            original.erase(key);  // upstream leaves {}: see the header
            continue;
        }
        const auto it = original.find(key);
        if (it == original.end() || kindOf(*it) != kindOf(value)) {
            original[key] = cleanValue(value, key, path);
            continue;
        }
        if (it->is_object()) {
            *it = mergeMap(std::move(*it), value, child(path, key));
        } else if (it->is_array()) {
            *it = mergeList(std::move(*it), value, listStrategy(key, path), child(path, key));
        } else {
            *it = value;
        }
    }
    return original;
}

std::string goJsonType(const json& v) {
    if (v.is_array())
        return "array";
    if (v.is_string())
        return "string";
    if (v.is_number())
        return "number";
    if (v.is_boolean())
        return "bool";
    return "object";
}

}  // namespace

base::Result<nlohmann::json> applyStrategicMergePatch(const nlohmann::json& original,
                                                      const nlohmann::json& patch) {
    if (!original.is_object()) {
        return base::Error::invalid("the document to patch must be a JSON object, not " +
                                    std::string(original.type_name()));
    }
    if (patch.is_null())
        return original;  // decodes to an empty patch upstream
    if (!patch.is_object()) {
        return base::Error::invalid("json: cannot unmarshal " + goJsonType(patch) +
                                    " into Go value of type map[string]interface {}");
    }
    try {
        return mergeMap(original, patch, {});
    } catch (const PatchFailure& failure) {
        return base::Error::invalid(failure.message);
    } catch (const nlohmann::json::exception& e) {
        return base::Error::invalid(std::string("malformed strategic merge patch: ") + e.what());
    }
}

}  // namespace scaledeck::sim
