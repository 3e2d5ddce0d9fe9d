#include "sim/table_printer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "base/human_duration.h"

namespace scaledeck::sim {
namespace {

using nlohmann::json;

// ---- safe readers ----------------------------------------------------------------------------

const json* child(const json* j, std::string_view key) {
    if (j == nullptr || !j->is_object())
        return nullptr;
    auto it = j->find(key);
    return it == j->end() ? nullptr : &*it;
}

const json* at(const json& root, std::initializer_list<std::string_view> path) {
    const json* cur = &root;
    for (auto key : path) {
        cur = child(cur, key);
        if (cur == nullptr)
            return nullptr;
    }
    return cur;
}

std::string str(const json* j) {
    if (j == nullptr || j->is_null())
        return "";
    if (j->is_string())
        return j->get<std::string>();
    return j->dump();
}

std::int64_t num(const json* j, std::int64_t fallback = 0) {
    if (j == nullptr)
        return fallback;
    if (j->is_number_integer())
        return j->get<std::int64_t>();
    if (j->is_number_unsigned())
        return static_cast<std::int64_t>(j->get<std::uint64_t>());
    if (j->is_number_float())
        return static_cast<std::int64_t>(j->get<double>());
    return fallback;
}

bool truthy(const json* j) {
    return j != nullptr && j->is_boolean() && j->get<bool>();
}

const json& emptyArray() {
    static const json kEmpty = json::array();
    return kEmpty;
}

const json& arr(const json* j) {
    return (j != nullptr && j->is_array()) ? *j : emptyArray();
}

std::optional<std::int64_t> timeOf(const json* j) {
    if (j == nullptr || !j->is_string())
        return std::nullopt;
    return base::parseRfc3339(j->get<std::string>());
}

std::string since(const json* ts, base::UnixMillis now) {
    return base::humanAge(timeOf(ts), now);
}

std::string ageOf(const json& obj, base::UnixMillis now) {
    return since(at(obj, {"metadata", "creationTimestamp"}), now);
}

std::string nameOf(const json& obj) {
    return str(at(obj, {"metadata", "name"}));
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != 0)
            out += sep;
        out += parts[i];
    }
    return out;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// An int-or-string (PDB bounds) printed like intstr.IntOrString.String().
std::string intOrString(const json& j) {
    if (j.is_string())
        return j.get<std::string>();
    return std::to_string(num(&j));
}

// labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key,
// matchLabels as k=v, set operators with their values sorted. Nil and empty selectors print "".
std::string labelSelectorString(const json* sel) {
    if (sel == nullptr || !sel->is_object())
        return "";
    std::vector<std::pair<std::string, std::string>> reqs;  // key, rendered requirement
    if (const json* ml = child(sel, "matchLabels"); ml != nullptr && ml->is_object()) {
        for (const auto& [k, v] : ml->items())
            reqs.emplace_back(k, k + "=" + str(&v));
    }
    for (const auto& e : arr(child(sel, "matchExpressions"))) {
        const std::string key = str(child(&e, "key"));
        const std::string op = str(child(&e, "operator"));
        std::vector<std::string> values;
        for (const auto& v : arr(child(&e, "values")))
            values.push_back(str(&v));
        std::sort(values.begin(), values.end());
        const std::string set =
            values.size() == 1 ? "(" + values[0] + ")" : "(" + join(values, ",") + ")";
        if (op == "In") {
            reqs.emplace_back(key, key + " in " + set);
        } else if (op == "NotIn") {
            reqs.emplace_back(key, key + " notin " + set);
        } else if (op == "Exists") {
            reqs.emplace_back(key, key);
        } else if (op == "DoesNotExist") {
            reqs.emplace_back(key, "!" + key);
        } else {
            return "<invalid>";
        }
    }
    std::stable_sort(reqs.begin(), reqs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> parts;
    for (auto& r : reqs)
        parts.push_back(std::move(r.second));
    return join(parts, ",");
}

// labels.FormatLabels: sorted k=v pairs, "<none>" when empty.
std::string formatLabels(const json* m) {
    if (m == nullptr || !m->is_object() || m->empty())
        return "<none>";
    std::vector<std::string> parts;
    for (const auto& [k, v] : m->items())
        parts.push_back(k + "=" + str(&v));
    return join(parts, ",");
}

// layoutContainerCells: container names and images, comma-joined.
std::pair<std::string, std::string> containerCells(const json& obj) {
    std::vector<std::string> names;
    std::vector<std::string> images;
    for (const auto& c : arr(at(obj, {"spec", "template", "spec", "containers"}))) {
        names.push_back(str(child(&c, "name")));
        images.push_back(str(child(&c, "image")));
    }
    return {join(names, ","), join(images, ",")};
}

// ---- column definitions ----------------------------------------------------------------------

constexpr const char* kNameDescription =
    "Name must be unique within a namespace. Is required when creating resources, although some "
    "resources may allow a client to request the generation of an appropriate name "
    "automatically. Name is primarily intended for creation idempotence and configuration "
    "definition. Cannot be updated. More info: "
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
constexpr const char* kAgeDescription =
    "CreationTimestamp is a timestamp representing the server time when this object was "
    "created. It is not guaranteed to be set in happens-before order across separate "
    "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
    "UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/"
    "api-conventions.md#metadata";
constexpr const char* kContainersDescription = "Names of each container in the template.";
constexpr const char* kImagesDescription = "Images referenced by each container in the template.";

json col(const char* name, const char* type, const char* description, int priority = 0,
         const char* format = "") {
    return {{"name", name},
            {"type", type},
            {"format", format},
            {"description", description},
            {"priority", priority}};
}

json nameCol() {
    return col("Name", "string", kNameDescription, 0, "name");
}
json ageCol() {
    return col("Age", "string", kAgeDescription);
}

json columnsFor(const std::string& resource) {
    if (resource == "pods") {
        return json::array({
            nameCol(),
            col("Ready", "string",
                "The aggregate readiness state of this pod for accepting traffic."),
            col("Status", "string", "The aggregate status of the containers in this pod."),
            col("Restarts", "string",
                "The number of times the containers in this pod have been restarted and when the "
                "last container in this pod has restarted."),
            ageCol(),
            col("IP", "string",
                "podIP address allocated to the pod. Routable at least within the cluster. Empty "
                "if not yet allocated.",
                1),
            col("Node", "string",
                "NodeName indicates in which node this pod is scheduled. If empty, this pod is a "
                "candidate for scheduling by the scheduler defined in schedulerName.",
                1),
            col("Nominated Node", "string",
                "nominatedNodeName is set only when this pod preempts other pods on the node, but "
                "it cannot be scheduled right away as preemption victims receive their graceful "
                "termination periods.",
                1),
            col("Readiness Gates", "string",
                "If specified, all readiness gates will be evaluated for pod readiness.", 1),
        });
    }
    if (resource == "deployments") {
        return json::array({
            nameCol(),
            col("Ready", "string", "Number of the pod with ready state"),
            col("Up-to-date", "string",
                "Total number of non-terminating pods targeted by this deployment that have the "
                "desired template spec."),
            col("Available", "string",
                "Total number of available non-terminating pods (ready for at least "
                "minReadySeconds) targeted by this deployment."),
            ageCol(),
            col("Containers", "string", kContainersDescription, 1),
            col("Images", "string", kImagesDescription, 1),
            col("Selector", "string", "Label selector for pods.", 1),
        });
    }
    if (resource == "replicasets") {
        return json::array({
            nameCol(),
            col("Desired", "integer", "Replicas is the number of desired pods. Defaults to 1."),
            col("Current", "integer",
                "Replicas is the most recently observed number of non-terminating pods."),
            col("Ready", "integer",
                "The number of non-terminating pods targeted by this ReplicaSet with a Ready "
                "Condition."),
            ageCol(),
            col("Containers", "string", kContainersDescription, 1),
            col("Images", "string", kImagesDescription, 1),
            col("Selector", "string",
                "Selector is a label query over pods that should match the replica count.", 1),
        });
    }
    if (resource == "statefulsets") {
        return json::array({
            nameCol(),
            col("Ready", "string", "Number of the pod with ready state"),
            ageCol(),
            col("Containers", "string", kContainersDescription, 1),
            col("Images", "string", kImagesDescription, 1),
        });
    }
    if (resource == "horizontalpodautoscalers") {
        return json::array({
            nameCol(),
            col("Reference", "string",
                "scaleTargetRef points to the target resource to scale, and is used to the pods "
                "for which metrics should be collected, as well as to actually change the "
                "replica count."),
            col("Targets", "string",
                "metrics contains the specifications for which to use to calculate the desired "
                "replica count."),
            col("MinPods", "string",
                "minReplicas is the lower limit for the number of replicas to which the "
                "autoscaler can scale down."),
            col("MaxPods", "string",
                "maxReplicas is the upper limit for the number of replicas to which the "
                "autoscaler can scale up."),
            col("Replicas", "string",
                "currentReplicas is current number of replicas of pods managed by this "
                "autoscaler, as last seen by the autoscaler."),
            ageCol(),
        });
    }
    if (resource == "poddisruptionbudgets") {
        return json::array({
            nameCol(),
            col("Min Available", "string", "The minimum number of pods that must be available."),
            col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
            col("Allowed Disruptions", "integer",
                "Calculated number of pods that may be disrupted at this time."),
            ageCol(),
        });
    }
    if (resource == "events") {
        return json::array({
            col("Last Seen", "string",
                "The time at which the most recent occurrence of this event was recorded."),
            col("Type", "string",
                "Type of this event (Normal, Warning), new types could be added in the future"),
            col("Reason", "string",
                "This should be a short, machine understandable string that gives the reason for "
                "the transition into the object's current status."),
            col("Object", "string", "The object that this event is about."),
            col("Subobject", "string",
                "If referring to a piece of an object instead of an entire object, this string "
                "should contain a valid JSON/Go field access statement.",
                1),
            col("Source", "string",
                "The component reporting this event. Should be a short machine understandable "
                "string.",
                1),
            col("Message", "string",
                "A human-readable description of the status of this operation."),
            col("First Seen", "string",
                "The time at which the event was first recorded. (Time of server receipt is in "
                "TypeMeta.)",
                1),
            col("Count", "string", "The number of times this event has occurred.", 1),
            col("Name", "string", kNameDescription, 1, "name"),
        });
    }
    if (resource == "configmaps") {
        return json::array({
            nameCol(),
            col("Data", "string",
                "Data contains the configuration data. Each key must consist of alphanumeric "
                "characters, '-', '_' or '.'."),
            ageCol(),
        });
    }
    if (resource == "nodes") {
        return json::array({
            nameCol(),
            col("Status", "string", "The status of the node"),
            col("Roles", "string", "The roles of the node"),
            ageCol(),
            col("Version", "string", "Kubelet Version reported by the node."),
            col("Internal-IP", "string", "List of addresses reachable to the node.", 1),
            col("External-IP", "string", "List of addresses reachable to the node.", 1),
            col("OS-Image", "string",
                "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 "
                "(wheezy)).",
                1),
            col("Kernel-Version", "string",
                "Kernel Version reported by the node from 'uname -r' (e.g. "
                "3.16.0-0.bpo.4-amd64).",
                1),
            col("Container-Runtime", "string",
                "ContainerRuntime Version reported by the node through runtime remote API (e.g. "
                "containerd://1.4.2).",
                1),
        });
    }
    if (resource == "namespaces") {
        return json::array({
            nameCol(),
            col("Status", "string", "The status of the namespace"),
            ageCol(),
        });
    }
    if (resource == "services") {
        return json::array({
            nameCol(),
            col("Type", "string",
                "type determines how the Service is exposed. Defaults to ClusterIP."),
            col("Cluster-IP", "string",
                "clusterIP is the IP address of the service and is usually assigned randomly."),
            col("External-IP", "string",
                "externalIPs is a list of IP addresses for which nodes in the cluster will also "
                "accept traffic for this service."),
            col("Port(s)", "string", "The list of ports that are exposed by this service."),
            ageCol(),
            col("Selector", "string",
                "Route service traffic to pods with label keys and values matching this "
                "selector.",
                1),
        });
    }
    if (resource == "controllerrevisions") {
        return json::array({
            nameCol(),
            col("Controller", "string", "Controller of the object"),
            col("Revision", "string",
                "Revision indicates the revision of the state represented by Data."),
            ageCol(),
        });
    }
    // The generic table of rest.DefaultTableConvertor.
    return json::array({
        nameCol(),
        col("Created At", "date", kAgeDescription),
    });
}

// ---- cells -----------------------------------------------------------------------------------

bool conditionTrue(const json& obj, std::string_view type) {
    for (const auto& c : arr(at(obj, {"status", "conditions"}))) {
        if (str(child(&c, "type")) == type)
            return str(child(&c, "status")) == "True";
    }
    return false;
}

// printPod, with the state machine of the real printer: init containers first, then the regular
// containers scanned from last to first so that the first container with a reason wins.
json podCells(const json& pod, base::UnixMillis now, json& rowConditions) {
    const json& initSpecs = arr(at(pod, {"spec", "initContainers"}));
    std::map<std::string, bool> restartableInit;  // init container name -> restartPolicy Always
    for (const auto& c : initSpecs) {
        restartableInit[str(child(&c, "name"))] = str(child(&c, "restartPolicy")) == "Always";
    }
    auto isRestartable = [&](const std::string& name) {
        auto it = restartableInit.find(name);
        return it != restartableInit.end() && it->second;
    };

    std::int64_t restarts = 0;
    std::int64_t restartableInitRestarts = 0;
    std::int64_t totalContainers =
        static_cast<std::int64_t>(arr(at(pod, {"spec", "containers"})).size());
    std::int64_t readyContainers = 0;
    std::optional<std::int64_t> lastRestart;
    std::optional<std::int64_t> lastRestartableInitRestart;
    auto later = [](std::optional<std::int64_t>& acc, std::optional<std::int64_t> t) {
        if (t && (!acc || *acc < *t))
            acc = t;
    };

    const std::string phase = str(at(pod, {"status", "phase"}));
    const std::string statusReason = str(at(pod, {"status", "reason"}));
    std::string reason = statusReason.empty() ? phase : statusReason;

    for (const auto& c : arr(at(pod, {"status", "conditions"}))) {
        if (str(child(&c, "type")) == "PodScheduled" &&
            str(child(&c, "reason")) == "SchedulingGated") {
            reason = "SchedulingGated";
        }
    }
    if (phase == "Succeeded") {
        rowConditions = json::array({{{"type", "Completed"},
                                      {"status", "True"},
                                      {"reason", "Succeeded"},
                                      {"message", "The pod has completed successfully."}}});
    } else if (phase == "Failed") {
        rowConditions = json::array({{{"type", "Completed"},
                                      {"status", "True"},
                                      {"reason", "Failed"},
                                      {"message", "The pod failed."}}});
    }

    for (const auto& c : initSpecs) {
        if (str(child(&c, "restartPolicy")) == "Always")
            ++totalContainers;
    }

    bool initializing = false;
    const json& initStatuses = arr(at(pod, {"status", "initContainerStatuses"}));
    for (std::size_t i = 0; i < initStatuses.size(); ++i) {
        const json& cs = initStatuses[i];
        const std::string name = str(child(&cs, "name"));
        const std::int64_t count = num(child(&cs, "restartCount"));
        restarts += count;
        const json* lastTerm = at(cs, {"lastState", "terminated"});
        if (lastTerm != nullptr)
            later(lastRestart, timeOf(child(lastTerm, "finishedAt")));
        if (isRestartable(name)) {
            restartableInitRestarts += count;
            if (lastTerm != nullptr) {
                later(lastRestartableInitRestart, timeOf(child(lastTerm, "finishedAt")));
            }
        }
        const json* terminated = at(cs, {"state", "terminated"});
        const json* waiting = at(cs, {"state", "waiting"});
        if (terminated != nullptr && num(child(terminated, "exitCode")) == 0)
            continue;
        if (isRestartable(name) && truthy(child(&cs, "started"))) {
            if (truthy(child(&cs, "ready")))
                ++readyContainers;
            continue;
        }
        if (terminated != nullptr) {
            const std::string r = str(child(terminated, "reason"));
            if (r.empty()) {
                const std::int64_t signal = num(child(terminated, "signal"));
                reason = signal != 0 ? "Init:Signal:" + std::to_string(signal)
                                     : "Init:ExitCode:" +
                                           std::to_string(num(child(terminated, "exitCode")));
            } else {
                reason = "Init:" + r;
            }
        } else if (waiting != nullptr && !str(child(waiting, "reason")).empty() &&
                   str(child(waiting, "reason")) != "PodInitializing") {
            reason = "Init:" + str(child(waiting, "reason"));
        } else {
            reason = "Init:" + std::to_string(i) + "/" + std::to_string(initSpecs.size());
        }
        initializing = true;
        break;
    }

    if (!initializing || conditionTrue(pod, "Initialized")) {
        restarts = restartableInitRestarts;
        lastRestart = lastRestartableInitRestart;
        bool hasRunning = false;
        const json& statuses = arr(at(pod, {"status", "containerStatuses"}));
        for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) {
            const json& cs = *it;
            restarts += num(child(&cs, "restartCount"));
            if (const json* lastTerm = at(cs, {"lastState", "terminated"})) {
                later(lastRestart, timeOf(child(lastTerm, "finishedAt")));
            }
            const json* waiting = at(cs, {"state", "waiting"});
            const json* terminated = at(cs, {"state", "terminated"});
            if (waiting != nullptr && !str(child(waiting, "reason")).empty()) {
                reason = str(child(waiting, "reason"));
            } else if (terminated != nullptr && !str(child(terminated, "reason")).empty()) {
                reason = str(child(terminated, "reason"));
            } else if (terminated != nullptr) {
                const std::int64_t signal = num(child(terminated, "signal"));
                reason = signal != 0
                             ? "Signal:" + std::to_string(signal)
                             : "ExitCode:" + std::to_string(num(child(terminated, "exitCode")));
            } else if (truthy(child(&cs, "ready")) && at(cs, {"state", "running"}) != nullptr) {
                hasRunning = true;
                ++readyContainers;
            }
        }
        if (reason == "Completed" && hasRunning) {
            reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
        }
    }

    const bool deleting = at(pod, {"metadata", "deletionTimestamp"}) != nullptr &&
                          !at(pod, {"metadata", "deletionTimestamp"})->is_null();
    if (deleting && statusReason == "NodeLost") {
        reason = "Unknown";
    } else if (deleting && phase != "Succeeded" && phase != "Failed") {
        reason = "Terminating";
    }

    std::string restartsCell = std::to_string(restarts);
    if (restarts != 0 && lastRestart) {
        restartsCell += " (" + base::humanAge(lastRestart, now) + " ago)";
    }

    std::string podIP;
    const json& podIPs = arr(at(pod, {"status", "podIPs"}));
    if (!podIPs.empty())
        podIP = str(child(&podIPs[0], "ip"));
    if (podIP.empty())
        podIP = str(at(pod, {"status", "podIP"}));
    auto orNone = [](std::string s) { return s.empty() ? std::string("<none>") : s; };

    std::string gates = "<none>";
    const json& readinessGates = arr(at(pod, {"spec", "readinessGates"}));
    if (!readinessGates.empty()) {
        std::size_t trueConditions = 0;
        for (const auto& g : readinessGates) {
            const std::string type = str(child(&g, "conditionType"));
            for (const auto& c : arr(at(pod, {"status", "conditions"}))) {
                if (str(child(&c, "type")) == type) {
                    if (str(child(&c, "status")) == "True")
                        ++trueConditions;
                    break;
                }
            }
        }
        gates = std::to_string(trueConditions) + "/" + std::to_string(readinessGates.size());
    }

    return json::array({nameOf(pod),
                        std::to_string(readyContainers) + "/" + std::to_string(totalContainers),
                        reason, restartsCell, ageOf(pod, now), orNone(podIP),
                        orNone(str(at(pod, {"spec", "nodeName"}))),
                        orNone(str(at(pod, {"status", "nominatedNodeName"}))), gates});
}

// Replica counts are defaulted to 1 by the API server, so a missing value means 1.
std::int64_t specReplicas(const json& obj) {
    return num(at(obj, {"spec", "replicas"}), 1);
}

json deploymentCells(const json& d, base::UnixMillis now) {
    auto [containers, images] = containerCells(d);
    return json::array({nameOf(d),
                        std::to_string(num(at(d, {"status", "readyReplicas"}))) + "/" +
                            std::to_string(specReplicas(d)),
                        num(at(d, {"status", "updatedReplicas"})),
                        num(at(d, {"status", "availableReplicas"})), ageOf(d, now), containers,
                        images, labelSelectorString(at(d, {"spec", "selector"}))});
}

json replicaSetCells(const json& rs, base::UnixMillis now) {
    auto [containers, images] = containerCells(rs);
    return json::array({nameOf(rs), specReplicas(rs), num(at(rs, {"status", "replicas"})),
                        num(at(rs, {"status", "readyReplicas"})), ageOf(rs, now), containers,
                        images, labelSelectorString(at(rs, {"spec", "selector"}))});
}

json statefulSetCells(const json& s, base::UnixMillis now) {
    auto [containers, images] = containerCells(s);
    return json::array({nameOf(s),
                        std::to_string(num(at(s, {"status", "readyReplicas"}))) + "/" +
                            std::to_string(specReplicas(s)),
                        ageOf(s, now), containers, images});
}

// resource.Quantity.String() of a stored (already canonical) quantity; "<nil>" when absent,
// which is what Go prints for a nil *Quantity.
std::string quantity(const json* q) {
    if (q == nullptr || q->is_null())
        return "<nil>";
    return str(q);
}

std::string percent(const json* p) {
    return std::to_string(num(p)) + "%";
}

// formatHPAMetrics: spec i is paired with status i by position, like the real printer.
std::string hpaTargets(const json& hpa) {
    const json& specs = arr(at(hpa, {"spec", "metrics"}));
    if (specs.empty())
        return "<none>";
    const json& statuses = arr(at(hpa, {"status", "currentMetrics"}));
    auto statusOf = [&](std::size_t i, std::string_view source) -> const json* {
        if (i >= statuses.size())
            return nullptr;
        const json* s = child(&statuses[i], source);
        return (s != nullptr && s->is_object()) ? s : nullptr;
    };

    std::vector<std::string> list;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const json& spec = specs[i];
        const std::string type = str(child(&spec, "type"));
        if (type == "External" || type == "Object") {
            const std::string key = type == "External" ? "external" : "object";
            const json* target = at(spec, {key, "target"});
            const json* st = statusOf(i, key);
            if (child(target, "averageValue") != nullptr) {
                std::string current = "<unknown>";
                if (st != nullptr && at(*st, {"current", "averageValue"}) != nullptr) {
                    current = quantity(at(*st, {"current", "averageValue"}));
                }
                list.push_back(current + "/" + quantity(child(target, "averageValue")) + " (avg)");
            } else {
                std::string current = "<unknown>";
                if (st != nullptr)
                    current = quantity(at(*st, {"current", "value"}));
                list.push_back(current + "/" + quantity(child(target, "value")));
            }
        } else if (type == "Pods") {
            std::string current = "<unknown>";
            if (const json* st = statusOf(i, "pods")) {
                current = quantity(at(*st, {"current", "averageValue"}));
            }
            list.push_back(current + "/" + quantity(at(spec, {"pods", "target", "averageValue"})));
        } else if (type == "Resource" || type == "ContainerResource") {
            const std::string key = type == "Resource" ? "resource" : "containerResource";
            const json* src = child(&spec, key);
            const json* target = child(src, "target");
            const json* st = statusOf(i, key);
            const std::string name = str(child(src, "name"));
            if (child(target, "averageValue") != nullptr) {
                std::string current = "<unknown>";
                if (st != nullptr)
                    current = quantity(at(*st, {"current", "averageValue"}));
                list.push_back(name + ": " + current + "/" +
                               quantity(child(target, "averageValue")));
            } else {
                std::string current = "<unknown>";
                if (st != nullptr && at(*st, {"current", "averageUtilization"}) != nullptr) {
                    current = percent(at(*st, {"current", "averageUtilization"}));
                }
                std::string wanted = "<auto>";
                if (child(target, "averageUtilization") != nullptr) {
                    wanted = percent(child(target, "averageUtilization"));
                }
                list.push_back(name + ": " + current + "/" + wanted);
            }
        } else {
            list.push_back("<unknown type>");
        }
    }
    constexpr std::size_t kMax = 2;
    if (list.size() > kMax) {
        const std::size_t more = list.size() - kMax;
        list.resize(kMax);
        return join(list, ", ") + " + " + std::to_string(more) + " more...";
    }
    return join(list, ", ");
}

