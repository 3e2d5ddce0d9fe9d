#include "sim/table_printer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/time_format.h"

using nlohmann::json;
using scaledeck::base::formatRfc3339;
using scaledeck::sim::TablePrinter;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;  // 2027-01-15T08:00:00Z
constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;

std::string ago(std::int64_t millis) {
    return formatRfc3339(kNow - millis);
}

json meta(const std::string& name, std::int64_t age = 5 * kMinute) {
    return {{"name", name}, {"namespace", "shop"}, {"creationTimestamp", ago(age)}};
}

std::vector<std::string> columnNames(const std::string& resource) {
    std::vector<std::string> names;
    for (const auto& c : TablePrinter::columnDefinitions(resource)) {
        names.push_back(c["name"].get<std::string>());
    }
    return names;
}

json cells(const std::string& resource, const json& obj) {
    return TablePrinter::row(resource, obj, kNow)["cells"];
}

json runningContainer(const std::string& name, bool ready, int restarts = 0) {
    return {{"name", name},
            {"ready", ready},
            {"restartCount", restarts},
            {"state", {{"running", {{"startedAt", ago(4 * kMinute)}}}}}};
}

json pod(json spec, json status) {
    return {{"metadata", meta("web-1")}, {"spec", std::move(spec)}, {"status", std::move(status)}};
}

json twoContainers() {
    return {{"containers", json::array({{{"name", "web"}}, {{"name", "proxy"}}})}};
}

}  // namespace

TEST(TablePrinter, ColumnDefinitionsFollowTheRealPrinters) {
    struct Row {
        const char* resource;
        std::vector<std::string> names;
    } rows[] = {
        {"pods",
         {"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node",
          "Readiness Gates"}},
        {"deployments",
         {"Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"}},
        {"replicasets",
         {"Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"}},
        {"statefulsets", {"Name", "Ready", "Age", "Containers", "Images"}},
        {"horizontalpodautoscalers",
         {"Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age"}},
        {"poddisruptionbudgets",
         {"Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"}},
        {"events",
         {"Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen",
          "Count", "Name"}},
        {"configmaps", {"Name", "Data", "Age"}},
        {"nodes",
         {"Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image",
          "Kernel-Version", "Container-Runtime"}},
        {"namespaces", {"Name", "Status", "Age"}},
        {"services", {"Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"}},
        {"controllerrevisions", {"Name", "Controller", "Revision", "Age"}},
        {"leases", {"Name", "Created At"}},
    };
    for (const auto& r : rows)
        EXPECT_EQ(columnNames(r.resource), r.names) << r.resource;
}

TEST(TablePrinter, ColumnTypesPrioritiesAndFormats) {
    const json pods = TablePrinter::columnDefinitions("pods");
    for (const auto& c : pods) {
        ASSERT_TRUE(c.contains("description"));
        EXPECT_FALSE(c["description"].get<std::string>().empty()) << c["name"];
        EXPECT_EQ(c["type"], "string") << c["name"];  // Restarts is a string ("3 (5m ago)")
    }
    EXPECT_EQ(pods[0]["format"], "name");
    EXPECT_EQ(pods[1]["format"], "");
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(pods[i]["priority"], 0) << i;
    for (int i = 5; i < 9; ++i)
        EXPECT_EQ(pods[i]["priority"], 1) << i;

    const json rs = TablePrinter::columnDefinitions("replicasets");
    EXPECT_EQ(rs[1]["type"], "integer");
    const json pdb = TablePrinter::columnDefinitions("poddisruptionbudgets");
    EXPECT_EQ(pdb[3]["type"], "integer");
    const json events = TablePrinter::columnDefinitions("events");
    EXPECT_EQ(events[9]["format"], "name");
    EXPECT_EQ(events[9]["priority"], 1);
    EXPECT_EQ(events[6]["priority"], 0);  // Message is a default column
    const json generic = TablePrinter::columnDefinitions("leases");
    EXPECT_EQ(generic[1]["type"], "date");
}

