// KubeconfigSimFixture: a scratch folder for kubeconfigs written by a test, the demo cluster's
// server, CA and login material read from the simulator's own kubeconfig, and a blocking GET /
// SelfSubjectReview through kube::ApiClient, so that each test asserts what the cluster really
// answered with the credentials a kubeconfig produced.
#pragma once

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <optional>
#include <string>

#include "base/base64.h"
#include "kube/api_client.h"
#include "kube/kubeconfig.h"
#include "support/demo_cluster.h"
#include "unit/kube/kube_fixtures.h"

namespace scaledeck::kube::testing {

struct DemoLogin {
    std::string server;
    std::string caPem;
    std::string adminToken;
    std::string viewerToken;
    std::string adminCertificatePem;
    std::string adminKeyPem;
};

class KubeconfigSimFixture : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(test::DemoCluster::instance().ok())
            << test::DemoCluster::instance().startError();
        ASSERT_TRUE(m_dir.isValid());
        auto demo = Kubeconfig::loadFile(test::DemoCluster::instance().kubeconfigPath());
        ASSERT_TRUE(demo.ok()) << demo.error().message;
        ASSERT_FALSE(demo->clusters().empty());
        const auto& cluster = demo->clusters().front();
        m_demo.server = cluster.server;
        m_demo.caPem = base::base64Decode(cluster.certificateAuthorityData).valueOr({});
        ASSERT_FALSE(m_demo.caPem.empty());
        const auto* admin = demo->findUser("admin");
        const auto* viewer = demo->findUser("viewer");
        const auto* adminCert = demo->findUser("admin-cert");
        ASSERT_TRUE(admin && viewer && adminCert) << "the demo kubeconfig changed its users";
        m_demo.adminToken = admin->token;
        m_demo.viewerToken = viewer->token;
        m_demo.adminCertificatePem =
            base::base64Decode(adminCert->clientCertificateData).valueOr({});
        m_demo.adminKeyPem = base::base64Decode(adminCert->clientKeyData).valueOr({});
        ASSERT_FALSE(m_demo.adminToken.empty());
        ASSERT_FALSE(m_demo.adminCertificatePem.empty());
    }

    QString file(const std::string& name) const {
        return m_dir.filePath(QString::fromStdString(name));
    }
    std::string path(const std::string& name) const { return file(name).toStdString(); }
    void write(const std::string& name, const std::string& text) {
        ASSERT_TRUE(writeTextFile(file(name), text)) << name;
    }

    // GET `apiPath` with the context's credentials (refreshed first, as a worker thread would).
    static base::Result<QJsonDocument> get(const ResolvedContext& context, const QString& apiPath) {
        if (!context.credentials)
            return base::Error::internal("no credential source");
        if (!context.credentials->cached()) {
            auto fresh = context.credentials->refresh();
            if (!fresh.ok())
                return fresh.error();
        }
        ApiClient client(context);
        std::optional<base::Result<QJsonDocument>> answer;
        client.getJson(apiPath, [&](base::Result<QJsonDocument> r) { answer = std::move(r); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000))
            return base::Error::internal("no answer from " + context.server);
        return std::move(*answer);
    }

    // The user name the cluster sees for these credentials ("" and a failure on error).
    static std::string whoAmI(const ResolvedContext& context) {
        if (!context.credentials->cached()) {
            auto fresh = context.credentials->refresh();
            if (!fresh.ok()) {
                ADD_FAILURE() << fresh.error().message;
                return {};
            }
        }
        ApiClient client(context);
        std::optional<base::Result<QJsonDocument>> answer;
        client.postJson(QStringLiteral("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
                        R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})",
                        [&](base::Result<QJsonDocument> r) { answer = std::move(r); });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000)) {
            ADD_FAILURE() << "no answer";
            return {};
        }
        if (!answer->ok()) {
            ADD_FAILURE() << answer->error().message;
            return {};
        }
        return (*answer)
            ->object()[QLatin1String("status")]
            .toObject()[QLatin1String("userInfo")]
            .toObject()[QLatin1String("username")]
            .toString()
            .toStdString();
    }

    QTemporaryDir m_dir;
    DemoLogin m_demo;
};

}  // namespace scaledeck::kube::testing