json hpaCells(const json& hpa, base::UnixMillis now) {
    const std::string reference = str(at(hpa, {"spec", "scaleTargetRef", "kind"})) + "/" +
                                  str(at(hpa, {"spec", "scaleTargetRef", "name"}));
    const json* minReplicas = at(hpa, {"spec", "minReplicas"});
    const std::string minPods = (minReplicas == nullptr || minReplicas->is_null())
                                    ? "<unset>"
                                    : std::to_string(num(minReplicas));
    return json::array({nameOf(hpa), reference, hpaTargets(hpa), minPods,
                        num(at(hpa, {"spec", "maxReplicas"})),
                        num(at(hpa, {"status", "currentReplicas"})), ageOf(hpa, now)});
}

json pdbCells(const json& pdb, base::UnixMillis now) {
    auto bound = [&](std::string_view key) {
        const json* v = at(pdb, {"spec", key});
        return (v == nullptr || v->is_null()) ? std::string("N/A") : intOrString(*v);
    };
    return json::array({nameOf(pdb), bound("minAvailable"), bound("maxUnavailable"),
                        num(at(pdb, {"status", "disruptionsAllowed"})), ageOf(pdb, now)});
}

std::string firstNonEmpty(const std::string& a, const std::string& b) {
    return a.empty() ? b : a;
}

