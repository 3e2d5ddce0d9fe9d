#include "sim/openapi_documents.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string_view>

namespace scaledeck::sim {
namespace {

using nlohmann::json;

// A top-level field of a kind's schema, shallow on purpose: explain shows it with its type.
struct Prop {
    const char* name;
    const char* type;  // "object", "string", "integer", "boolean", "map" (string values)
    const char* description;
};

struct Kind {
    const char* gvPath;  // "apis/apps/v1"
    const char* group;
    const char* version;
    const char* plural;
    const char* kind;
    bool namespaced;
    bool scale;   // has the /scale subresource
    bool status;  // has the /status subresource
    const char* description;
    std::vector<Prop> props;  // besides apiVersion, kind, metadata
};

const std::vector<Prop> kSpecStatus = {
    {"spec", "object", "Specification of the desired behavior of the object."},
    {"status", "object", "Most recently observed status of the object. Read-only."},
};

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k = {
        {"api/v1", "", "v1", "pods", "Pod", true, false, true,
         "Pod is a collection of containers that can run on a host.", kSpecStatus},
        {"api/v1", "", "v1", "namespaces", "Namespace", false, false, true,
         "Namespace provides a scope for Names.", kSpecStatus},
        {"api/v1", "", "v1", "nodes", "Node", false, false, true,
         "Node is a worker node in Kubernetes.", kSpecStatus},
        {"api/v1",
         "",
         "v1",
         "events",
         "Event",
         true,
         false,
         false,
         "Event is a report of an event somewhere in the cluster.",
         {{"involvedObject", "object", "The object that this event is about."},
          {"reason", "string", "A short, machine understandable reason for the transition."},
          {"message", "string", "A human-readable description of the status of this operation."},
          {"source", "object", "The component reporting this event."},
          {"firstTimestamp", "string", "The time at which the event was first recorded."},
          {"lastTimestamp", "string", "The time at which the most recent occurrence was recorded."},
          {"count", "integer", "The number of times this event has occurred."},
          {"type", "string", "Type of this event (Normal, Warning)."},
          {"eventTime", "string", "Time when this Event was first observed."},
          {"series", "object", "Data about the Event series this event represents."},
          {"action", "string", "What action was taken/failed regarding to the Regarding object."},
          {"related", "object", "Optional secondary object for more complex actions."},
          {"reportingComponent", "string", "Name of the controller that emitted this Event."},
          {"reportingInstance", "string", "ID of the controller instance."}}},
        {"api/v1",
         "",
         "v1",
         "configmaps",
         "ConfigMap",
         true,
         false,
         false,
         "ConfigMap holds configuration data for pods to consume.",
         {{"data", "map", "Data contains the configuration data."},
          {"binaryData", "map", "BinaryData contains the binary data."},
          {"immutable", "boolean", "If set to true, the stored data cannot be updated."}}},
        {"api/v1", "", "v1", "services", "Service", true, false, true,
         "Service is a named abstraction of software service (for example, mysql) consisting of "
         "local port (for example 3306) that the proxy listens on, and the selector that "
         "determines which pods will answer requests sent through the proxy.",
         kSpecStatus},
        {"apis/apps/v1", "apps", "v1", "deployments", "Deployment", true, true, true,
         "Deployment enables declarative updates for Pods and ReplicaSets.", kSpecStatus},
        {"apis/apps/v1", "apps", "v1", "replicasets", "ReplicaSet", true, true, true,
         "ReplicaSet ensures that a specified number of pod replicas are running at any given "
         "time.",
         kSpecStatus},
        {"apis/apps/v1", "apps", "v1", "statefulsets", "StatefulSet", true, true, true,
         "StatefulSet represents a set of pods with consistent identities.", kSpecStatus},
        {"apis/apps/v1",
         "apps",
         "v1",
         "controllerrevisions",
         "ControllerRevision",
         true,
         false,
         false,
         "ControllerRevision implements an immutable snapshot of state data.",
         {{"data", "object", "Data is the serialized representation of the state."},
          {"revision", "integer",
           "Revision indicates the revision of the state represented by "
           "Data."}}},
        {"apis/autoscaling/v2", "autoscaling", "v2", "horizontalpodautoscalers",
         "HorizontalPodAutoscaler", true, false, true,
         "HorizontalPodAutoscaler is the configuration for a horizontal pod autoscaler, which "
         "automatically manages the replica count of any resource implementing the scale "
         "subresource based on the metrics specified.",
         kSpecStatus},
        {"apis/autoscaling/v1", "autoscaling", "v1", "horizontalpodautoscalers",
         "HorizontalPodAutoscaler", true, false, true,
         "configuration of a horizontal pod autoscaler.", kSpecStatus},
        {"apis/policy/v1", "policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true,
         false, true,
         "PodDisruptionBudget is an object to define the max disruption that can be caused to a "
         "collection of pods",
         kSpecStatus},
        {"apis/events.k8s.io/v1",
         "events.k8s.io",
         "v1",
         "events",
         "Event",
         true,
         false,
         false,
         "Event is a report of an event somewhere in the cluster.",
         {{"eventTime", "string", "The time at which the event was first recorded."},
          {"series", "object", "Data about the Event series this event represents."},
          {"reportingController", "string", "Name of the controller that emitted this Event."},
          {"reportingInstance", "string", "ID of the controller instance."},
          {"action", "string", "What action was taken/failed regarding to the regarding object."},
          {"reason", "string", "Why the action was taken."},
          {"regarding", "object", "The object this Event is about."},
          {"related", "object", "Optional secondary object for more complex actions."},
          {"note", "string", "A human-readable description of the status of this operation."},
          {"type", "string", "Type of this event (Normal, Warning)."},
          {"deprecatedSource", "object", "The deprecated field assuring backward compatibility."},
          {"deprecatedFirstTimestamp", "string", "Deprecated first timestamp."},
          {"deprecatedLastTimestamp", "string", "Deprecated last timestamp."},
          {"deprecatedCount", "integer", "Deprecated count."}}},
    };
    return k;
}

// ---- names --------------------------------------------------------------------------------------

std::string capitalised(std::string s) {
    if (!s.empty())
        s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

// "" -> "Core", "events.k8s.io" -> "Events": the group part of operation ids and tags.
std::string groupWord(const std::string& group) {
    if (group.empty())
        return "Core";
    return capitalised(group.substr(0, group.find('.')));
}

std::string schemaPackage(const std::string& group) {
    if (group.empty())
        return "core";
    return group.substr(0, group.find('.'));
}

std::string schemaName(const std::string& group, const std::string& version,
                       const std::string& kind) {
    return "io.k8s.api." + schemaPackage(group) + "." + version + "." + kind;
}

const char* const kObjectMetaRef =
    "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
const char* const kListMetaRef =
    "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

json gvk(const std::string& group, const std::string& version, const std::string& kind) {
    return {{"group", group}, {"version", version}, {"kind", kind}};
}

json ref(const std::string& name) {
    return {{"$ref", "#/components/schemas/" + name}};
}

// ---- parameters ---------------------------------------------------------------------------------

json queryParam(const char* name, const char* type, const char* description) {
    return {{"name", name},
            {"in", "query"},
            {"description", description},
            {"schema", {{"type", type}, {"uniqueItems", true}}}};
}

json pathParam(const char* name, const char* description) {
    return {{"name", name},
            {"in", "path"},
            {"description", description},
            {"required", true},
            {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

json dryRun() {
    return queryParam("dryRun", "string",
                      "When present, indicates that modifications should not be persisted. Valid "
                      "values are: - All: all dry run stages will be processed");
}
json fieldManager() {
    return queryParam("fieldManager", "string",
                      "fieldManager is a name associated with the actor or entity that is making "
                      "these changes.");
}
json fieldValidation() {
    return queryParam("fieldValidation", "string",
                      "fieldValidation instructs the server on how to handle objects in the "
                      "request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid "
                      "values are: - Ignore: silently drop unknown fields. - Warn: send a warning "
                      "for each unknown field. - Strict: fail the request with a BadRequest error "
                      "if any unknown fields would be dropped.");
}
json force() {
    return queryParam("force", "boolean",
                      "Force is going to \"force\" Apply requests. It must be unset for non-apply "
                      "patch requests.");
}

json writeParams(bool patch) {
    json p = json::array({dryRun(), fieldManager(), fieldValidation()});
    if (patch)
        p.push_back(force());
    return p;
}

json listParams() {
    return json::array({
        queryParam("allowWatchBookmarks", "boolean", "requests watch events with type BOOKMARK."),
        queryParam("continue", "string", "The continue option for paginated lists."),
        queryParam("fieldSelector", "string", "A selector to restrict the list by fields."),
        queryParam("labelSelector", "string", "A selector to restrict the list by labels."),
        queryParam("limit", "integer", "The maximum number of responses to return."),
        queryParam("resourceVersion", "string", "Constraint on the resource versions served."),
        queryParam("resourceVersionMatch", "string", "How resourceVersion is applied."),
        queryParam("sendInitialEvents", "boolean", "Start a watch with synthetic ADDED events."),
        queryParam("timeoutSeconds", "integer", "Timeout for the list/watch call."),
        queryParam("watch", "boolean", "Watch for changes and return a stream of them."),
    });
}

json okResponse(const std::string& schema, bool created = false) {
    json content = {{"schema", ref(schema)}};
    json r = {{"200", {{"description", "OK"}, {"content", {{"application/json", content}}}}},
              {"401", {{"description", "Unauthorized"}}}};
    if (created) {
        r["201"] = {{"description", "Created"}, {"content", {{"application/json", content}}}};
    }
    return r;
}

json operation(const std::string& verb, const std::string& id, const std::string& tag,
               const std::string& action, const json& kindGvk, json params,
               const std::string& responseSchema, const std::string& description) {
    json op = {{"tags", json::array({tag})},
               {"description", description},
               {"operationId", id},
               {"responses",
                okResponse(responseSchema, verb == "post" || verb == "put" || verb == "patch")},
               {"x-kubernetes-action", action},
               {"x-kubernetes-group-version-kind", kindGvk}};
    if (!params.empty())
        op["parameters"] = std::move(params);
    if (verb == "post" || verb == "put") {
        op["requestBody"] = {{"content", {{"*/*", {{"schema", ref(responseSchema)}}}}},
                             {"required", true}};
    }
    return op;
}

// ---- schemas ------------------------------------------------------------------------------------

json propSchema(const Prop& p) {
    json s = {{"description", p.description}};
    const std::string_view type = p.type;
    if (type == "map") {
        s["type"] = "object";
        s["additionalProperties"] = {{"type", "string"}, {"default", ""}};
    } else {
        s["type"] = p.type;
    }
    return s;
}

json kindSchema(const Kind& k) {
    json props = {
        {"apiVersion",
         {{"description",
           "APIVersion defines the versioned schema of this representation of an object."},
          {"type", "string"}}},
        {"kind",
         {{"description",
           "Kind is a string value representing the REST resource this object "
           "represents."},
          {"type", "string"}}},
        {"metadata",
         {{"description", "Standard object's metadata."},
          {"allOf", json::array({{{"$ref", kObjectMetaRef}}})},
          {"default", json::object()}}},
    };
    for (const auto& p : k.props)
        props[p.name] = propSchema(p);
    return {{"description", k.description},
            {"type", "object"},
            {"properties", std::move(props)},
            {"x-kubernetes-group-version-kind", json::array({gvk(k.group, k.version, k.kind)})}};
}

json listSchema(const Kind& k) {
    const std::string item = schemaName(k.group, k.version, k.kind);
    return {{"description", std::string(k.kind) + "List is a list of " + k.kind + " objects."},
            {"type", "object"},
            {"required", json::array({"items"})},
            {"properties",
             {{"apiVersion", {{"type", "string"}}},
              {"kind", {{"type", "string"}}},
              {"items",
               {{"description", "Items is the list of objects."},
                {"type", "array"},
                {"items", {{"default", json::object()}, {"allOf", json::array({ref(item)})}}}}},
              {"metadata",
               {{"allOf", json::array({{{"$ref", kListMetaRef}}})}, {"default", json::object()}}}}},
            {"x-kubernetes-group-version-kind",
             json::array({gvk(k.group, k.version, std::string(k.kind) + "List")})}};
}

json objectMetaSchema() {
    auto s = [](const char* type, const char* d) {
        return json{{"type", type}, {"description", d}};
    };
    json map = {{"type", "object"},
                {"additionalProperties", {{"type", "string"}, {"default", ""}}},
                {"description", "Map of string keys and values."}};
    return {{"description", "ObjectMeta is metadata that all persisted resources must have."},
            {"type", "object"},
            {"properties",
             {{"name", s("string", "Name must be unique within a namespace.")},
              {"generateName", s("string", "Prefix used to generate a unique name.")},
              {"namespace", s("string",
                              "Namespace defines the space within which each name must "
                              "be unique.")},
              {"uid", s("string", "UID is the unique in time and space value for this object.")},
              {"resourceVersion", s("string",
                                    "An opaque value that represents the internal "
                                    "version of this object.")},
              {"generation", s("integer",
                               "A sequence number representing a specific generation "
                               "of the desired state.")},
              {"creationTimestamp", s("string", "Time when this object was created.")},
              {"deletionTimestamp", s("string", "Time at which this resource will be deleted.")},
              {"labels", map},
              {"annotations", map},
              {"ownerReferences", {{"type", "array"}, {"items", {{"type", "object"}}}}},
              {"finalizers", {{"type", "array"}, {"items", {{"type", "string"}}}}},
              {"managedFields", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
}

json listMetaSchema() {
    return {{"description", "ListMeta describes metadata that synthetic resources must have."},
            {"type", "object"},
            {"properties",
             {{"resourceVersion", {{"type", "string"}}},
              {"continue", {{"type", "string"}}},
              {"remainingItemCount", {{"type", "integer"}}}}}};
}

json scaleSchema() {
    return {{"description", "Scale represents a scaling request for a resource."},
            {"type", "object"},
            {"properties",
             {{"apiVersion", {{"type", "string"}}},
              {"kind", {{"type", "string"}}},
              {"metadata",
               {{"allOf", json::array({{{"$ref", kObjectMetaRef}}})}, {"default", json::object()}}},
              {"spec", {{"type", "object"}, {"description", "The desired replica count."}}},
              {"status", {{"type", "object"}, {"description", "The observed replica count."}}}}},
            {"x-kubernetes-group-version-kind", json::array({gvk("autoscaling", "v1", "Scale")})}};
}

// ---- documents ----------------------------------------------------------------------------------

void addPaths(json& paths, const Kind& k) {
    const std::string prefix = std::string("/") + k.gvPath;
    const std::string collection =
        k.namespaced ? prefix + "/namespaces/{namespace}/" + k.plural : prefix + "/" + k.plural;
    const std::string item = collection + "/{name}";
    const std::string kindName = k.kind;
    const std::string ns = k.namespaced ? "Namespaced" : "";
    const std::string gv = groupWord(k.group) + capitalised(k.version);
    const std::string tag = schemaPackage(k.group) + "_" + k.version;
    const std::string schema = schemaName(k.group, k.version, k.kind);
    const std::string list = schema + "List";
    const json kindGvk = gvk(k.group, k.version, k.kind);

    json common = json::array(
        {queryParam("pretty", "string", "If 'true', then the output is pretty printed.")});
    json itemCommon = json::array({pathParam("name", ("name of the " + kindName).c_str())});
    if (k.namespaced) {
        const json nsParam = pathParam("namespace",
                                       "object name and auth scope, such as for teams "
                                       "and projects");
        itemCommon.push_back(nsParam);
        json collectionCommon = json::array({nsParam});
        collectionCommon.insert(collectionCommon.end(), common.begin(), common.end());
        paths[collection]["parameters"] = collectionCommon;
    } else {
        paths[collection]["parameters"] = common;
    }
    itemCommon.insert(itemCommon.end(), common.begin(), common.end());

    paths[collection]["get"] =
        operation("get", "list" + gv + ns + kindName, tag, "list", kindGvk, listParams(), list,
                  "list or watch objects of kind " + kindName);
    paths[collection]["post"] =
        operation("post", "create" + gv + ns + kindName, tag, "post", kindGvk, writeParams(false),
                  schema, "create a " + kindName);

    paths[item]["parameters"] = itemCommon;
    paths[item]["get"] = operation("get", "read" + gv + ns + kindName, tag, "get", kindGvk,
                                   json::array(), schema, "read the specified " + kindName);
    paths[item]["put"] = operation("put", "replace" + gv + ns + kindName, tag, "put", kindGvk,
                                   writeParams(false), schema, "replace the specified " + kindName);
    paths[item]["patch"] =
        operation("patch", "patch" + gv + ns + kindName, tag, "patch", kindGvk, writeParams(true),
                  schema, "partially update the specified " + kindName);
    paths[item]["delete"] =
        operation("delete", "delete" + gv + ns + kindName, tag, "delete", kindGvk,
                  json::array({dryRun()}), schema, "delete " + kindName);

    if (k.namespaced) {
        paths[prefix + "/" + k.plural]["parameters"] = common;
        paths[prefix + "/" + k.plural]["get"] =
            operation("get", "list" + gv + kindName + "ForAllNamespaces", tag, "list", kindGvk,
                      listParams(), list, "list or watch objects of kind " + kindName);
    }

    auto subresource = [&](const std::string& sub, const json& subGvk,
                           const std::string& subSchema) {
        const std::string path = item + "/" + sub;
        const std::string suffix = capitalised(sub);
        paths[path]["parameters"] = itemCommon;
        paths[path]["get"] =
            operation("get", "read" + gv + ns + kindName + suffix, tag, "get", subGvk,
                      json::array(), subSchema, "read " + sub + " of the specified " + kindName);
        paths[path]["put"] = operation("put", "replace" + gv + ns + kindName + suffix, tag, "put",
                                       subGvk, writeParams(false), subSchema,
                                       "replace " + sub + " of the specified " + kindName);
        paths[path]["patch"] = operation(
            "patch", "patch" + gv + ns + kindName + suffix, tag, "patch", subGvk, writeParams(true),
            subSchema, "partially update " + sub + " of the specified " + kindName);
    };
    if (k.scale) {
        subresource("scale", gvk("autoscaling", "v1", "Scale"), "io.k8s.api.autoscaling.v1.Scale");
    }
    if (k.status)
        subresource("status", kindGvk, schema);
}

json buildDocument(const std::string& gvPath) {
    json paths = json::object();
    json schemas = {{"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", objectMetaSchema()},
                    {"io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", listMetaSchema()}};
    for (const auto& k : kinds()) {
        if (gvPath != k.gvPath)
            continue;
        addPaths(paths, k);
        schemas[schemaName(k.group, k.version, k.kind)] = kindSchema(k);
        schemas[schemaName(k.group, k.version, k.kind) + "List"] = listSchema(k);
        if (k.scale)
            schemas["io.k8s.api.autoscaling.v1.Scale"] = scaleSchema();
    }
    return {{"openapi", "3.0.0"},
            {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
            {"paths", std::move(paths)},
            {"components", {{"schemas", std::move(schemas)}}}};
}

// FNV-1a: stable across runs and platforms; kubectl only uses the hash as a cache key.
std::string contentHash(const std::string& text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(h));
    return buf;
}

struct Catalogue {
    std::map<std::string, json, std::less<>> documents;
    std::map<std::string, std::string, std::less<>> hashes;
};

const Catalogue& catalogue() {
    static const Catalogue c = [] {
        Catalogue out;
        for (const auto& k : kinds()) {
            if (out.documents.count(k.gvPath) != 0)
                continue;
            json doc = buildDocument(k.gvPath);
            out.hashes[k.gvPath] = contentHash(doc.dump());
            out.documents[k.gvPath] = std::move(doc);
        }
        return out;
    }();
    return c;
}

std::string normalise(std::string_view path) {
    if (const auto q = path.find('?'); q != std::string_view::npos)
        path = path.substr(0, q);
    while (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    while (!path.empty() && path.back() == '/')
        path.remove_suffix(1);
    return std::string(path);
}

}  // namespace

nlohmann::json openApiV3Index(const std::vector<std::string>& groupVersionPaths) {
    json paths = json::object();
    try {
        const auto& c = catalogue();
        for (const auto& raw : groupVersionPaths) {
            const std::string gv = normalise(raw);
            auto it = c.hashes.find(gv);
            if (it == c.hashes.end())
                continue;
            paths[gv] = {{"serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + it->second}};
        }
    } catch (const std::exception&) {
        // Building the catalogue only allocates; an empty index makes kubectl skip validation.
    }
    return {{"paths", std::move(paths)}};
}

std::optional<nlohmann::json> openApiV3Document(const std::string& gvPath) {
    try {
        const auto& c = catalogue();
        auto it = c.documents.find(normalise(gvPath));
        if (it == c.documents.end())
            return std::nullopt;
        return it->second;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace scaledeck::sim
