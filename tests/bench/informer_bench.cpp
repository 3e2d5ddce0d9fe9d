// informer_bench: what a pod informer costs on a 10,000-pod cluster. Starts the simulator
// in-process (GL-006 plus a generated 10,000-pod / 500-node cluster, manual clock), runs an
// Informer<PodRow> over all namespaces on its own informer thread until Live, and prints a
// Markdown table:
//   - time to first sync (paged LIST of 500 over HTTPS, decoded with simdjson, stored) and to Live;
//   - RSS growth of the process across that (after malloc_trim, so freed pages are not counted;
//     it includes the decoder's retained buffers and the transient page bodies of the server,
//     which lives in this process too);
//   - bytes per pod row: memoryFootprint() of the rows, the store's own overhead (slots,
//     shared_ptr blocks, key map, index postings) and the shared string pool, per row;
//   - watch deltas absorbed per second, two ways:
//       apply path: 50,000 recorded MODIFIED lines (the server's own JSON for each pod, with a
//         new resourceVersion and label) fed straight into the informer's apply path
//         (StoreUpdater: decode + store + fan-out) with a trivial batching consumer (a listener
//         coalescing into a DeltaCoalescer, drained every 33 ms by another thread, as the GUI
//         would) — and the same rows pre-decoded, to show what the store side costs alone;
//       end to end: 10,000 label PATCHes sent to the simulator over HTTPS (six connections, at
//         most 12 PATCHes in flight), timed until the running informer's store holds all 10,000
//         new versions. The server (patch handling, one global lock, watch fan-out, all on the
//         same two cores) bounds this figure, not the informer: the table also gives the
//         informer's lag after the last answer.
// Usage: informer_bench [PODS:NODES]   (default 10000:500)
#include <malloc.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cache/delta_coalescer.h"
#include "cache/informer.h"
#include "cache/informer_thread.h"
#include "cache/observed_store.h"
#include "cache/store_updater.h"
#include "kube/kubeconfig.h"
#include "kube/objects/string_pool.h"
#include "sim/simulator.h"

