#include "cli/get_command.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "cache/informer_scope.h"
#include "cache/one_shot_list.h"
#include "cli/cluster_target.h"
#include "cli/deployment_columns.h"
#include "cli/event_columns.h"
#include "cli/hpa_columns.h"
#include "cli/list_error_text.h"
#include "cli/node_columns.h"
#include "cli/pdb_columns.h"
#include "cli/pod_columns.h"
#include "cli/resource_kind.h"
#include "cli/row_printer.h"
#include "cli/stateful_set_columns.h"
#include "kube/api_client.h"

namespace scaledeck::cli {

namespace {

void printError(std::FILE* err, const std::string& message) {
    std::fprintf(err, "scaledeck-cli: %s\n", message.c_str());
}

base::UnixMillis nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The store keeps no order; the API server lists in etcd key order, "namespace/name".
template <class Row>
std::vector<std::shared_ptr<const Row>> inServerOrder(
    std::vector<std::shared_ptr<const Row>> rows) {
    std::vector<std::pair<std::string, std::shared_ptr<const Row>>> keyed;
    keyed.reserve(rows.size());
    for (auto& row : rows)
        keyed.emplace_back(cache::objectKey(*row), std::move(row));
    std::sort(keyed.begin(), keyed.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    rows.clear();
    for (auto& entry : keyed)
        rows.push_back(std::move(entry.second));
    return rows;
}

bool writeAll(std::FILE* out, const std::string& text) {
    return std::fwrite(text.data(), 1, text.size(), out) == text.size() && std::fflush(out) == 0;
}

}  // namespace

GetCommand::GetCommand(CliOptions options, ClusterTarget::Environment environment)
    : m_options(std::move(options)), m_environment(std::move(environment)) {}

int GetCommand::run(std::FILE* out, std::FILE* err) {
    const auto kind = ResourceKinds::find(m_options.resourceType);
    if (!kind) {
        printError(err, "unknown resource type \"" + m_options.resourceType +
                            "\"; scaledeck-cli gets " + ResourceKinds::supportedText());
        return 1;
    }
    auto target = ClusterTarget::resolve(m_options, *kind, m_environment);
    if (!target.ok()) {
        printError(err, target.error().message);
        return 1;
    }
    const ResourceKindInfo& info = ResourceKinds::info(*kind);
    using namespace kube::objects;
    switch (*kind) {
        case ResourceKind::Pods:
            return listAndPrint<PodRow>(*target, info, out, err);
        case ResourceKind::Nodes:
            return listAndPrint<NodeRow>(*target, info, out, err);
        case ResourceKind::Deployments:
            return listAndPrint<DeploymentRow>(*target, info, out, err);
        case ResourceKind::StatefulSets:
            return listAndPrint<StatefulSetRow>(*target, info, out, err);
        case ResourceKind::Hpa:
            return listAndPrint<HpaRow>(*target, info, out, err);
        case ResourceKind::Events:
            return listAndPrint<EventRow>(*target, info, out, err);
        case ResourceKind::Pdb:
            return listAndPrint<PdbRow>(*target, info, out, err);
    }
    return 1;
}

template <class Row>
int GetCommand::listAndPrint(const ClusterTarget& target, const ResourceKindInfo& kind,
                             std::FILE* out, std::FILE* err) {
    cache::InformerScope scope;
    scope.namespaceName = target.namespaceName;
    scope.labelSelector = m_options.labelSelector;

    kube::ApiClient client(target.context);
    auto listed = cache::listOnce<Row>(client, scope);
    if (!listed.ok()) {
        printError(err, ListErrorText::describe(listed.error(), kind, target,
                                                !m_options.labelSelector.empty()));
        return 1;
    }
    const auto rows = inServerOrder<Row>(listed->store->list());
    if (rows.empty() && m_options.output != OutputFormat::Json) {
        // kubectl's words, on stderr so that scripts reading stdout see nothing.
        if (kind.namespaced && !target.namespaceName.empty())
            std::fprintf(err, "No resources found in %s namespace.\n",
                         target.namespaceName.c_str());
        else
            std::fprintf(err, "No resources found\n");
        return 0;
    }
    PrintSettings settings;
    settings.format = m_options.output;
    settings.withNamespace = kind.namespaced && target.namespaceName.empty();
    settings.now = nowMillis();
    std::string text;
    RowPrinter<Row>::print(rows, kind, settings, text);
    if (!writeAll(out, text)) {
        printError(err, "cannot write the output: " + std::string(std::strerror(errno)));
        return 1;
    }
    return 0;
}

}  // namespace scaledeck::cli