TEST(TablePrinter, PodStatusCells) {
    const json terminatedLast = {
        {"terminated", {{"exitCode", 1}, {"finishedAt", ago(30 * kSecond)}}}};
    struct Row {
        const char* name;
        json pod;
        const char* ready;
        const char* status;
        const char* restarts;
    } rows[] = {
        {"running and ready",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"containerStatuses",
               json::array({runningContainer("web", true), runningContainer("proxy", true)})}}),
         "2/2", "Running", "0"},
        {"running, one not ready",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"containerStatuses",
               json::array({runningContainer("web", true), runningContainer("proxy", false)})}}),
         "1/2", "Running", "0"},
        {"pending without statuses", pod(twoContainers(), {{"phase", "Pending"}}), "0/2", "Pending",
         "0"},
        {"status reason wins over phase",
         pod(twoContainers(), {{"phase", "Failed"}, {"reason", "Evicted"}}), "0/2", "Evicted", "0"},
        {"container creating",
         pod(twoContainers(),
             {{"phase", "Pending"},
              {"containerStatuses",
               json::array({{{"name", "web"},
                             {"ready", false},
                             {"restartCount", 0},
                             {"state", {{"waiting", {{"reason", "ContainerCreating"}}}}}}})}}),
         "0/2", "ContainerCreating", "0"},
        {"crash loop with last restart age",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"containerStatuses",
               json::array({{{"name", "web"},
                             {"ready", false},
                             {"restartCount", 4},
                             {"lastState", terminatedLast},
                             {"state", {{"waiting", {{"reason", "CrashLoopBackOff"}}}}}},
                            runningContainer("proxy", true, 1)})}}),
         "1/2", "CrashLoopBackOff", "5 (30s ago)"},
        {"first container with a reason wins (scanned last to first)",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"containerStatuses",
               json::array(
                   {{{"name", "web"}, {"state", {{"waiting", {{"reason", "ImagePullBackOff"}}}}}},
                    {{"name", "proxy"},
                     {"state", {{"waiting", {{"reason", "CrashLoopBackOff"}}}}}}})}}),
         "0/2", "ImagePullBackOff", "0"},
        {"terminated without reason shows the exit code",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"containerStatuses",
               json::array(
                   {{{"name", "web"}, {"state", {{"terminated", {{"exitCode", 137}}}}}}})}}),
         "0/2", "ExitCode:137", "0"},
        {"terminated by a signal",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"containerStatuses",
               json::array({{{"name", "web"},
                             {"state", {{"terminated", {{"exitCode", 0}, {"signal", 9}}}}}}})}}),
         "0/2", "Signal:9", "0"},
        {"init container running",
         pod({{"initContainers", json::array({{{"name", "migrate"}}, {{"name", "warm"}}})},
              {"containers", json::array({{{"name", "web"}}})}},
             {{"phase", "Pending"},
              {"initContainerStatuses",
               json::array(
                   {{{"name", "migrate"},
                     {"state", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}}}},
                    {{"name", "warm"}, {"state", {{"running", json::object()}}}}})},
              {"containerStatuses",
               json::array({{{"name", "web"},
                             {"state", {{"waiting", {{"reason", "PodInitializing"}}}}}}})}}),
         "0/1", "Init:1/2", "0"},
        {"init container crash looping",
         pod({{"initContainers", json::array({{{"name", "migrate"}}})},
              {"containers", json::array({{{"name", "web"}}})}},
             {{"phase", "Pending"},
              {"initContainerStatuses",
               json::array({{{"name", "migrate"},
                             {"restartCount", 3},
                             {"state", {{"waiting", {{"reason", "CrashLoopBackOff"}}}}}}})}}),
         "0/1", "Init:CrashLoopBackOff", "3"},
        {"init container failed without reason",
         pod({{"initContainers", json::array({{{"name", "migrate"}}})},
              {"containers", json::array({{{"name", "web"}}})}},
             {{"phase", "Pending"},
              {"initContainerStatuses",
               json::array(
                   {{{"name", "migrate"}, {"state", {{"terminated", {{"exitCode", 2}}}}}}})}}),
         "0/1", "Init:ExitCode:2", "0"},
        {"completed container beside a running one, pod ready",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"conditions", json::array({{{"type", "Ready"}, {"status", "True"}}})},
              {"containerStatuses",
               json::array(
                   {runningContainer("web", true),
                    {{"name", "proxy"},
                     {"state", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}}}}})}}),
         "1/2", "Running", "0"},
        {"completed container beside a running one, pod not ready",
         pod(twoContainers(),
             {{"phase", "Running"},
              {"conditions", json::array({{{"type", "Ready"}, {"status", "False"}}})},
              {"containerStatuses",
               json::array(
                   {runningContainer("web", true),
                    {{"name", "proxy"},
                     {"state", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}}}}})}}),
         "1/2", "NotReady", "0"},
        {"succeeded pod",
         pod({{"containers", json::array({{{"name", "job"}}})}},
             {{"phase", "Succeeded"},
              {"containerStatuses",
               json::array(
                   {{{"name", "job"},
                     {"state", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}}}}})}}),
         "0/1", "Completed", "0"},
        {"sidecar (restartable init container) counts towards ready",
         pod({{"initContainers", json::array({{{"name", "mesh"}, {"restartPolicy", "Always"}}})},
              {"containers", json::array({{{"name", "web"}}})}},
             {{"phase", "Running"},
              {"conditions", json::array({{{"type", "Initialized"}, {"status", "True"}}})},
              {"initContainerStatuses", json::array({{{"name", "mesh"},
                                                      {"started", true},
                                                      {"ready", true},
                                                      {"restartCount", 2},
                                                      {"state", {{"running", json::object()}}}}})},
              {"containerStatuses", json::array({runningContainer("web", true)})}}),
         "2/2", "Running", "2"},
    };
    for (const auto& r : rows) {
        const json c = cells("pods", r.pod);
        ASSERT_EQ(c.size(), 9u) << r.name;
        EXPECT_EQ(c[0], "web-1") << r.name;
        EXPECT_EQ(c[1], r.ready) << r.name;
        EXPECT_EQ(c[2], r.status) << r.name;
        EXPECT_EQ(c[3], r.restarts) << r.name;
        EXPECT_EQ(c[4], "5m") << r.name;
    }
}

