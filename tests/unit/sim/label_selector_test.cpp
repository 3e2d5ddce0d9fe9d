#include "sim/label_selector.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

using nlohmann::json;
using scaledeck::sim::LabelSelector;

namespace {

const std::map<std::string, std::string> kLabels = {
    {"app", "web"},   {"tier", "frontend"}, {"env", "prod"},
    {"version", "3"}, {"empty", ""},        {"example.com/team", "payments"},
};

// The canonical requirement-value error text, with apimachinery's double blanks.
const std::string kLabelValueRule =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const std::string kNameRule =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

}  // namespace

TEST(LabelSelector, MatchesEveryOperator) {
    struct Row {
        const char* selector;
        bool matches;
    } rows[] = {
        {"", true},
        {"app=web", true},
        {"app==web", true},
        {"app=db", false},
        {"app!=db", true},
        {"app!=web", false},
        {"missing!=x", true},  // != also matches objects without the label
        {"app in (web,db)", true},
        {"app in (db)", false},
        {"app notin (web,db)", false},
        {"app notin (db)", true},
        {"missing notin (a)", true},
        {"missing in (a)", false},
        {"app", true},
        {"missing", false},
        {"!missing", true},
        {"!app", false},
        {"app=web,tier=frontend", true},
        {"app=web,tier=backend", false},
        {"  app = web ,  tier in ( frontend , backend ) ", true},
        {"version>2", true},
        {"version<3", false},
        {"version<4", true},
        {"app>1", false},  // not a number: never matches
        {"missing>1", false},
        {"app in ()", false},  // the empty value
        {"empty in ()", true},
        {"empty=", true},
        {"app=", false},
        {"example.com/team=payments", true},
        {"example.com/team in (payments),!canary,env", true},
        {"env in (prod),env notin (prod)", false},
        {"in=web", false},  // "in" is an ordinary key in key position
    };
    for (const auto& r : rows) {
        auto sel = LabelSelector::parse(r.selector);
        ASSERT_TRUE(sel.ok()) << r.selector << ": " << sel.error().message;
        EXPECT_EQ(sel->matches(kLabels), r.matches) << r.selector;
        EXPECT_EQ(sel->matches(json(kLabels)), r.matches) << r.selector << " (json)";
    }
}

TEST(LabelSelector, ToleratesMissingLabelObjects) {
    auto needsApp = LabelSelector::parse("app=web");
    auto lacksApp = LabelSelector::parse("!app");
    ASSERT_TRUE(needsApp.ok());
    ASSERT_TRUE(lacksApp.ok());
    EXPECT_FALSE(needsApp->matches(json()));
    EXPECT_TRUE(lacksApp->matches(json()));
    EXPECT_TRUE(LabelSelector().matches(json()));
    EXPECT_TRUE(lacksApp->matches(json::object()));
}

TEST(LabelSelector, RendersCanonicalText) {
    struct Row {
        const char* in;
        const char* out;
    } rows[] = {
        {"tier=frontend,app=web", "app=web,tier=frontend"},
        {"app in (web, db)", "app in (db,web)"},
        {"!b,a", "a,!b"},
        {"a notin (x)", "a notin (x)"},
        {"a==b", "a==b"},
        {"a!=b", "a!=b"},
        {"a>1", "a>1"},
        {"a<10", "a<10"},
        {"", ""},
        {"x in (b,a,b)", "x in (a,b)"},
        {"  z  ,  y = 1 ", "y=1,z"},
        {"k in (,a)", "k in (,a)"},
    };
    for (const auto& r : rows) {
        auto sel = LabelSelector::parse(r.in);
        ASSERT_TRUE(sel.ok()) << r.in << ": " << sel.error().message;
        EXPECT_EQ(sel->toString(), r.out) << r.in;
        auto again = LabelSelector::parse(sel->toString());
        ASSERT_TRUE(again.ok()) << sel->toString();
        EXPECT_EQ(again->toString(), r.out) << "round trip of " << r.in;
    }
}

