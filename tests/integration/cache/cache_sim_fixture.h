// CacheSimFixture: a simulator of the test's own (in-process, HTTPS, manual clock), the admin
// context and a GUI-thread ApiClient to drive it — faults over the control API, label patches
// on pods, scaling — and the ground truth to compare an informer's store with: a fresh,
// unpaged LIST decoded with QJsonDocument (independent of the cache's own decoder and pager).
// Also a DeltaListener that records every change an informer makes, as it makes it, so a test
// can count deltas per object against the changes it caused.
#pragma once

#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cache/delta_listener.h"
#include "cache/informer.h"
#include "cache/informer_options.h"
#include "kube/api_client.h"
#include "kube/kubeconfig.h"
#include "sim/simulator.h"

namespace scaledeck::cache::testing {

// key → resourceVersion
using Versions = std::map<std::string, std::string>;

// Every delta an informer applies, on the informer thread; read from the test thread.
template <class Row>
class DeltaLog final : public DeltaListener<Row> {
public:
    struct Entry {
        DeltaType type;
        std::string resourceVersion;
        bool replace;
    };

    void onDeltas(std::span<const Delta<Row>> deltas, bool replace) override {
        std::lock_guard lock(m_mutex);
        for (const auto& delta : deltas)
            m_entries[objectKey(*delta.row)].push_back(
                {delta.type, delta.row->meta.resourceVersion, replace});
        if (replace)
            ++m_replaces;
    }
    std::map<std::string, std::vector<Entry>> entries() const {
        std::lock_guard lock(m_mutex);
        return m_entries;
    }
    int replaces() const {
        std::lock_guard lock(m_mutex);
        return m_replaces;
    }
    // Deltas of `key` that were not part of a replace batch.
    std::vector<Entry> changes(const std::string& key) const {
        std::lock_guard lock(m_mutex);
        std::vector<Entry> out;
        auto found = m_entries.find(key);
        if (found == m_entries.end())
            return out;
        for (const auto& entry : found->second) {
            if (!entry.replace)
                out.push_back(entry);
        }
        return out;
    }

private:
    mutable std::mutex m_mutex;
    std::map<std::string, std::vector<Entry>> m_entries;
    int m_replaces = 0;
};

// Fast retries for tests: the rules are the production ones, the delays shorter, so a burst of
// failures costs a test seconds rather than minutes.
inline InformerOptions fastRetries() {
    InformerOptions options;
    options.reconnect.backoff = {std::chrono::milliseconds{100}, 2.0,
                                 std::chrono::milliseconds{1000}, 0.5};
    options.seed = 42;
    return options;
}

class CacheSimFixture : public ::testing::Test {
protected:
    void TearDown() override {
        m_control.reset();
        m_sim.reset();
    }

    // Starts this test's simulator. `scenarioText`: a scenario of its own, else GL-006.
    void startSim(std::size_t scalePods = 0, std::size_t scaleNodes = 0,
                  const std::string& scenarioText = {}, std::size_t historyLimit = 50000) {
        ASSERT_TRUE(m_dir.isValid());
        sim::SimulatorOptions options;
        options.clock = "manual";
        options.kubeconfigOut = m_dir.filePath(QStringLiteral("kubeconfig")).toStdString();
        options.scalePods = scalePods;
        options.scaleNodes = scaleNodes;
        options.historyLimit = historyLimit;
        if (!scenarioText.empty()) {
            options.scenarioPath = m_dir.filePath(QStringLiteral("scenario.yaml")).toStdString();
            QFile file(QString::fromStdString(options.scenarioPath));
            ASSERT_TRUE(file.open(QIODevice::WriteOnly));
            file.write(scenarioText.data(), static_cast<qint64>(scenarioText.size()));
        }
        auto started = sim::Simulator::start(options);
        ASSERT_TRUE(started.ok()) << started.error().message;
        m_sim = std::move(started).value();
        // Let the scenario's controllers create its pods and make them ready.
        m_sim->advance(60);
        m_admin = context("scaledeck-demo");
        m_control = std::make_unique<kube::ApiClient>(m_admin);
        ASSERT_TRUE(call("DELETE", QStringLiteral("/sim/v1/faults")).ok());
    }

    kube::ResolvedContext context(const std::string& name) {
        auto config = kube::Kubeconfig::loadFile(m_sim->kubeconfigPath());
        EXPECT_TRUE(config.ok()) << config.error().message;
        auto resolved = config->resolve(name);
        EXPECT_TRUE(resolved.ok()) << resolved.error().message;
        return resolved.ok() ? std::move(resolved).value() : kube::ResolvedContext{};
    }

