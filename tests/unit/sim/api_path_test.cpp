#include "sim/api_path.h"

#include <gtest/gtest.h>

using scaledeck::sim::ApiPath;
using scaledeck::sim::parseGoBool;

TEST(ApiPath, SplitsResourcePaths) {
    struct Row {
        const char* path;
        const char* group;
        const char* ns;
        const char* resource;
        const char* name;
        const char* sub;
    } rows[] = {
        {"/api/v1/pods", "", "", "pods", "", ""},
        {"/api/v1/namespaces/shop/pods/web-1", "", "shop", "pods", "web-1", ""},
        {"/apis/apps/v1/namespaces/shop/deployments/web/scale", "apps", "shop", "deployments", "web", "scale"},
        {"/api/v1/nodes/node-0", "", "", "nodes", "node-0", ""},
        {"/api/v1/namespaces/shop", "", "", "namespaces", "shop", ""},
        {"/apis/metrics.k8s.io/v1beta1/nodes", "metrics.k8s.io", "", "nodes", "", ""},
    };
    for (const auto& r : rows) {
        auto p = ApiPath::parse(r.path);
        ASSERT_TRUE(p.has_value()) << r.path;
        EXPECT_EQ(p->group, r.group) << r.path;
        EXPECT_EQ(p->namespaceName, r.ns) << r.path;
        EXPECT_EQ(p->resource, r.resource) << r.path;
        EXPECT_EQ(p->name, r.name) << r.path;
        EXPECT_EQ(p->subresource, r.sub) << r.path;
    }
    EXPECT_FALSE(ApiPath::parse("/apis/apps/v1").has_value());
    EXPECT_FALSE(ApiPath::parse("/version").has_value());
    EXPECT_FALSE(ApiPath::parse("/api/v1/namespaces/a/pods/b/status/extra").has_value());
}

TEST(ApiPath, ParsesBooleansLikeGo) {
    for (const char* t : {"1", "t", "T", "true", "TRUE", "True"}) EXPECT_EQ(parseGoBool(t), true) << t;
    for (const char* f : {"0", "f", "F", "false", "FALSE", "False"}) EXPECT_EQ(parseGoBool(f), false) << f;
    EXPECT_FALSE(parseGoBool("yes").has_value());
    EXPECT_FALSE(parseGoBool("").has_value());
}
