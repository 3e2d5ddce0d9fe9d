// Informer<Row> against a simulator of each test's own, over HTTPS, while objects change:
// watches closed every few seconds, a forced 410 Gone, 429 bursts with Retry-After, 500/503
// bursts, added latency, scaling through the controllers. After each scenario the store equals
// a fresh LIST object by object (same keys, same resourceVersions), and every change made is
// counted in the deltas the informer produced: once each when the watch resumes, in increasing
// versions when a relist folds several into one. Also: the connection state across a watch
// close, Unauthorized and Forbidden, paged lists, batching on the GUI thread, and sharing.
#include "cache/informer.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QThread>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cache/informer_factory.h"
#include "cache/informer_thread.h"
#include "integration/cache/cache_sim_fixture.h"

namespace scaledeck::cache::testing {
namespace {

using kube::objects::ConfigMapRow;
using kube::objects::DeploymentRow;
using kube::objects::PodRow;
using Phase = ConnectionState::Phase;

const QString kAllPods = QStringLiteral("/api/v1/pods");
const QString kGreenlangPods = QStringLiteral("/api/v1/namespaces/greenlang/pods");
const QString kDeployments = QStringLiteral("/apis/apps/v1/deployments");

std::uint64_t number(const std::string& resourceVersion) {
    return std::strtoull(resourceVersion.c_str(), nullptr, 10);
}

// key → resourceVersion of a subscriber's rows.
Versions storeVersionsOf(const std::map<std::string, std::shared_ptr<const PodRow>>& rows) {
    Versions versions;
    for (const auto& [key, row] : rows)
        versions[key] = row->meta.resourceVersion;
    return versions;
}

// Records the states an informer announces, in order.
struct StateLog {
    explicit StateLog(InformerBase& informer) {
        QObject::connect(&informer, &InformerBase::stateChanged, &informer,
                         [this](const ConnectionState& state) { states.push_back(state); });
    }
    bool sawInOrder(const std::vector<Phase>& phases, std::size_t from = 0) const {
        std::size_t next = 0;
        for (std::size_t i = from; i < states.size() && next < phases.size(); ++i) {
            if (states[i].phase == phases[next])
                ++next;
        }
        return next == phases.size();
    }
    std::vector<ConnectionState> states;
};

class InformerTest : public CacheSimFixture {
protected:
    // A pod informer over every namespace, its delta log and state log, Live.
    void startPodInformer(InformerOptions options = fastRetries()) {
        m_thread = std::make_shared<InformerThread>(m_admin);
        m_pods =
            std::make_unique<Informer<PodRow>>(m_thread, InformerScope::allNamespaces(), options);
        m_log = std::make_shared<DeltaLog<PodRow>>();
        m_logSubscription = m_pods->subscribe(m_log);
        m_states = std::make_unique<StateLog>(*m_pods);
        m_pods->start();
        ASSERT_TRUE(waitLive(*m_pods)) << m_pods->state().describe();
        m_keys.clear();
        for (const auto& [key, version] : serverVersions(kGreenlangPods))
            m_keys.push_back(key);
        ASSERT_GE(m_keys.size(), 3u);
    }

    void TearDown() override {
        m_logSubscription.cancel();
        m_pods.reset();
        m_thread.reset();
        CacheSimFixture::TearDown();
    }

    // `rounds` label changes on every greenlang pod; `between(round)` after each round.
    void churn(int rounds, const std::function<void(int)>& between = {}) {
        for (int round = 1; round <= rounds; ++round) {
            for (const auto& key : m_keys) {
                labelPod(key, "step", std::to_string(round));
                ++m_made[key];
            }
            if (between)
                between(round);
        }
    }

    // The store converges on the server, object by object.
    void expectStoreMatchesServer() {
        const Versions server = serverVersions(kAllPods);
        waitForStore(m_pods->store(), server);
        expectSameObjects(storeVersions(m_pods->store()), server);
        m_server = server;
    }

    // Every change made reached the store exactly once (the watch resumed each time).
    void expectEachChangeOnce() {
        for (const auto& key : m_keys) {
            const auto changes = m_log->changes(key);
            EXPECT_EQ(static_cast<int>(changes.size()), m_made[key]) << key;
            std::set<std::string> versions;
            for (const auto& change : changes) {
                EXPECT_EQ(change.type, DeltaType::Modified) << key;
                EXPECT_TRUE(versions.insert(change.resourceVersion).second)
                    << key << ": " << change.resourceVersion << " delivered twice";
            }
            if (!changes.empty()) {
                EXPECT_EQ(changes.back().resourceVersion, m_server[key]) << key;
            }
        }
    }