    // A blocking call on the control client (GUI thread; the test's event loop runs meanwhile).
    base::Result<QJsonDocument> call(const char* verb, const QString& path,
                                     const QByteArray& body = "{}") {
        kube::RequestOptions once;
        once.maxAttempts = 1;
        std::optional<base::Result<QJsonDocument>> answer;
        auto done = [&](base::Result<QJsonDocument> r) { answer = std::move(r); };
        const QByteArray v(verb);
        if (v == "DELETE")
            m_control->deleteJson(path, {}, done, once);
        else if (v == "PATCH")
            m_control->patchJson(path, kube::PatchType::Merge, body, done, once);
        else if (v == "GET")
            m_control->getJson(path, done, once);
        else
            m_control->postJson(path, body, done, once);
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
            return base::Error::internal("no answer in time");
        return std::move(*answer);
    }

    void addFault(const QString& json) {
        auto added = call("POST", QStringLiteral("/sim/v1/faults"), json.toUtf8());
        ASSERT_TRUE(added.ok()) << added.error().message;
    }
    void closeWatches() {
        auto closed = call("POST", QStringLiteral("/sim/v1/watches/close"));
        ASSERT_TRUE(closed.ok()) << closed.error().message;
    }

    // Sets label `key`=`value` on a pod (one write, one watch event).
    void labelPod(const std::string& key, const std::string& label, const std::string& value) {
        const auto slash = key.find('/');
        const QString path = QStringLiteral("/api/v1/namespaces/%1/pods/%2")
                                 .arg(QString::fromStdString(key.substr(0, slash)),
                                      QString::fromStdString(key.substr(slash + 1)));
        const QByteArray patch =
            QStringLiteral(R"({"metadata":{"labels":{"%1":"%2"}}})")
                .arg(QString::fromStdString(label), QString::fromStdString(value))
                .toUtf8();
        auto patched = call("PATCH", path, patch);
        ASSERT_TRUE(patched.ok()) << patched.error().message;
    }

    // The server's objects now: an unpaged LIST, decoded independently of the cache.
    Versions serverVersions(const QString& path) {
        std::optional<base::Result<QByteArray>> raw;
        kube::RequestOptions options;
        options.timeout = std::chrono::seconds{60};
        m_control->get(
            path, [&](base::Result<QByteArray> r) { raw = std::move(r); }, options);
        EXPECT_TRUE(QTest::qWaitFor([&] { return raw.has_value(); }, 60000));
        Versions versions;
        if (!raw || !raw->ok()) {
            ADD_FAILURE() << (raw ? raw->error().message : std::string("no answer"));
            return versions;
        }
        const QJsonObject list = QJsonDocument::fromJson(**raw).object();
        for (const QJsonValue& item : list[QLatin1String("items")].toArray()) {
            const QJsonObject meta = item.toObject()[QLatin1String("metadata")].toObject();
            const QString ns = meta[QLatin1String("namespace")].toString();
            const QString name = meta[QLatin1String("name")].toString();
            versions[(ns.isEmpty() ? name : ns + QLatin1Char('/') + name).toStdString()] =
                meta[QLatin1String("resourceVersion")].toString().toStdString();
        }
        return versions;
    }

    template <class Row>
    static Versions storeVersions(const Store<Row>& store) {
        Versions versions;
        store.forEach([&](const std::shared_ptr<const Row>& row) {
            versions[objectKey(*row)] = row->meta.resourceVersion;
        });
        return versions;
    }

    // Waits until the store holds exactly `expected` (same keys, same resourceVersions).
    template <class Row>
    static bool waitForStore(const Store<Row>& store, const Versions& expected,
                             int timeoutMs = 30000) {
        return QTest::qWaitFor([&] { return storeVersions(store) == expected; }, timeoutMs);
    }

    // Asserts object by object, so a failure names the keys that differ.
    static void expectSameObjects(const Versions& actual, const Versions& expected) {
        for (const auto& [key, version] : expected) {
            auto found = actual.find(key);
            if (found == actual.end())
                ADD_FAILURE() << "missing from the store: " << key;
            else
                EXPECT_EQ(found->second, version) << key;
        }
        for (const auto& [key, version] : actual) {
            if (!expected.contains(key))
                ADD_FAILURE() << "in the store but not on the server: " << key << "@" << version;
        }
    }

    template <class Row>
    static bool waitLive(const Informer<Row>& informer, int timeoutMs = 30000) {
        return QTest::qWaitFor(
            [&] {
                return informer.hasSynced() &&
                       informer.state().phase == ConnectionState::Phase::Live;
            },
            timeoutMs);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<sim::Simulator> m_sim;
    kube::ResolvedContext m_admin;
    std::unique_ptr<kube::ApiClient> m_control;
};

}  // namespace scaledeck::cache::testing
