// Cancelling requests on a shared ApiClient must not hold up the others. Views drop their
// informers when the user switches namespace, cancelling LISTs that are mid-transfer; with Qt
// 6.4, aborting such a reply stalled the requests queued beside it for a whole transfer timeout
// (every LIST of the new namespace took 15 s). Here each surviving request gets one attempt and
// a short timeout, so a stall fails it instead of being hidden by a retry.
#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "kube/api_client.h"
#include "kube/kubeconfig.h"
#include "sim/simulator.h"

using scaledeck::base::Result;
using scaledeck::kube::ApiClient;
using scaledeck::kube::Kubeconfig;
using scaledeck::kube::RequestHandle;
using scaledeck::kube::RequestOptions;

namespace {

TEST(ApiClientCancel, CancelledListsDoNotStallTheOthers) {
    QTemporaryDir dir;
    scaledeck::sim::SimulatorOptions options;
    options.clock = "manual";
    options.scalePods = 3000;
    options.scaleNodes = 600;
    options.kubeconfigOut = dir.filePath(QStringLiteral("kubeconfig")).toStdString();
    auto sim = scaledeck::sim::Simulator::start(options);
    ASSERT_TRUE(sim.ok()) << sim.error().message;
    auto config = Kubeconfig::loadFile((*sim)->kubeconfigPath());
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto admin = config->resolve("scaledeck-demo");
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    ApiClient client(*admin);

    RequestOptions once;
    once.maxAttempts = 1;
    once.timeout = std::chrono::milliseconds{4000};
    once.query = {{QStringLiteral("limit"), QStringLiteral("500")}};

    for (int round = 0; round < 4; ++round) {
        SCOPED_TRACE(round);
        // What a namespace switch does: the old view's lists go, the new view's lists start.
        std::vector<RequestHandle> dropped;
        auto cancelled = std::make_shared<bool>(false);
        for (const char* path : {"/api/v1/namespaces/scale-0000/pods", "/api/v1/pods",
                                 "/api/v1/namespaces/scale-0001/pods"}) {
            dropped.push_back(client.get(
                QString::fromLatin1(path),
                [cancelled](Result<QByteArray>) {
                    // One that finished before the switch may answer; none may after it.
                    EXPECT_FALSE(*cancelled) << "a cancelled request answered";
                },
                once));
        }
        std::vector<std::optional<Result<QByteArray>>> answers(4);
        const char* kept[] = {"/api/v1/pods", "/api/v1/nodes", "/api/v1/events",
                              "/api/v1/namespaces/greenlang/pods"};
        std::vector<RequestHandle> handles;
        for (std::size_t i = 0; i < answers.size(); ++i) {
            handles.push_back(client.get(
                QString::fromLatin1(kept[i]),
                [&answers, i](Result<QByteArray> r) { answers[i] = std::move(r); }, once));
        }
        // Cancel at different stages: before connecting, during the handshake, mid-answer.
        QTest::qWait(std::array<int, 4>{0, 2, 10, 30}[static_cast<std::size_t>(round)]);
        for (RequestHandle& handle : dropped)
            handle.cancel();
        *cancelled = true;
        ASSERT_TRUE(QTest::qWaitFor(
            [&] {
                for (const auto& answer : answers) {
                    if (!answer)
                        return false;
                }
                return true;
            },
            10000));
        for (std::size_t i = 0; i < answers.size(); ++i) {
            ASSERT_TRUE(answers[i]->ok()) << kept[i] << ": " << answers[i]->error().message;
            EXPECT_GT((*answers[i])->size(), 100) << kept[i];
        }
    }
    QTest::qWait(200);  // a cancelled request must stay silent after its transfer ends
}

}  // namespace