    // Changes reached the store in increasing versions, none twice, ending at the server's.
    void expectChangesInOrderEndingAtTheServer() {
        for (const auto& key : m_keys) {
            const auto changes = m_log->changes(key);
            ASSERT_FALSE(changes.empty()) << key;
            EXPECT_LE(static_cast<int>(changes.size()), m_made[key]) << key;
            for (std::size_t i = 1; i < changes.size(); ++i) {
                EXPECT_LT(number(changes[i - 1].resourceVersion),
                          number(changes[i].resourceVersion))
                    << key << ": a change delivered twice or out of order";
            }
            EXPECT_EQ(changes.back().resourceVersion, m_server[key]) << key;
        }
    }

    std::shared_ptr<InformerThread> m_thread;
    std::unique_ptr<Informer<PodRow>> m_pods;
    std::shared_ptr<DeltaLog<PodRow>> m_log;
    Subscription m_logSubscription;
    std::unique_ptr<StateLog> m_states;
    std::vector<std::string> m_keys;  // greenlang pods, which the tests change
    std::map<std::string, int> m_made;
    Versions m_server;
};

TEST_F(InformerTest, ListsWatchesAndDeliversBatchesOnTheReceiversThread) {
    startSim();
    startPodInformer();
    expectStoreMatchesServer();
    EXPECT_EQ(m_log->replaces(), 1) << "the first list is one replace";
    EXPECT_GE(m_pods->stats().lists.load(), 1u);
    EXPECT_TRUE(m_pods->state().lastSync.has_value());

    QObject receiver;
    std::vector<DeltaBatch<PodRow>> batches;
    bool onReceiverThread = true;
    Subscription subscription = m_pods->subscribe(&receiver, [&](const DeltaBatch<PodRow>& b) {
        onReceiverThread = onReceiverThread && QThread::currentThread() == receiver.thread();
        batches.push_back(b);
    });
    ASSERT_TRUE(QTest::qWaitFor([&] { return !batches.empty(); }, 5000));
    EXPECT_TRUE(batches[0].replace) << "a late subscriber starts from the store";
    EXPECT_EQ(batches[0].deltas.size(), m_pods->store().size());

    labelPod(m_keys[0], "touched", "yes");
    ASSERT_TRUE(QTest::qWaitFor([&] { return batches.size() >= 2; }, 10000));
    ASSERT_EQ(batches.back().deltas.size(), 1u);
    EXPECT_EQ(batches.back().deltas[0].type, DeltaType::Modified);
    EXPECT_EQ(batches.back().deltas[0].row->meta.labels.get("touched"), "yes");
    EXPECT_TRUE(onReceiverThread);

    // The indexes answer the screens' questions.
    const auto slash = m_keys[0].find('/');
    EXPECT_EQ(m_pods->store().byLabel("touched", "yes").size(), 1u);
    EXPECT_GE(m_pods->store().byNamespace(m_keys[0].substr(0, slash)).size(), m_keys.size());
    const auto row = m_pods->store().get(m_keys[0]);
    ASSERT_TRUE(row);
    if (!row->nodeName.empty()) {
        EXPECT_FALSE(m_pods->store().byNode(row->nodeName.view()).empty());
    }
    if (const auto* owner = row->meta.controllerRef()) {
        EXPECT_FALSE(m_pods->store().byOwner(owner->uid.view()).empty());
    }

    subscription.cancel();
    const auto delivered = batches.size();
    labelPod(m_keys[0], "touched", "again");
    QTest::qWait(200);
    EXPECT_EQ(batches.size(), delivered) << "nothing after cancel()";
}

TEST_F(InformerTest, WatchesClosedEveryFewSecondsLoseNothingAndDuplicateNothing) {
    startSim();
    startPodInformer();
    QTimer closer;
    closer.setInterval(1500);
    QObject::connect(&closer, &QTimer::timeout, [this] { closeWatches(); });
    closer.start();
    churn(12, [this](int round) {
        if (round % 3 == 0)
            closeWatches();
    });
    closer.stop();
    expectStoreMatchesServer();
    expectEachChangeOnce();
    EXPECT_GE(m_pods->stats().watchesEnded.load(), 4u);
    EXPECT_EQ(m_pods->stats().lists.load(), 1u) << "a closed watch resumes, it does not relist";
    EXPECT_TRUE(m_states->sawInOrder({Phase::Live, Phase::Reconnecting, Phase::Live}));
}

TEST_F(InformerTest, ForcedGoneRelistsAndConverges) {
    startSim();
    startPodInformer();
    churn(6, [this](int round) {
        if (round == 2 || round == 4) {
            auto expired = call("POST", QStringLiteral("/sim/v1/watches/expire-next"));
            ASSERT_TRUE(expired.ok());
            closeWatches();  // the reconnecting watch is the one that gets 410
        }
    });
    expectStoreMatchesServer();
    expectChangesInOrderEndingAtTheServer();
    EXPECT_GE(m_pods->stats().lists.load(), 2u) << "410 Gone relists";
    EXPECT_EQ(m_log->replaces(), 1) << "a relist is a difference, not a second replace";
    EXPECT_TRUE(m_states->sawInOrder({Phase::Live, Phase::Relisting, Phase::Live}));
}

TEST_F(InformerTest, TooManyRequestsHonoursRetryAfterWithoutRelisting) {
    startSim();
    startPodInformer();
    addFault(QStringLiteral(R"({"pathPrefix":"/api/v1/pods","errorRate":1,"errorStatus":429,)"
                            R"("retryAfterSeconds":2,"count":2})"));
    closeWatches();
    churn(6);
    expectStoreMatchesServer();
    expectEachChangeOnce();
    EXPECT_EQ(m_pods->stats().lists.load(), 1u) << "429 never relists";
    const bool waitedForRetryAfter =
        std::any_of(m_states->states.begin(), m_states->states.end(), [](const auto& state) {
            return state.phase == Phase::Reconnecting && state.retryIn >= std::chrono::seconds{2} &&
                   state.reason.find("429") != std::string::npos;
        });
    EXPECT_TRUE(waitedForRetryAfter);
}

TEST_F(InformerTest, ServerErrorBurstsAreRetriedWithBackoff) {
    startSim();
    startPodInformer();
    addFault(QStringLiteral(
        R"({"pathPrefix":"/api/v1/pods","errorRate":1,"errorStatus":503,"retryAfterSeconds":1,"count":2})"));
    addFault(QStringLiteral(
        R"({"pathPrefix":"/api/v1/pods","errorRate":1,"errorStatus":500,"count":2})"));
    churn(8, [this](int round) {
        if (round % 4 == 1)
            closeWatches();
    });
    // Only the informer asks for /api/v1/pods until the check below, so the four injected
    // errors all reach its watch: the first close, then each error, is a reconnect (the two
    // 503s ask for the same Retry-After and may show as one state). The final LIST of the
    // check would otherwise take what is left, retried inside the client.
    const auto reconnecting = [this] {
        return std::count_if(m_states->states.begin(), m_states->states.end(),
                             [](const auto& state) { return state.phase == Phase::Reconnecting; });
    };
    EXPECT_TRUE(QTest::qWaitFor(
        [&] { return reconnecting() >= 4 && m_pods->state().phase == Phase::Live; }, 30000))
        << reconnecting() << " reconnects; " << m_pods->state().describe() << [this] {
               std::string all;
               for (const auto& state : m_states->states)
                   all += "\n  " + state.describe();
               return all;
           }();
    expectStoreMatchesServer();
    expectEachChangeOnce();
    EXPECT_EQ(m_pods->state().phase, Phase::Live);
}

TEST_F(InformerTest, AddedLatencyOnListAndWatch) {
    startSim();
    addFault(QStringLiteral(R"({"pathPrefix":"/api/v1/pods","latencyMs":400})"));
    startPodInformer();
    churn(4, [this](int round) {
        if (round == 2)
            closeWatches();
    });
    expectStoreMatchesServer();
    expectEachChangeOnce();
}

TEST_F(InformerTest, ScalingThroughTheControllersWhileWatchesCloseAndExpire) {
    startSim();
    startPodInformer();
    Informer<DeploymentRow> deployments(m_thread, InformerScope::allNamespaces(), fastRetries());
    auto deploymentLog = std::make_shared<DeltaLog<DeploymentRow>>();
    Subscription logged = deployments.subscribe(deploymentLog);
    deployments.start();
    ASSERT_TRUE(waitLive(deployments));

    const QString scale =
        QStringLiteral("/apis/apps/v1/namespaces/greenlang/deployments/gl-006-heatreclaim/scale");
    for (int replicas : {7, 4, 9}) {
        ASSERT_TRUE(call("PATCH", scale,
                         QStringLiteral(R"({"spec":{"replicas":%1}})").arg(replicas).toUtf8())
                        .ok());
        for (int step = 0; step < 4; ++step) {
            m_sim->advance(5);
            QTest::qWait(100);
            if (step == 1)
                closeWatches();
        }
        if (replicas == 4) {
            ASSERT_TRUE(call("POST", QStringLiteral("/sim/v1/watches/expire-next")).ok());
            closeWatches();
        }
    }
    m_sim->advance(30);

    const Versions pods = serverVersions(kAllPods);
    EXPECT_TRUE(waitForStore(m_pods->store(), pods));
    expectSameObjects(storeVersions(m_pods->store()), pods);
    const Versions workloads = serverVersions(kDeployments);
    EXPECT_TRUE(waitForStore(deployments.store(), workloads));
    expectSameObjects(storeVersions(deployments.store()), workloads);

    for (const auto& [key, entries] : deploymentLog->entries()) {
        for (std::size_t i = 1; i < entries.size(); ++i) {
            if (!entries[i].replace && !entries[i - 1].replace) {
                EXPECT_LT(number(entries[i - 1].resourceVersion),
                          number(entries[i].resourceVersion))
                    << key;
            }
        }
    }
    const auto heatreclaim = deployments.store().get("greenlang/gl-006-heatreclaim");
    ASSERT_TRUE(heatreclaim);
    std::size_t indexed = 0;
    for (const auto& ns : deployments.store().indexValues(StoreIndex::Namespace))
        indexed += deployments.store().byNamespace(ns).size();
    EXPECT_EQ(indexed, deployments.store().size());
    // The GL-006 HPA owns spec.replicas after our last scale, so compare with what the server
    // holds rather than with the 9 we asked for.
    auto server = call(
        "GET", QStringLiteral("/apis/apps/v1/namespaces/greenlang/deployments/gl-006-heatreclaim"));
    ASSERT_TRUE(server.ok());
    EXPECT_EQ(heatreclaim->replicas, server.value()
                                         .object()[QLatin1String("spec")]
                                         .toObject()[QLatin1String("replicas")]
                                         .toInt());
}

TEST_F(InformerTest, StateGoesLiveReconnectingLiveAcrossAWatchClose) {
    startSim();
    startPodInformer();
    const std::size_t before = m_states->states.size();
    EXPECT_TRUE(m_states->sawInOrder({Phase::Connecting, Phase::Listing, Phase::Live}) ||
                m_states->sawInOrder({Phase::Listing, Phase::Live}));
    closeWatches();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_states->sawInOrder({Phase::Reconnecting, Phase::Live}, before);
        },
        10000));
    const auto reconnecting = std::find_if(
        m_states->states.begin() + static_cast<std::ptrdiff_t>(before), m_states->states.end(),
        [](const auto& s) { return s.phase == Phase::Reconnecting; });
    ASSERT_NE(reconnecting, m_states->states.end());
    // "… at once" (and a short backoff) when the watch had only just opened.
    EXPECT_EQ(reconnecting->reason.rfind("the server closed the watch", 0), 0u)
        << reconnecting->reason;
    EXPECT_TRUE(reconnecting->lastSync.has_value());
}