json eventCells(const json& ev, base::UnixMillis now) {
    std::string firstSeen = since(child(&ev, "firstTimestamp"), now);
    if (!timeOf(child(&ev, "firstTimestamp")))
        firstSeen = since(child(&ev, "eventTime"), now);
    std::string lastSeen = since(child(&ev, "lastTimestamp"), now);
    if (!timeOf(child(&ev, "lastTimestamp")))
        lastSeen = firstSeen;

    std::int64_t count = num(child(&ev, "count"));
    const json* series = child(&ev, "series");
    if (series != nullptr && series->is_object()) {
        lastSeen = since(child(series, "lastObservedTime"), now);
        count = num(child(series, "count"));
    } else if (count == 0) {
        count = 1;  // singleton events of the new API carry no count
    }

    const std::string kind = lower(str(at(ev, {"involvedObject", "kind"})));
    const std::string name = str(at(ev, {"involvedObject", "name"}));
    const std::string target = name.empty() ? kind : kind + "/" + name;

    const std::string component =
        firstNonEmpty(str(at(ev, {"source", "component"})), str(child(&ev, "reportingComponent")));
    const std::string host =
        firstNonEmpty(str(at(ev, {"source", "host"})), str(child(&ev, "reportingInstance")));
    const std::string source = host.empty() ? component : component + ", " + host;

    std::string message = str(child(&ev, "message"));
    const auto notSpace = [](unsigned char c) { return std::isspace(c) == 0; };
    message.erase(message.begin(), std::find_if(message.begin(), message.end(), notSpace));
    message.erase(std::find_if(message.rbegin(), message.rend(), notSpace).base(), message.end());

    return json::array({lastSeen, str(child(&ev, "type")), str(child(&ev, "reason")), target,
                        str(at(ev, {"involvedObject", "fieldPath"})), source, message, firstSeen,
                        count, nameOf(ev)});
}

