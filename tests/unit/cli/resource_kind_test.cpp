// ResourceKinds: every alias kubectl accepts for the seven types, group-qualified plurals, and
// kubectl's `-o name` prefixes.
#include "cli/resource_kind.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace scaledeck::cli {
namespace {

TEST(CliResourceKinds, FindsKubectlAliases) {
    const std::vector<std::pair<std::string, ResourceKind>> cases = {
        {"pods", ResourceKind::Pods},
        {"pod", ResourceKind::Pods},
        {"po", ResourceKind::Pods},
        {"PODS", ResourceKind::Pods},
        {"pods.", ResourceKind::Pods},
        {"nodes", ResourceKind::Nodes},
        {"node", ResourceKind::Nodes},
        {"no", ResourceKind::Nodes},
        {"deployments", ResourceKind::Deployments},
        {"deployment", ResourceKind::Deployments},
        {"deploy", ResourceKind::Deployments},
        {"deployments.apps", ResourceKind::Deployments},
        {"statefulsets", ResourceKind::StatefulSets},
        {"statefulset", ResourceKind::StatefulSets},
        {"sts", ResourceKind::StatefulSets},
        {"horizontalpodautoscalers", ResourceKind::Hpa},
        {"horizontalpodautoscaler", ResourceKind::Hpa},
        {"hpa", ResourceKind::Hpa},
        {"hpa.autoscaling", ResourceKind::Hpa},
        {"events", ResourceKind::Events},
        {"event", ResourceKind::Events},
        {"ev", ResourceKind::Events},
        {"poddisruptionbudgets", ResourceKind::Pdb},
        {"poddisruptionbudget", ResourceKind::Pdb},
        {"pdb", ResourceKind::Pdb},
        {"pdb.policy", ResourceKind::Pdb},
    };
    for (const auto& [typed, kind] : cases) {
        SCOPED_TRACE(typed);
        const auto found = ResourceKinds::find(typed);
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(*found, kind);
    }
}

TEST(CliResourceKinds, RejectsOtherTypes) {
    for (const char* typed : {"", "pods,nodes", "pods/web", "deployments.extensions", "configmaps",
                              "secrets", "hpa.apps", "p"}) {
        SCOPED_TRACE(typed);
        EXPECT_FALSE(ResourceKinds::find(typed).has_value());
    }
}

TEST(CliResourceKinds, NamePrefixesAreKubectls) {
    EXPECT_EQ(ResourceKinds::info(ResourceKind::Pods).namePrefix, "pod");
    EXPECT_EQ(ResourceKinds::info(ResourceKind::Nodes).namePrefix, "node");
    EXPECT_EQ(ResourceKinds::info(ResourceKind::Deployments).namePrefix, "deployment.apps");
    EXPECT_EQ(ResourceKinds::info(ResourceKind::StatefulSets).namePrefix, "statefulset.apps");
    EXPECT_EQ(ResourceKinds::info(ResourceKind::Hpa).namePrefix,
              "horizontalpodautoscaler.autoscaling");
    EXPECT_EQ(ResourceKinds::info(ResourceKind::Events).namePrefix, "event");
    EXPECT_EQ(ResourceKinds::info(ResourceKind::Pdb).namePrefix, "poddisruptionbudget.policy");
    EXPECT_FALSE(ResourceKinds::info(ResourceKind::Nodes).namespaced);
    EXPECT_EQ(ResourceKinds::all().size(), 7u);
}

}  // namespace
}  // namespace scaledeck::cli