TEST_F(InformerTest, ABadTokenIsUnauthorizedAndRetriedSlowly) {
    startSim();
    kube::ResolvedContext rejected = m_admin;
    rejected.credentials = std::make_shared<kube::StaticCredentialSource>(
        kube::Credentials{"not-a-token", {}, {}, {}});
    auto thread = std::make_shared<InformerThread>(rejected);
    Informer<PodRow> pods(thread);
    StateLog states(pods);
    pods.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return pods.state().phase == Phase::Unauthorized; }, 15000))
        << pods.state().describe();
    EXPECT_FALSE(pods.state().reason.empty());
    EXPECT_GE(pods.state().retryIn, std::chrono::seconds{20}) << "no spinning";
    QTest::qWait(2000);
    EXPECT_EQ(pods.state().phase, Phase::Unauthorized);
    EXPECT_LE(states.states.size(), 3u) << "Connecting, Listing, Unauthorized — then quiet";
    EXPECT_FALSE(pods.hasSynced());
}

TEST_F(InformerTest, AUserWhoMayNotListPodsIsForbiddenWithTheServersMessage) {
    // GL-006's viewer may list everything, so the test adds a user who may only read the
    // ConfigMaps of greenlang.
    QFile scenario(QStringLiteral(SCALEDECK_SOURCE_DIR "/resources/scenarios/gl-006.yaml"));
    ASSERT_TRUE(scenario.open(QIODevice::ReadOnly));
    std::string text = scenario.readAll().toStdString();
    const auto users = text.find("\nusers:\n");
    ASSERT_NE(users, std::string::npos);
    text.insert(users + 8,
                "  - name: auditor\n"
                "    groups: [greenlang:auditors]\n"
                "    token: scaledeck-test-auditor-5e0c1d\n"
                "    rules:\n"
                "      - {verbs: [get, list, watch], resources: [configmaps], "
                "namespaces: [greenlang]}\n");
    startSim(0, 0, text);

    auto thread = std::make_shared<InformerThread>(context("scaledeck-demo-auditor"));
    Informer<PodRow> pods(thread);
    pods.start();
    ASSERT_TRUE(QTest::qWaitFor([&] { return pods.state().phase == Phase::Forbidden; }, 15000))
        << pods.state().describe();
    EXPECT_NE(pods.state().reason.find("auditor"), std::string::npos) << pods.state().reason;
    EXPECT_NE(pods.state().reason.find("forbidden"), std::string::npos) << pods.state().reason;
    EXPECT_GE(pods.state().retryIn, std::chrono::seconds{20});

    Informer<ConfigMapRow> configMaps(thread, InformerScope::inNamespace("greenlang"));
    configMaps.start();
    EXPECT_TRUE(waitLive(configMaps)) << configMaps.state().describe();
    EXPECT_GE(configMaps.store().size(), 1u);
}