json configMapCells(const json& cm, base::UnixMillis now) {
    auto size = [](const json* m) -> std::int64_t {
        return (m != nullptr && m->is_object()) ? static_cast<std::int64_t>(m->size()) : 0;
    };
    return json::array(
        {nameOf(cm), size(child(&cm, "data")) + size(child(&cm, "binaryData")), ageOf(cm, now)});
}

std::string nodeAddress(const json& node, std::string_view type) {
    for (const auto& a : arr(at(node, {"status", "addresses"}))) {
        if (str(child(&a, "type")) == type)
            return str(child(&a, "address"));
    }
    return "<none>";
}

json nodeCells(const json& node, base::UnixMillis now) {
    std::vector<std::string> status;
    for (const auto& c : arr(at(node, {"status", "conditions"}))) {
        // Only the Ready condition is shown; the last entry of a type wins, like the real map.
        if (str(child(&c, "type")) != "Ready")
            continue;
        status.assign(1, str(child(&c, "status")) == "True" ? "Ready" : "NotReady");
    }
    if (status.empty())
        status.emplace_back("Unknown");
    if (truthy(at(node, {"spec", "unschedulable"})))
        status.emplace_back("SchedulingDisabled");

    std::set<std::string> roles;
    if (const json* labels = at(node, {"metadata", "labels"}); labels && labels->is_object()) {
        constexpr std::string_view kPrefix = "node-role.kubernetes.io/";
        for (const auto& [k, v] : labels->items()) {
            if (k.rfind(kPrefix, 0) == 0) {
                if (k.size() > kPrefix.size())
                    roles.insert(k.substr(kPrefix.size()));
            } else if (k == "kubernetes.io/role" && !str(&v).empty()) {
                roles.insert(str(&v));
            }
        }
    }
    std::string rolesCell = join(std::vector<std::string>(roles.begin(), roles.end()), ",");
    if (rolesCell.empty())
        rolesCell = "<none>";

    auto orUnknown = [](std::string s) { return s.empty() ? std::string("<unknown>") : s; };
    const json* info = at(node, {"status", "nodeInfo"});
    return json::array({nameOf(node), join(status, ","), rolesCell, ageOf(node, now),
                        str(child(info, "kubeletVersion")), nodeAddress(node, "InternalIP"),
                        nodeAddress(node, "ExternalIP"), orUnknown(str(child(info, "osImage"))),
                        orUnknown(str(child(info, "kernelVersion"))),
                        orUnknown(str(child(info, "containerRuntimeVersion")))});
}

