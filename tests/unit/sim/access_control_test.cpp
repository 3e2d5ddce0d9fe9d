#include "sim/access_control.h"

#include <gtest/gtest.h>

using scaledeck::sim::AccessControl;
using scaledeck::sim::ResourceAttributes;
using scaledeck::sim::SimUser;

namespace {

AccessControl make() {
    SimUser admin{"admin", {"system:masters"}, "t-admin", true, true, {}};
    SimUser op{"operator", {}, "t-op", false, false,
               {{{"get", "list", "watch"}, {"*"}, {"*"}},
                {{"patch", "update"}, {"deployments/scale", "horizontalpodautoscalers"}, {"greenlang"}}}};
    return AccessControl({admin, op});
}

TEST(AccessControl, TokensMapToUsers) {
    auto ac = make();
    ASSERT_NE(ac.userForToken("t-op"), nullptr);
    EXPECT_EQ(ac.userForToken("t-op")->name, "operator");
    EXPECT_EQ(ac.userForToken("wrong"), nullptr);
    EXPECT_EQ(ac.userForToken(""), nullptr);
    EXPECT_NE(ac.userForCertificate("admin"), nullptr);
    EXPECT_EQ(ac.userForCertificate("operator"), nullptr);  // no certificate issued
}

TEST(AccessControl, RulesMatchVerbResourceAndNamespace) {
    auto ac = make();
    const auto& op = *ac.user("operator");
    struct Row {
        ResourceAttributes a;
        bool allowed;
    } rows[] = {
        {{"patch", "apps", "deployments", "scale", "greenlang", "web"}, true},
        {{"patch", "apps", "deployments", "scale", "other", "web"}, false},
        {{"patch", "apps", "deployments", "", "greenlang", "web"}, false},
        {{"patch", "", "configmaps", "", "greenlang", "cfg"}, false},
        {{"list", "", "pods", "", "", ""}, true},
        {{"delete", "", "pods", "", "greenlang", "p"}, false},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(ac.allowed(op, r.a), r.allowed) << r.a.verb << " " << r.a.resource << "/" << r.a.subresource;
    }
    EXPECT_TRUE(ac.allowed(*ac.user("admin"), {"delete", "", "nodes", "", "", "n"}));
}

TEST(AccessControl, ForbiddenMessageMatchesTheApiServer) {
    auto ac = make();
    EXPECT_EQ(AccessControl::forbiddenMessage(*ac.user("operator"),
                                              {"patch", "", "configmaps", "", "shop", "web-config"}, "configmaps"),
              "configmaps \"web-config\" is forbidden: User \"operator\" cannot patch resource \"configmaps\" "
              "in API group \"\" in the namespace \"shop\"");
    EXPECT_EQ(AccessControl::forbiddenMessage(*ac.user("operator"), {"list", "", "nodes", "", "", ""}, "nodes"),
              "nodes is forbidden: User \"operator\" cannot list resource \"nodes\" in API group \"\" at the "
              "cluster scope");
}

}  // namespace