TEST(LabelSelector, RejectsMalformedSelectorsWithTheServersWording) {
    struct Row {
        std::string in;
        std::string message;
    } rows[] = {
        {"app=web=x", "found '=', expected: ',' or 'end of string'"},
        {"app in web", "unable to parse requirement: found 'web' expected: '('"},
        {"=web", "found '=', expected: !, identifier, or 'end of string'"},
        {"app=web,", "found '', expected: identifier after ','"},
        {"app web",
         "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"},
        {"app=web tier=x", "found 'tier', expected: ',' or 'end of string'"},
        {"app in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"},
        {"app in (a", "unable to parse requirement: found '', expected: ',' or ')'"},
        {"app=(", "unable to parse requirement: found '(', expected: identifier"},
        {"!", "unable to parse requirement: found '', expected: identifier"},
        {"-app=web",
         "unable to parse requirement: <nil>: Invalid value: \"-app\": name part " + kNameRule},
        {"app=-web", "unable to parse requirement: values[0][app]: Invalid value: \"-web\": " +
                         kLabelValueRule},
        {"a>b",
         "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' "
         "operators, the value must be an integer"},
        {"a/b/c=x",
         "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name " +
             kNameRule +
             " with an optional DNS subdomain prefix and '/' (e.g. "
             "'example.com/MyName')"},
        {"/x=y",
         "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be "
         "non-empty"},
        {"Example.com/x=y",
         "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a "
         "lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
         "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
         "used for validation is "
         "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
        {"x/=y",
         "unable to parse requirement: <nil>: Invalid value: \"x/\": name part must be "
         "non-empty; name part " +
             kNameRule},
        {std::string(64, 'k') + "=v", "unable to parse requirement: <nil>: Invalid value: \"" +
                                          std::string(64, 'k') +
                                          "\": name part must be no more than 63 characters"},
        {"k=" + std::string(64, 'v'),
         "unable to parse requirement: values[0][k]: Invalid value: \"" + std::string(64, 'v') +
             "\": must be no more than 63 characters"},
    };
    for (const auto& r : rows) {
        auto sel = LabelSelector::parse(r.in);
        ASSERT_FALSE(sel.ok()) << r.in;
        EXPECT_EQ(sel.error().message, r.message) << r.in;
        EXPECT_EQ(sel.error().kind, scaledeck::base::ErrorKind::Invalid) << r.in;
    }
}

TEST(LabelSelector, BuildsFromMetav1LabelSelector) {
    struct Row {
        const char* json;
        const char* text;
        bool matches;  // against kLabels
    } rows[] = {
        {R"({"matchLabels":{"app":"web"}})", "app=web", true},
        {R"({"matchLabels":{"tier":"frontend","app":"web"},
             "matchExpressions":[{"key":"env","operator":"In","values":["staging","prod"]},
                                 {"key":"canary","operator":"DoesNotExist"}]})",
         "app=web,!canary,env in (prod,staging),tier=frontend", true},
        {R"({"matchExpressions":[{"key":"env","operator":"NotIn","values":["prod"]},
                                 {"key":"team","operator":"Exists"}]})",
         "env notin (prod),team", false},
        {R"({"matchLabels":{"app":"db"}})", "app=db", false},
        {R"({})", "", true},
        {R"({"matchLabels":{},"matchExpressions":[]})", "", true},
    };
    for (const auto& r : rows) {
        const LabelSelector sel = LabelSelector::fromJson(json::parse(r.json));
        EXPECT_EQ(sel.toString(), r.text) << r.json;
        EXPECT_EQ(sel.matches(kLabels), r.matches) << r.json;
        EXPECT_FALSE(sel.matchesNothing()) << r.json;
    }
    EXPECT_TRUE(LabelSelector::fromJson(json::parse("{}")).empty());
}

TEST(LabelSelector, InvalidOrMissingMetav1SelectorsMatchNothing) {
    struct Row {
        const char* json;
        const char* error;  // from tryFromJson; empty when valid
    } rows[] = {
        {"null", ""},
        {R"({"matchExpressions":[{"key":"a","operator":"Foo"}]})",
         "\"Foo\" is not a valid label selector operator"},
        {R"({"matchExpressions":[{"key":"a","operator":"In","values":[]}]})",
         "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be "
         "empty"},
        {R"({"matchExpressions":[{"key":"a","operator":"Exists","values":["x","y"]}]})",
         "values: Invalid value: []string{\"x\", \"y\"}: values set must be empty for exists and "
         "does not exist"},
        {R"({"matchLabels":{"app":"-x"}})", nullptr},
        {R"({"matchLabels":{"bad key":"x"}})", nullptr},
    };
    for (const auto& r : rows) {
        const json input = json::parse(r.json);
        const LabelSelector sel = LabelSelector::fromJson(input);
        EXPECT_TRUE(sel.matchesNothing()) << r.json;
        EXPECT_FALSE(sel.matches(kLabels)) << r.json;
        EXPECT_FALSE(sel.matches(json::object())) << r.json;
        EXPECT_FALSE(sel.empty()) << r.json;
        auto checked = LabelSelector::tryFromJson(input);
        if (r.error != nullptr && std::string(r.error).empty()) {
            EXPECT_TRUE(checked.ok()) << r.json;
        } else {
            ASSERT_FALSE(checked.ok()) << r.json;
            if (r.error != nullptr) {
                EXPECT_EQ(checked.error().message, r.error) << r.json;
            }
        }
    }
    auto badValue = LabelSelector::tryFromJson(json::parse(R"({"matchLabels":{"app":"-x"}})"));
    ASSERT_FALSE(badValue.ok());
    EXPECT_EQ(badValue.error().message,
              "values[0][app]: Invalid value: \"-x\": " + kLabelValueRule);
    auto badKey = LabelSelector::tryFromJson(json::parse(R"({"matchLabels":{"bad key":"x"}})"));
    ASSERT_FALSE(badKey.ok());
    EXPECT_EQ(badKey.error().message, "key: Invalid value: \"bad key\": name part " + kNameRule);
}

TEST(LabelSelector, ExposesSortedRequirements) {
    auto sel = LabelSelector::parse("tier notin (b,a),app=web,!canary");
    ASSERT_TRUE(sel.ok());
    const auto& reqs = sel->requirements();
    ASSERT_EQ(reqs.size(), 3u);
    EXPECT_EQ(reqs[0].key, "app");
    EXPECT_EQ(reqs[0].op, LabelSelector::Operator::Equals);
    EXPECT_EQ(reqs[1].key, "canary");
    EXPECT_EQ(reqs[1].op, LabelSelector::Operator::DoesNotExist);
    EXPECT_EQ(reqs[2].key, "tier");
    EXPECT_EQ(reqs[2].op, LabelSelector::Operator::NotIn);
    EXPECT_EQ(reqs[2].values, (std::vector<std::string>{"a", "b"}));
    EXPECT_FALSE(sel->empty());
    EXPECT_TRUE(LabelSelector::parse("")->empty());
}