json namespaceCells(const json& ns, base::UnixMillis now) {
    return json::array({nameOf(ns), str(at(ns, {"status", "phase"})), ageOf(ns, now)});
}

std::string serviceExternalIP(const json& svc) {
    std::vector<std::string> external;
    for (const auto& ip : arr(at(svc, {"spec", "externalIPs"})))
        external.push_back(str(&ip));
    const std::string type = str(at(svc, {"spec", "type"}));
    if (type == "ClusterIP" || type == "NodePort") {
        return external.empty() ? "<none>" : join(external, ",");
    }
    if (type == "LoadBalancer") {
        std::vector<std::string> results;
        for (const auto& ing : arr(at(svc, {"status", "loadBalancer", "ingress"}))) {
            if (!str(child(&ing, "ip")).empty()) {
                results.push_back(str(child(&ing, "ip")));
            } else if (!str(child(&ing, "hostname")).empty()) {
                results.push_back(str(child(&ing, "hostname")));
            }
        }
        results.insert(results.end(), external.begin(), external.end());
        return results.empty() ? "<pending>" : join(results, ",");
    }
    if (type == "ExternalName")
        return str(at(svc, {"spec", "externalName"}));
    return "<unknown>";
}

json serviceCells(const json& svc, base::UnixMillis now) {
    std::string clusterIP = "<none>";
    const json& clusterIPs = arr(at(svc, {"spec", "clusterIPs"}));
    if (!clusterIPs.empty()) {
        clusterIP = str(&clusterIPs[0]);
    } else if (!str(at(svc, {"spec", "clusterIP"})).empty()) {
        clusterIP = str(at(svc, {"spec", "clusterIP"}));
    }
    std::vector<std::string> ports;
    for (const auto& p : arr(at(svc, {"spec", "ports"}))) {
        std::string protocol = str(child(&p, "protocol"));
        if (protocol.empty())
            protocol = "TCP";
        const std::int64_t nodePort = num(child(&p, "nodePort"));
        std::string piece = std::to_string(num(child(&p, "port")));
        if (nodePort > 0)
            piece += ":" + std::to_string(nodePort);
        ports.push_back(piece + "/" + protocol);
    }
    std::string portsCell = join(ports, ",");
    if (portsCell.empty())
        portsCell = "<none>";
    return json::array({nameOf(svc), str(at(svc, {"spec", "type"})), clusterIP,
                        serviceExternalIP(svc), portsCell, ageOf(svc, now),
                        formatLabels(at(svc, {"spec", "selector"}))});
}