TEST_F(InformerTest, ListsOfMoreThan500ItemsArePagedWithContinue) {
    startSim(1200, 20);
    m_thread = std::make_shared<InformerThread>(m_admin);
    Informer<PodRow> pods(m_thread);
    StateLog states(pods);
    pods.start();
    ASSERT_TRUE(waitLive(pods, 60000)) << pods.state().describe();
    const Versions server = serverVersions(kAllPods);
    ASSERT_GT(server.size(), 1200u);
    expectSameObjects(storeVersions(pods.store()), server);
    EXPECT_EQ(pods.stats().listPages.load(), (server.size() + 499) / 500);
    EXPECT_EQ(pods.stats().lists.load(), 1u);
    // Listing progress was shown page by page, with the server's estimate of the total.
    const bool progress = std::any_of(states.states.begin(), states.states.end(), [&](auto& s) {
        return s.phase == Phase::Listing && s.itemsListed == 500 &&
               s.itemsExpected == server.size();
    });
    EXPECT_TRUE(progress);
}

TEST_F(InformerTest, TwoThousandChangesInABurstArriveInFewBatchesEachObjectOnce) {
    // 500 generated pods on 50 nodes; 40 of the generated deployments go from 10 to 60
    // replicas, and the simulator's controllers create, bind, start and ready 2,000 pods in a
    // few clock steps — thousands of watch events within seconds, as a real scale-up.
    startSim(500, 50);
    m_thread = std::make_shared<InformerThread>(m_admin);
    Informer<PodRow> pods(m_thread, InformerScope{"scale-0000", "tier", ""}, fastRetries());
    auto raw = std::make_shared<DeltaLog<PodRow>>();
    Subscription rawSubscription = pods.subscribe(raw);
    std::map<std::string, std::shared_ptr<const PodRow>> model;  // what a table model would hold
    int batches = 0;
    int replaces = 0;
    std::size_t deltas = 0;
    std::size_t largest = 0;
    bool eachOnce = true;
    QObject receiver;
    Subscription subscription = pods.subscribe(&receiver, [&](const DeltaBatch<PodRow>& batch) {
        ++batches;
        if (batch.replace) {
            ++replaces;
            model.clear();
        }
        std::set<std::string> keys;
        for (const auto& delta : batch.deltas) {
            const std::string key = objectKey(*delta.row);
            eachOnce = eachOnce && keys.insert(key).second;
            if (delta.type == DeltaType::Deleted)
                model.erase(key);
            else
                model[key] = delta.row;
        }
        deltas += batch.deltas.size();
        largest = std::max(largest, batch.deltas.size());
    });
    pods.start();
    ASSERT_TRUE(waitLive(pods, 60000)) << pods.state().describe();
    ASSERT_TRUE(QTest::qWaitFor([&] { return replaces == 1; }, 5000));
    ASSERT_EQ(pods.store().size(), 500u);
    const int batchesBefore = batches;
    const std::size_t deltasBefore = deltas;

    for (int d = 0; d < 40; ++d) {
        const QString scale =
            QStringLiteral("/apis/apps/v1/namespaces/scale-0000/deployments/svc-%1/scale")
                .arg(d, 6, 10, QLatin1Char('0'));
        auto scaled = call("PATCH", scale, R"({"spec":{"replicas":60}})");
        ASSERT_TRUE(scaled.ok()) << scaled.error().message;
    }
    for (int step = 0; step < 15; ++step)
        m_sim->advance(1);

    const QString path = QStringLiteral("/api/v1/namespaces/scale-0000/pods?labelSelector=tier");
    const Versions server = serverVersions(path);
    ASSERT_EQ(server.size(), 2500u);
    ASSERT_TRUE(waitForStore(pods.store(), server, 60000))
        << "store " << pods.store().size() << " rows, server " << server.size() << "; state "
        << pods.state().describe() << "; lists " << pods.stats().lists.load() << ", watches "
        << pods.stats().watchesOpened.load() << " opened / " << pods.stats().watchesEnded.load()
        << " ended, events " << pods.stats().events.load();
    ASSERT_TRUE(QTest::qWaitFor([&] { return storeVersionsOf(model) == server; }, 10000))
        << "model " << model.size() << " rows, server " << server.size();

    std::size_t changes = 0;
    for (const auto& [key, entries] : raw->entries()) {
        for (const auto& entry : entries)
            changes += entry.replace ? 0 : 1;
    }
    const int burstBatches = batches - batchesBefore;
    const std::size_t burstDeltas = deltas - deltasBefore;
    std::cout << "[ burst    ] " << changes << " changes reached the consumer in " << burstBatches
              << " batches carrying " << burstDeltas << " deltas (largest " << largest << ")\n";
    EXPECT_GE(changes, 2000u);
    EXPECT_TRUE(eachOnce) << "an object appeared twice in one batch";
    EXPECT_LE(static_cast<std::size_t>(burstBatches), changes / 10)
        << "far fewer batches than changes";
    EXPECT_LT(burstDeltas, changes) << "several changes to one pod coalesced";
    EXPECT_EQ(pods.stats().lists.load(), 1u);
}