namespace {

using scaledeck::cache::Delta;
using scaledeck::cache::DeltaCoalescer;
using scaledeck::cache::DeltaListener;
using scaledeck::cache::DeltaType;
using scaledeck::cache::Informer;
using scaledeck::cache::InformerThread;
using scaledeck::cache::ObservedStore;
using scaledeck::cache::StoreUpdater;
using scaledeck::kube::objects::PodRow;
using Clock = std::chrono::steady_clock;

double rssMiB() {
    malloc_trim(0);
    std::ifstream statm("/proc/self/statm");
    long size = 0;
    long resident = 0;
    statm >> size >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

// Runs the event loop until `done()` or the timeout; false on timeout.
template <class Predicate>
bool spin(Predicate done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(2, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// The trivial batching consumer: coalesces under a lock; a "GUI" thread takes a batch every
// 33 ms and counts what it got.
class BatchingConsumer final : public DeltaListener<PodRow> {
public:
    void onDeltas(std::span<const Delta<PodRow>> deltas, bool replace) override {
        std::lock_guard lock(m_mutex);
        if (replace) {
            std::vector<std::shared_ptr<const PodRow>> rows;
            for (const auto& d : deltas)
                rows.push_back(d.row);
            m_pending.replace(rows);
        } else {
            for (const auto& d : deltas)
                m_pending.add(d);
        }
        m_received += deltas.size();
    }
    void startDraining() {
        m_draining = true;
        m_thread = std::thread([this] {
            while (m_draining.load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(33));
                drain();
            }
            drain();
        });
    }
    void stopDraining() {
        m_draining = false;
        if (m_thread.joinable())
            m_thread.join();
    }
    std::size_t batches() const { return m_batches; }
    std::size_t delivered() const { return m_delivered; }
    std::size_t received() {
        std::lock_guard lock(m_mutex);
        return m_received;
    }

private:
    void drain() {
        scaledeck::cache::DeltaBatch<PodRow> batch;
        {
            std::lock_guard lock(m_mutex);
            if (m_pending.empty())
                return;
            batch = m_pending.take();
        }
        ++m_batches;
        m_delivered += batch.deltas.size();
    }

    std::mutex m_mutex;
    DeltaCoalescer<PodRow> m_pending;
    std::size_t m_received = 0;
    std::atomic<bool> m_draining{false};
    std::thread m_thread;
    std::size_t m_batches = 0;
    std::size_t m_delivered = 0;
};

// Counts the deltas a running informer applies whose row carries label bench=<round>.
class RoundCounter final : public DeltaListener<PodRow> {
public:
    explicit RoundCounter(std::string round) : m_round(std::move(round)) {}
    void onDeltas(std::span<const Delta<PodRow>> deltas, bool) override {
        for (const auto& d : deltas) {
            if (d.row->meta.labels.get("bench") == m_round)
                m_count.fetch_add(1, std::memory_order_relaxed);
        }
    }
    std::size_t count() const { return m_count.load(); }

private:
    std::string m_round;
    std::atomic<std::size_t> m_count{0};
};

struct Row {
    std::string name;
    std::string value;
};

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::size_t pods = 10000;
    std::size_t nodes = 500;
    if (argc > 1 && std::sscanf(argv[1], "%zu:%zu", &pods, &nodes) != 2) {
        std::fprintf(stderr, "usage: informer_bench [PODS:NODES]\n");
        return 2;
    }

    QTemporaryDir dir;
    scaledeck::sim::SimulatorOptions options;
    options.clock = "manual";
    options.scalePods = pods;
    options.scaleNodes = nodes;
    options.kubeconfigOut = dir.filePath(QStringLiteral("kubeconfig")).toStdString();
    const auto simStart = Clock::now();
    auto started = scaledeck::sim::Simulator::start(options);
    if (!started.ok()) {
        std::fprintf(stderr, "simulator: %s\n", started.error().message.c_str());
        return 1;
    }
    auto sim = std::move(started).value();
    sim->advance(60);
    const double simSeconds = std::chrono::duration<double>(Clock::now() - simStart).count();
    auto config = scaledeck::kube::Kubeconfig::loadFile(sim->kubeconfigPath());
    auto context = config->resolve("scaledeck-demo");
    if (!context.ok()) {
        std::fprintf(stderr, "kubeconfig: %s\n", context.error().message.c_str());
        return 1;
    }
    std::vector<Row> rows;
    auto add = [&](std::string name, std::string value) {
        rows.push_back({std::move(name), std::move(value)});
    };
    char buf[128];
    std::snprintf(buf, sizeof buf, "%zu:%zu (%.1f s to start)", pods, nodes, simSeconds);
    add("cluster (pods:nodes)", buf);

    // ---- first sync ------------------------------------------------------------------------
    const double rssBefore = rssMiB();
    const std::size_t poolBefore = scaledeck::kube::objects::StringPool::shared().stats().bytes;
    auto thread = std::make_shared<InformerThread>(*context);
    Informer<PodRow> informer(thread);
    QElapsedTimer clock;
    double syncSeconds = 0;
    QObject::connect(&informer, &scaledeck::cache::InformerBase::synced,
                     [&] { syncSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9; });
    clock.start();
    informer.start();
    if (!spin(
            [&] {
                return informer.state().phase == scaledeck::cache::ConnectionState::Phase::Live;
            },
            120000)) {
        std::fprintf(stderr, "informer not live: %s\n", informer.state().describe().c_str());
        return 1;
    }
    const double liveSeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    const double rssAfter = rssMiB();
    const auto use = informer.store().memoryUse();
    const std::size_t poolBytes =
        scaledeck::kube::objects::StringPool::shared().stats().bytes - poolBefore;
    const double n = static_cast<double>(use.rows);
    std::snprintf(buf, sizeof buf, "%zu pods in %llu pages", use.rows,
                  static_cast<unsigned long long>(informer.stats().listPages.load()));
    add("listed", buf);
    std::snprintf(buf, sizeof buf, "%.2f s (Live after %.2f s)", syncSeconds, liveSeconds);
    add("time to first sync", buf);
    std::snprintf(buf, sizeof buf, "%.1f MiB (%.0f bytes per pod)", rssAfter - rssBefore,
                  (rssAfter - rssBefore) * 1048576.0 / n);
    add("RSS delta (whole process)", buf);
    std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(use.rowBytes) / n);
    add("bytes per pod: rows (memoryFootprint)", buf);
    std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(use.overheadBytes) / n);
    add("bytes per pod: store overhead (slots, shared_ptr, key map, 4 indexes)", buf);
    std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(poolBytes) / n);
    add("bytes per pod: shared string pool", buf);
    std::snprintf(buf, sizeof buf, "**%.0f** (target <= 2048)",
                  static_cast<double>(use.rowBytes + use.overheadBytes + poolBytes) / n);
    add("bytes per pod row, total", buf);

    // ---- recorded watch lines through the apply path ----------------------------------------
    std::optional<scaledeck::base::Result<QByteArray>> listBody;
    scaledeck::kube::ApiClient client(*context);
    scaledeck::kube::RequestOptions listOptions;
    listOptions.timeout = std::chrono::seconds{120};
    client.get(
        QStringLiteral("/api/v1/pods"),
        [&](scaledeck::base::Result<QByteArray> r) { listBody = std::move(r); }, listOptions);
    spin([&] { return listBody.has_value(); }, 120000);
    if (!listBody || !listBody->ok()) {
        std::fprintf(stderr, "list failed\n");
        return 1;
    }
    std::vector<std::string> lines;
    {
        nlohmann::json list = nlohmann::json::parse(listBody->value().toStdString());
        constexpr int kRounds = 5;
        std::uint64_t version = 100000000;
        lines.reserve(list["items"].size() * kRounds);
        for (int round = 0; round < kRounds; ++round) {
            for (auto& item : list["items"]) {
                item["metadata"]["resourceVersion"] = std::to_string(++version);
                item["metadata"]["labels"]["bench"] = std::to_string(round);
                nlohmann::json event = {{"type", "MODIFIED"}, {"object", item}};
                lines.push_back(event.dump());
            }
        }
    }
    listBody.reset();
    double lineBytes = 0;
    for (const auto& line : lines)
        lineBytes += static_cast<double>(line.size());

    {
        auto observed = std::make_shared<ObservedStore<PodRow>>();
        observed->replace(informer.store().list());
        auto consumer = std::make_shared<BatchingConsumer>();
        (void)observed->subscribe(consumer);
        StoreUpdater<PodRow> updater(observed);
        std::vector<QByteArray> qlines;
        qlines.reserve(lines.size());
        for (const auto& line : lines) {
            QByteArray bytes;
            bytes.reserve(static_cast<qsizetype>(line.size()) + 64);  // as a padded read gives it
            bytes.append(line.data(), static_cast<qsizetype>(line.size()));
            qlines.push_back(std::move(bytes));
        }
        consumer->startDraining();
        const auto t0 = Clock::now();
        std::size_t failed = 0;
        for (const auto& line : qlines) {
            if (!updater.applyWatchLine(line).ok())
                ++failed;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        consumer->stopDraining();
        std::snprintf(buf, sizeof buf,
                      "**%.0f /s** (%zu lines, %.0f MB/s, %zu failed; consumer got %zu batches, "
                      "%zu deltas)",
                      static_cast<double>(qlines.size()) / seconds, qlines.size(),
                      lineBytes / seconds / 1e6, failed, consumer->batches(),
                      consumer->delivered());
        add("watch deltas absorbed: decode + store + batching consumer (in-process)", buf);

        // The store side alone: the same changes as decoded rows.
        std::vector<std::shared_ptr<const PodRow>> decoded;
        decoded.reserve(lines.size());
        for (const auto& line : lines) {
            auto event = scaledeck::kube::objects::decodeWatchEvent<PodRow>(line);
            if (event.ok())
                decoded.push_back(std::make_shared<const PodRow>(std::move(event->object)));
        }
        auto fresh = std::make_shared<ObservedStore<PodRow>>();
        fresh->replace(informer.store().list());
        auto consumer2 = std::make_shared<BatchingConsumer>();
        (void)fresh->subscribe(consumer2);
        consumer2->startDraining();
        const auto t1 = Clock::now();
        for (auto& row : decoded)
            fresh->apply(DeltaType::Modified, std::move(row));
        const double storeSeconds = std::chrono::duration<double>(Clock::now() - t1).count();
        consumer2->stopDraining();
        std::snprintf(buf, sizeof buf, "%.0f /s (%zu batches)",
                      static_cast<double>(decoded.size()) / storeSeconds, consumer2->batches());
        add("watch deltas absorbed: store + batching consumer only (pre-decoded rows)", buf);
    }
    lines.clear();
    lines.shrink_to_fit();

    // ---- end to end: PATCHes through the simulator to the running informer -----------------
    {
        auto counter = std::make_shared<RoundCounter>("e2e");
        auto subscription = informer.subscribe(counter);
        std::vector<std::shared_ptr<const PodRow>> targets;
        for (const auto& row : informer.store().list()) {
            if (row->meta.namespaceName.view().rfind("scale-", 0) == 0)
                targets.push_back(row);
        }
        std::size_t answered = 0;
        std::size_t failed = 0;
        std::map<std::string, std::size_t> failures;  // error message -> count
        scaledeck::kube::RequestOptions once;
        once.maxAttempts = 3;
        // At most kInFlight PATCHes at a time (the client's six connections, kept busy): all
        // 10,000 queued at once would sit in Qt's queue past their 15 s timeout (a request's
        // timer runs from when it is queued), and PATCH is not retried.
        constexpr std::size_t kInFlight = 12;
        std::size_t next = 0;
        std::function<void()> sendNext = [&] {
            if (next >= targets.size())
                return;
            const auto& row = targets[next++];
            const QString path = QStringLiteral("/api/v1/namespaces/%1/pods/%2")
                                     .arg(QString::fromStdString(row->meta.namespaceName.str()),
                                          QString::fromStdString(row->meta.name));
            client.patchJson(
                path, scaledeck::kube::PatchType::Merge,
                R"({"metadata":{"labels":{"bench":"e2e"}}})",
                [&](scaledeck::base::Result<QJsonDocument> r) {
                    ++answered;
                    if (!r.ok()) {
                        ++failed;
                        ++failures[std::string(scaledeck::base::toString(r.error().kind)) + ": " +
                                   r.error().message];
                    }
                    sendNext();
                },
                once);
        };
        const auto t0 = Clock::now();
        for (std::size_t i = 0; i < kInFlight; ++i)
            sendNext();
        spin([&] { return answered == targets.size(); }, 600000);
        const double patchSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
        spin([&] { return counter->count() >= targets.size() - failed; }, 120000);
        const double applySeconds = std::chrono::duration<double>(Clock::now() - t0).count();
        std::snprintf(buf, sizeof buf,
                      "%.0f /s (%zu PATCHes answered in %.2f s, %zu failed; all %zu events in "
                      "the store after %.2f s: lag %.0f ms)",
                      static_cast<double>(counter->count()) / applySeconds, targets.size(),
                      patchSeconds, failed, counter->count(), applySeconds,
                      (applySeconds - patchSeconds) * 1000.0);
        add("watch deltas absorbed: end to end over HTTPS (bounded by the server)", buf);
        for (const auto& [message, count] : failures)
            std::fprintf(stderr, "PATCH failed %zu times: %s\n", count, message.c_str());
    }

    std::printf("| informer_bench | |\n| --- | --- |\n");
    for (const auto& row : rows)
        std::printf("| %s | %s |\n", row.name.c_str(), row.value.c_str());
    return 0;
}