TEST(TablePrinter, TerminatingPodsAndWideCells) {
    json p = pod(twoContainers(),
                 {{"phase", "Running"},
                  {"podIP", "10.0.0.7"},
                  {"containerStatuses",
                   json::array({runningContainer("web", true), runningContainer("proxy", true)})}});
    p["spec"]["nodeName"] = "node-0";
    json c = cells("pods", p);
    EXPECT_EQ(c[5], "10.0.0.7");
    EXPECT_EQ(c[6], "node-0");
    EXPECT_EQ(c[7], "<none>");
    EXPECT_EQ(c[8], "<none>");

    p["metadata"]["deletionTimestamp"] = ago(kSecond);
    EXPECT_EQ(cells("pods", p)[2], "Terminating");
    p["status"]["reason"] = "NodeLost";
    EXPECT_EQ(cells("pods", p)[2], "Unknown");

    json done = pod({{"containers", json::array({{{"name", "job"}}})}},
                    {{"phase", "Succeeded"}, {"podIPs", json::array({{{"ip", "10.0.0.9"}}})}});
    done["metadata"]["deletionTimestamp"] = ago(kSecond);
    const json row = TablePrinter::row("pods", done, kNow);
    EXPECT_EQ(row["cells"][2], "Succeeded");  // terminal pods are not "Terminating"
    EXPECT_EQ(row["cells"][5], "10.0.0.9");
    ASSERT_TRUE(row.contains("conditions"));
    EXPECT_EQ(row["conditions"][0]["type"], "Completed");
    EXPECT_EQ(row["conditions"][0]["reason"], "Succeeded");

    json gated = pod(twoContainers(),
                     {{"phase", "Running"},
                      {"nominatedNodeName", "node-3"},
                      {"conditions", json::array({{{"type", "app/warm"}, {"status", "True"}},
                                                  {{"type", "app/db"}, {"status", "False"}}})}});
    gated["spec"]["readinessGates"] =
        json::array({{{"conditionType", "app/warm"}}, {{"conditionType", "app/db"}}});
    c = cells("pods", gated);
    EXPECT_EQ(c[7], "node-3");
    EXPECT_EQ(c[8], "1/2");
}