TEST_F(InformerTest, FactorySharesOneInformerPerKindAndScopeAndStopsWithTheLastUser) {
    startSim();
    InformerFactory factory(m_admin, fastRetries());
    std::vector<ConnectionSummary> summaries;
    QObject::connect(&factory, &InformerFactory::connectionSummaryChanged,
                     [&](const ConnectionSummary& s) { summaries.push_back(s); });
    auto a = factory.informer<PodRow>();
    auto b = factory.informer<PodRow>();
    auto greenlang = factory.informer<PodRow>(InformerScope::inNamespace("greenlang"));
    auto nodes = factory.informer<kube::objects::NodeRow>(InformerScope::inNamespace("x"));
    EXPECT_EQ(a.get(), b.get()) << "same kind and scope: one informer";
    EXPECT_NE(a.get(), greenlang.get());
    EXPECT_EQ(nodes->path(), "/api/v1/nodes") << "nodes have no namespace";
    EXPECT_EQ(factory.activeInformers(), 3u);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return factory.connectionSummary().live == 3 &&
                   factory.connectionSummary().overall.phase == Phase::Live;
        },
        30000));
    EXPECT_EQ(greenlang->store().size(), greenlang->store().byNamespace("greenlang").size());

    QPointer<InformerBase> watched(a.get());
    a.reset();
    EXPECT_TRUE(watched) << "b still holds it";
    b.reset();
    EXPECT_EQ(factory.activeInformers(), 2u);
    ASSERT_TRUE(QTest::qWaitFor([&] { return watched.isNull(); }, 5000));
    greenlang.reset();
    nodes.reset();
    ASSERT_TRUE(QTest::qWaitFor([&] { return factory.connectionSummary().informers == 0; }, 5000));
    EXPECT_FALSE(summaries.empty());
}

}  // namespace
}  // namespace scaledeck::cache::testing