json controllerRevisionCells(const json& cr, base::UnixMillis now) {
    std::string controller = "<none>";
    for (const auto& ref : arr(at(cr, {"metadata", "ownerReferences"}))) {
        if (!truthy(child(&ref, "controller")))
            continue;
        // formatResourceName: lower(Kind[.group])/name.
        const std::string apiVersion = str(child(&ref, "apiVersion"));
        const auto slash = apiVersion.find('/');
        const std::string group = slash == std::string::npos ? "" : apiVersion.substr(0, slash);
        const std::string kind = str(child(&ref, "kind"));
        const std::string groupKind = group.empty() ? kind : kind + "." + group;
        controller = groupKind.empty() ? str(child(&ref, "name"))
                                       : lower(groupKind) + "/" + str(child(&ref, "name"));
        break;
    }
    return json::array({nameOf(cr), controller, num(child(&cr, "revision")), ageOf(cr, now)});
}

json defaultCells(const json& obj) {
    const json* created = at(obj, {"metadata", "creationTimestamp"});
    const auto t = timeOf(created);
    return json::array({nameOf(obj), t ? base::formatRfc3339(*t) : str(created)});
}

json cellsFor(const std::string& resource, const json& obj, base::UnixMillis now,
              json& rowConditions) {
    if (resource == "pods")
        return podCells(obj, now, rowConditions);
    if (resource == "deployments")
        return deploymentCells(obj, now);
    if (resource == "replicasets")
        return replicaSetCells(obj, now);
    if (resource == "statefulsets")
        return statefulSetCells(obj, now);
    if (resource == "horizontalpodautoscalers")
        return hpaCells(obj, now);
    if (resource == "poddisruptionbudgets")
        return pdbCells(obj, now);
    if (resource == "events")
        return eventCells(obj, now);
    if (resource == "configmaps")
        return configMapCells(obj, now);
    if (resource == "nodes")
        return nodeCells(obj, now);
    if (resource == "namespaces")
        return namespaceCells(obj, now);
    if (resource == "services")
        return serviceCells(obj, now);
    if (resource == "controllerrevisions")
        return controllerRevisionCells(obj, now);
    return defaultCells(obj);
}

}  // namespace