TEST(TablePrinter, DeploymentReplicaSetAndStatefulSetCells) {
    const json templ = {{"spec",
                         {{"containers", json::array({{{"name", "web"}, {"image", "nginx:1.25"}},
                                                      {{"name", "log"}, {"image", "fluentd"}}})}}}};
    const json deploy = {
        {"metadata", meta("web", 3 * 3600 * kSecond)},
        {"spec",
         {{"replicas", 3},
          {"selector",
           {{"matchLabels", {{"app", "web"}}},
            {"matchExpressions",
             json::array({{{"key", "tier"}, {"operator", "In"}, {"values", {"fe", "be"}}},
                          {{"key", "canary"}, {"operator", "DoesNotExist"}}})}}},
          {"template", templ}}},
        {"status", {{"readyReplicas", 2}, {"updatedReplicas", 3}, {"availableReplicas", 2}}}};
    EXPECT_EQ(cells("deployments", deploy),
              json::array({"web", "2/3", 3, 2, "3h", "web,log", "nginx:1.25,fluentd",
                           "app=web,!canary,tier in (be,fe)"}));

    const json fresh = {
        {"metadata", meta("api")},
        {"spec", {{"replicas", 2}, {"selector", {{"matchLabels", {{"app", "api"}}}}}}}};
    EXPECT_EQ(cells("deployments", fresh),
              json::array({"api", "0/2", 0, 0, "5m", "", "", "app=api"}));

    const json rs = {
        {"metadata", meta("web-5d4f8")},
        {"spec",
         {{"replicas", 3},
          {"selector", {{"matchLabels", {{"app", "web"}, {"pod-template-hash", "5d4f8"}}}}},
          {"template", templ}}},
        {"status", {{"replicas", 3}, {"readyReplicas", 1}}}};
    EXPECT_EQ(cells("replicasets", rs),
              json::array({"web-5d4f8", 3, 3, 1, "5m", "web,log", "nginx:1.25,fluentd",
                           "app=web,pod-template-hash=5d4f8"}));

    const json sts = {{"metadata", meta("redis")},
                      {"spec", {{"replicas", 3}, {"template", templ}}},
                      {"status", {{"readyReplicas", 1}}}};
    EXPECT_EQ(cells("statefulsets", sts),
              json::array({"redis", "1/3", "5m", "web,log", "nginx:1.25,fluentd"}));
}