nlohmann::json TablePrinter::columnDefinitions(const std::string& resource) {
    return columnsFor(resource);
}

nlohmann::json TablePrinter::row(const std::string& resource, const nlohmann::json& object,
                                 base::UnixMillis now, const std::string& includeObject) {
    json conditions;
    json out;
    try {
        out["cells"] = cellsFor(resource, object, now, conditions);
    } catch (const json::exception&) {
        // Every reader above is defensive; this only guards against a logic slip.
        out["cells"] = json::array();
    }
    if (conditions.is_array())
        out["conditions"] = std::move(conditions);
    if (includeObject == "Object") {
        out["object"] = object;
    } else if (includeObject != "None") {
        const json* meta = child(&object, "metadata");
        out["object"] = {{"kind", "PartialObjectMetadata"},
                         {"apiVersion", "meta.k8s.io/v1"},
                         {"metadata", meta != nullptr ? *meta : json::object()}};
    }
    return out;
}

nlohmann::json TablePrinter::table(const std::string& resource,
                                   const std::vector<const nlohmann::json*>& objects,
                                   base::UnixMillis now, const std::string& resourceVersion,
                                   const std::string& continueToken,
                                   const std::string& includeObject, bool withColumnDefinitions) {
    json meta = json::object();
    if (!resourceVersion.empty())
        meta["resourceVersion"] = resourceVersion;
    if (!continueToken.empty())
        meta["continue"] = continueToken;
    json rows = json::array();
    for (const json* obj : objects) {
        if (obj != nullptr)
            rows.push_back(row(resource, *obj, now, includeObject));
    }
    // The real Table has no omitempty on columnDefinitions: later watch events carry null.
    return {{"kind", "Table"},
            {"apiVersion", "meta.k8s.io/v1"},
            {"metadata", std::move(meta)},
            {"columnDefinitions", withColumnDefinitions ? columnsFor(resource) : json(nullptr)},
            {"rows", std::move(rows)}};
}

}  // namespace scaledeck::sim