TEST(TablePrinter, HpaTargets) {
    auto resource = [](const char* name, json target) {
        return json{{"type", "Resource"},
                    {"resource", {{"name", name}, {"target", std::move(target)}}}};
    };
    auto resourceStatus = [](const char* name, json current) {
        return json{{"type", "Resource"},
                    {"resource", {{"name", name}, {"current", std::move(current)}}}};
    };
    const json cpu60 = resource("cpu", {{"type", "Utilization"}, {"averageUtilization", 60}});
    const json mem = resource("memory", {{"type", "AverageValue"}, {"averageValue", "300Mi"}});
    struct Row {
        const char* name;
        json metrics;
        json current;
        const char* targets;
    } rows[] = {
        {"cpu utilization", json::array({cpu60}),
         json::array(
             {resourceStatus("cpu", {{"averageUtilization", 50}, {"averageValue", "150m"}})}),
         "cpu: 50%/60%"},
        {"no status yet",
         json::array({resource("cpu", {{"type", "Utilization"}, {"averageUtilization", 70}})}),
         json(), "cpu: <unknown>/70%"},
        {"memory average value in bytes", json::array({mem}),
         json::array({resourceStatus("memory", {{"averageValue", "104857600"}})}),
         "memory: 104857600/300Mi"},
        {"utilization without a target", json::array({resource("cpu", {{"type", "Utilization"}})}),
         json(), "cpu: <unknown>/<auto>"},
        {"pods metric",
         json::array({{{"type", "Pods"},
                       {"pods",
                        {{"metric", {{"name", "rps"}}},
                         {"target", {{"type", "AverageValue"}, {"averageValue", "1k"}}}}}}}),
         json::array(
             {{{"type", "Pods"},
               {"pods", {{"metric", {{"name", "rps"}}}, {"current", {{"averageValue", "500"}}}}}}}),
         "500/1k"},
        {"external value and average value",
         json::array({{{"type", "External"},
                       {"external",
                        {{"metric", {{"name", "queue"}}},
                         {"target", {{"type", "Value"}, {"value", "10"}}}}}},
                      {{"type", "External"},
                       {"external",
                        {{"metric", {{"name", "lag"}}},
                         {"target", {{"type", "AverageValue"}, {"averageValue", "30"}}}}}}}),
         json(), "<unknown>/10, <unknown>/30 (avg)"},
        {"object value with status",
         json::array({{{"type", "Object"},
                       {"object",
                        {{"metric", {{"name", "hits"}}},
                         {"target", {{"type", "Value"}, {"value", "1"}}}}}}}),
         json::array({{{"type", "Object"}, {"object", {{"current", {{"value", "2"}}}}}}}), "2/1"},
        {"more than two metrics",
         json::array(
             {cpu60, mem,
              resource("ephemeral-storage", {{"type", "AverageValue"}, {"averageValue", "1Gi"}}),
              resource("cpu", {{"type", "Utilization"}, {"averageUtilization", 80}})}),
         json(), "cpu: <unknown>/60%, memory: <unknown>/300Mi + 2 more..."},
        {"no metrics", json::array(), json(), "<none>"},
    };
    for (const auto& r : rows) {
        json hpa = {{"metadata", meta("web")},
                    {"spec",
                     {{"scaleTargetRef",
                       {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", "web"}}},
                      {"minReplicas", 2},
                      {"maxReplicas", 10},
                      {"metrics", r.metrics}}},
                    {"status", {{"currentReplicas", 3}, {"desiredReplicas", 3}}}};
        if (r.current.is_array())
            hpa["status"]["currentMetrics"] = r.current;
        const json c = cells("horizontalpodautoscalers", hpa);
        EXPECT_EQ(c, json::array({"web", "Deployment/web", r.targets, "2", 10, 3, "5m"})) << r.name;
    }

    const json unset = {
        {"metadata", meta("api")},
        {"spec",
         {{"scaleTargetRef", {{"kind", "StatefulSet"}, {"name", "redis"}}}, {"maxReplicas", 5}}}};
    EXPECT_EQ(cells("horizontalpodautoscalers", unset),
              json::array({"api", "StatefulSet/redis", "<none>", "<unset>", 5, 0, "5m"}));
}

TEST(TablePrinter, PodDisruptionBudgetCells) {
    struct Row {
        json spec;
        const char* minAvailable;
        const char* maxUnavailable;
    } rows[] = {
        {{{"minAvailable", 2}}, "2", "N/A"},
        {{{"maxUnavailable", "25%"}}, "N/A", "25%"},
        {{{"minAvailable", "50%"}}, "50%", "N/A"},
        {json::object(), "N/A", "N/A"},
    };
    for (const auto& r : rows) {
        const json pdb = {{"metadata", meta("web-pdb")},
                          {"spec", r.spec},
                          {"status", {{"disruptionsAllowed", 1}}}};
        EXPECT_EQ(cells("poddisruptionbudgets", pdb),
                  json::array({"web-pdb", r.minAvailable, r.maxUnavailable, 1, "5m"}))
            << r.spec.dump();
    }
}

TEST(TablePrinter, EventCells) {
    const json rescale = {
        {"metadata", meta("web.17a2b3c4d5e6f708", 10 * kMinute)},
        {"involvedObject",
         {{"kind", "HorizontalPodAutoscaler"}, {"name", "web"}, {"namespace", "shop"}}},
        {"reason", "SuccessfulRescale"},
        {"message",
         "New size: 5; reason: cpu resource utilization (percentage of request) above target\n"},
        {"type", "Normal"},
        {"source", {{"component", "horizontal-pod-autoscaler"}}},
        {"firstTimestamp", ago(10 * kMinute)},
        {"lastTimestamp", ago(2 * kMinute)},
        {"count", 3}};
    EXPECT_EQ(cells("events", rescale),
              json::array({"2m", "Normal", "SuccessfulRescale", "horizontalpodautoscaler/web", "",
                           "horizontal-pod-autoscaler",
                           "New size: 5; reason: cpu resource utilization (percentage of request) "
                           "above target",
                           "10m", 3, "web.17a2b3c4d5e6f708"}));

    const json kubelet = {
        {"metadata", meta("web-1.1")},
        {"involvedObject",
         {{"kind", "Pod"}, {"name", "web-1"}, {"fieldPath", "spec.containers{web}"}}},
        {"reason", "BackOff"},
        {"message", "Back-off restarting failed container"},
        {"type", "Warning"},
        {"source", {{"component", "kubelet"}, {"host", "node-0"}}},
        {"firstTimestamp", ago(90 * kSecond)},
        {"lastTimestamp", ago(30 * kSecond)},
        {"count", 0}};
    EXPECT_EQ(cells("events", kubelet),
              json::array({"30s", "Warning", "BackOff", "pod/web-1", "spec.containers{web}",
                           "kubelet, node-0", "Back-off restarting failed container", "90s", 1,
                           "web-1.1"}));

    // New-style events: no first/last timestamps, times from eventTime and series.
    const json series = {{"metadata", meta("web.2")},
                         {"involvedObject", {{"kind", "Deployment"}, {"name", "web"}}},
                         {"reason", "ScalingReplicaSet"},
                         {"type", "Normal"},
                         {"reportingComponent", "deployment-controller"},
                         {"reportingInstance", "kcm-1"},
                         {"eventTime", formatRfc3339(kNow - 20 * kMinute)},
                         {"series", {{"count", 7}, {"lastObservedTime", ago(40 * kSecond)}}}};
    const json c = cells("events", series);
    EXPECT_EQ(c[0], "40s");
    EXPECT_EQ(c[3], "deployment/web");
    EXPECT_EQ(c[5], "deployment-controller, kcm-1");
    EXPECT_EQ(c[7], "20m");
    EXPECT_EQ(c[8], 7);

    const json bare = {{"metadata", meta("x")}, {"involvedObject", {{"kind", "Node"}}}};
    const json b = cells("events", bare);
    EXPECT_EQ(b[0], "<unknown>");
    EXPECT_EQ(b[3], "node");
    EXPECT_EQ(b[8], 1);
}

TEST(TablePrinter, NodeCells) {
    auto node = [](json labels, const char* ready, bool unschedulable) {
        json n = {
            {"metadata",
             {{"name", "node-0"},
              {"labels", std::move(labels)},
              {"creationTimestamp", ago(50 * 3600 * kSecond)}}},
            {"status",
             {{"nodeInfo",
               {{"kubeletVersion", "v1.32.4"},
                {"osImage", "Debian GNU/Linux 12 (bookworm)"},
                {"kernelVersion", "6.1.0-18-amd64"}}},
              {"addresses", json::array({{{"type", "Hostname"}, {"address", "node-0"}},
                                         {{"type", "InternalIP"}, {"address", "10.1.0.4"}}})}}}};
        if (ready != nullptr) {
            n["status"]["conditions"] =
                json::array({{{"type", "MemoryPressure"}, {"status", "False"}},
                             {{"type", "Ready"}, {"status", ready}}});
        }
        if (unschedulable)
            n["spec"]["unschedulable"] = true;
        return n;
    };
    struct Row {
        const char* name;
        json node;
        const char* status;
        const char* roles;
    } rows[] = {
        {"ready worker", node({{"kubernetes.io/hostname", "node-0"}}, "True", false), "Ready",
         "<none>"},
        {"control plane", node({{"node-role.kubernetes.io/control-plane", ""}}, "True", false),
         "Ready", "control-plane"},
        {"roles from both label styles, sorted",
         node({{"node-role.kubernetes.io/ingress", ""},
               {"kubernetes.io/role", "worker"},
               {"node-role.kubernetes.io/", ""}},
              "True", false),
         "Ready", "ingress,worker"},
        {"cordoned", node(json::object(), "True", true), "Ready,SchedulingDisabled", "<none>"},
        {"not ready", node(json::object(), "False", false), "NotReady", "<none>"},
        {"unknown ready status", node(json::object(), "Unknown", true),
         "NotReady,SchedulingDisabled", "<none>"},
        {"no conditions", node(json::object(), nullptr, false), "Unknown", "<none>"},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(cells("nodes", r.node),
                  json::array({"node-0", r.status, r.roles, "2d2h", "v1.32.4", "10.1.0.4", "<none>",
                               "Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64", "<unknown>"}))
            << r.name;
    }
}

TEST(TablePrinter, SmallerKinds) {
    const json cm = {{"metadata", meta("web-config")},
                     {"data", {{"LOG_LEVEL", "info"}, {"PORT", "8080"}}},
                     {"binaryData", {{"logo.png", "aGVsbG8="}}}};
    EXPECT_EQ(cells("configmaps", cm), json::array({"web-config", 3, "5m"}));
    EXPECT_EQ(cells("configmaps", json{{"metadata", meta("empty")}}),
              json::array({"empty", 0, "5m"}));

    const json ns = {{"metadata", meta("shop", 10 * 24 * 3600 * kSecond)},
                     {"status", {{"phase", "Active"}}}};
    EXPECT_EQ(cells("namespaces", ns), json::array({"shop", "Active", "10d"}));

    const json svc = {{"metadata", meta("web")},
                      {"spec",
                       {{"type", "NodePort"},
                        {"clusterIP", "10.96.0.10"},
                        {"clusterIPs", {"10.96.0.10"}},
                        {"ports", json::array({{{"port", 80}, {"protocol", "TCP"}},
                                               {{"port", 443}, {"nodePort", 30443}}})},
                        {"selector", {{"app", "web"}, {"tier", "fe"}}}}}};
    EXPECT_EQ(cells("services", svc),
              json::array({"web", "NodePort", "10.96.0.10", "<none>", "80/TCP,443:30443/TCP", "5m",
                           "app=web,tier=fe"}));
    const json lb = {
        {"metadata", meta("edge")},
        {"spec", {{"type", "LoadBalancer"}, {"clusterIP", "10.96.0.11"}}},
        {"status", {{"loadBalancer", {{"ingress", json::array({{{"ip", "203.0.113.5"}}})}}}}}};
    EXPECT_EQ(cells("services", lb), json::array({"edge", "LoadBalancer", "10.96.0.11",
                                                  "203.0.113.5", "<none>", "5m", "<none>"}));
    const json pending = {{"metadata", meta("edge")}, {"spec", {{"type", "LoadBalancer"}}}};
    EXPECT_EQ(cells("services", pending)[3], "<pending>");

    const json cr = {{"metadata",
                      {{"name", "redis-7b9c"},
                       {"creationTimestamp", ago(5 * kMinute)},
                       {"ownerReferences", json::array({{{"apiVersion", "apps/v1"},
                                                         {"kind", "StatefulSet"},
                                                         {"name", "redis"},
                                                         {"controller", true}}})}}},
                     {"revision", 2}};
    EXPECT_EQ(cells("controllerrevisions", cr),
              json::array({"redis-7b9c", "statefulset.apps/redis", 2, "5m"}));

    const json lease = {
        {"metadata", {{"name", "kube-scheduler"}, {"creationTimestamp", "2026-11-28T15:51:53Z"}}}};
    EXPECT_EQ(cells("leases", lease), json::array({"kube-scheduler", "2026-11-28T15:51:53Z"}));
}

TEST(TablePrinter, RowObjectFollowsIncludeObject) {
    const json cm = {{"kind", "ConfigMap"},
                     {"apiVersion", "v1"},
                     {"metadata",
                      {{"name", "web-config"},
                       {"namespace", "shop"},
                       {"labels", {{"app", "web"}}},
                       {"resourceVersion", "42"},
                       {"creationTimestamp", ago(kMinute)}}},
                     {"data", {{"a", "b"}}}};
    const json byDefault = TablePrinter::row("configmaps", cm, kNow);
    EXPECT_EQ(byDefault["object"], (json{{"kind", "PartialObjectMetadata"},
                                         {"apiVersion", "meta.k8s.io/v1"},
                                         {"metadata", cm["metadata"]}}));
    EXPECT_EQ(TablePrinter::row("configmaps", cm, kNow, "Object")["object"], cm);
    EXPECT_FALSE(TablePrinter::row("configmaps", cm, kNow, "None").contains("object"));
    EXPECT_FALSE(byDefault.contains("conditions"));
}

TEST(TablePrinter, WholeTables) {
    const json a = {{"metadata", meta("a")}, {"status", {{"phase", "Active"}}}};
    const json b = {{"metadata", meta("b")}, {"status", {{"phase", "Terminating"}}}};
    const json t = TablePrinter::table("namespaces", {&a, &b}, kNow, "1015", "", "Metadata");
    EXPECT_EQ(t["kind"], "Table");
    EXPECT_EQ(t["apiVersion"], "meta.k8s.io/v1");
    EXPECT_EQ(t["metadata"], (json{{"resourceVersion", "1015"}}));
    EXPECT_EQ(t["columnDefinitions"], TablePrinter::columnDefinitions("namespaces"));
    ASSERT_EQ(t["rows"].size(), 2u);
    EXPECT_EQ(t["rows"][1]["cells"], json::array({"b", "Terminating", "5m"}));
    EXPECT_EQ(t["rows"][0]["object"]["metadata"]["name"], "a");

    const json page = TablePrinter::table("namespaces", {&a}, kNow, "1016", "tok", "None", false);
    EXPECT_EQ(page["metadata"], (json{{"resourceVersion", "1016"}, {"continue", "tok"}}));
    EXPECT_TRUE(page["columnDefinitions"].is_null());
    EXPECT_FALSE(page["rows"][0].contains("object"));

    const json empty = TablePrinter::table("pods", {}, kNow, "7", "", "Metadata");
    EXPECT_TRUE(empty["rows"].is_array());
    EXPECT_TRUE(empty["rows"].empty());
}
