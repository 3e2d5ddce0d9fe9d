// dashboard_models_bench: how many pod watch deltas per second the dashboard's models absorb on
// the GUI thread, alone and behind the store, on a simulated 10,000-pod / 500-node cluster.
//
// Starts the simulator in-process (GL-006 plus a generated cluster, manual clock), lists every
// pod and node over HTTPS (uncompressed JSON) and decodes them with the informers' decoder
// (kube::objects::decodeList). From the list it records 5 rounds of MODIFIED watch lines, one per
// pod and round, each the server's own JSON with a new resourceVersion, a label bench=<round>
// and one more restart of the first container (so the Restarts column really changes), every
// round in a different random order (watch traffic touches the cluster in no particular order);
// the same lines decoded give the modified rows. Nothing here is a mock: the models, the proxy,
// the page, the store, StoreUpdater and BatchDelivery are the classes the application runs.
//
// Part 1, models alone (GUI thread, QApplication on QT_QPA_PLATFORM=offscreen): the first
// `replace` batch of every pod, then every modified row in batches of 100, 1,000 and 10,009
// (one round: the largest batch a coalescing BatchDelivery can build, each pod at most once),
// applied to four set-ups of growing size:
//   A  PodTableModel alone;
//   B  PodTableModel behind a TableFilterProxyModel sorted by Name (the dashboard's sort);
//   C  B plus NodeTableModel::applyPods (request sums) behind its own sorted proxy;
//   D  a whole DashboardPage, shown (1400x900, offscreen) with its 500 nodes: applyPods and
//      applyNodePods per batch (the worst case: a 10,000-pod namespace plus the cluster-wide
//      feed), and the event loop run after each batch so the page repaints as it would.
// Reported: time of the replace batch, deltas per second and milliseconds per batch.
//
// Part 2, store + models (measured, not added up): the 50,045 lines go through StoreUpdater
// (decode, ObservedStore) on a worker thread as fast as it can, an ObservedStore listener
// BatchDelivery (33 ms) carries coalesced batches to the GUI thread, which applies them to set-up
// B or D; timed from the first line to the moment the GUI holds the last round of every pod.
// Also given: the same with an empty GUI handler (what the store side manages on this machine
// while the GUI thread idles), the worker thread's own rate (lines/s until it had stored every
// line), the batches and deltas the GUI applied, and the longest batch on the GUI thread (for
// D without the repaint, which the event loop does between batches).
//
// Usage: dashboard_models_bench [PODS:NODES]   (default 10000:500)
#include <httplib.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cache/batch_delivery.h"
#include "cache/delta.h"
#include "cache/observed_store.h"
#include "cache/store_updater.h"
#include "kube/objects/object_decoder.h"
#include "sim/simulator.h"
#include "ui/dashboard/dashboard_page.h"
#include "ui/models/node_table_model.h"
#include "ui/models/pod_table_model.h"
#include "ui/models/table_filter_proxy_model.h"

namespace {

using scaledeck::cache::BatchDelivery;
using scaledeck::cache::Delta;
using scaledeck::cache::DeltaBatch;
using scaledeck::cache::DeltaType;
using scaledeck::cache::ObservedStore;
using scaledeck::cache::StoreUpdater;
using scaledeck::kube::objects::NodeRow;
using scaledeck::kube::objects::PodRow;
using Clock = std::chrono::steady_clock;
using PodPtr = std::shared_ptr<const PodRow>;
using NodePtr = std::shared_ptr<const NodeRow>;

constexpr int kRounds = 5;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
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
        QTimer::singleShot(1, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

std::string getJson(scaledeck::sim::Simulator& sim, const std::string& caFile,
                    const std::string& path) {
    httplib::SSLClient client("127.0.0.1", sim.port());
    client.set_ca_cert_path(caFile.c_str());
    client.enable_server_certificate_verification(true);
    client.set_read_timeout(std::chrono::seconds(300));
    // Uncompressed: the bench wants the JSON exactly as the decoder reads it.
    const httplib::Headers headers = {{"Authorization", "Bearer " + sim.adminToken()},
                                      {"Accept", "application/json"},
                                      {"Accept-Encoding", "identity"}};
    auto res = client.Get(path.c_str(), headers);
    if (!res || res->status != 200) {
        std::fprintf(stderr, "GET %s failed\n", path.c_str());
        std::exit(1);
    }
    return std::move(res->body);
}

template <class Row>
std::vector<std::shared_ptr<const Row>> decodeRows(const std::string& body) {
    auto page = scaledeck::kube::objects::decodeList<Row>(body);
    if (!page.ok()) {
        std::fprintf(stderr, "decode: %s\n", page.error().message.c_str());
        std::exit(1);
    }
    std::vector<std::shared_ptr<const Row>> rows;
    rows.reserve(page->items.size());
    for (Row& row : page->items)
        rows.push_back(std::make_shared<const Row>(std::move(row)));
    return rows;
}

// One set-up of models that pod batches are applied to on the GUI thread.
struct Setup {
    std::string name;
    std::function<void(const DeltaBatch<PodRow>&)> apply;
    std::function<int()> rowCount;  // rows the (first) pod model holds
};

struct SetupA {
    scaledeck::ui::PodTableModel pods;
    Setup setup() {
        return {"A: PodTableModel", [this](const DeltaBatch<PodRow>& b) { pods.applyBatch(b); },
                [this] { return pods.rowCount(); }};
    }
};

struct SetupB {
    scaledeck::ui::PodTableModel pods;
    scaledeck::ui::TableFilterProxyModel proxy;
    SetupB() {
        proxy.setSourceModel(&pods);
        proxy.sort(scaledeck::ui::PodTableModel::NameColumn, Qt::AscendingOrder);
    }
    Setup setup() {
        return {"B: A + TableFilterProxyModel sorted by Name",
                [this](const DeltaBatch<PodRow>& b) { pods.applyBatch(b); },
                [this] { return proxy.rowCount(); }};
    }
};

struct SetupC {
    scaledeck::ui::PodTableModel pods;
    scaledeck::ui::TableFilterProxyModel podProxy;
    scaledeck::ui::NodeTableModel nodes;
    scaledeck::ui::TableFilterProxyModel nodeProxy;
    explicit SetupC(const std::vector<NodePtr>& nodeRows) {
        podProxy.setSourceModel(&pods);
        podProxy.sort(scaledeck::ui::PodTableModel::NameColumn, Qt::AscendingOrder);
        nodeProxy.setSourceModel(&nodes);
        nodeProxy.sort(scaledeck::ui::NodeTableModel::NameColumn, Qt::AscendingOrder);
        DeltaBatch<NodeRow> batch{true, {}};
        for (const auto& node : nodeRows)
            batch.deltas.push_back({DeltaType::Added, node});
        nodes.applyBatch(batch);
    }
    Setup setup() {
        return {"C: B + NodeTableModel::applyPods behind a sorted proxy",
                [this](const DeltaBatch<PodRow>& b) {
                    pods.applyBatch(b);
                    nodes.applyPods(b);
                },
                [this] { return podProxy.rowCount(); }};
    }
};

struct SetupD {
    scaledeck::ui::DashboardPage page;
    // Part 1 runs the event loop after each batch to repaint; in part 2 the event loop that
    // delivers the batches repaints between them.
    bool repaintInApply = true;
    explicit SetupD(const std::vector<NodePtr>& nodeRows) {
        page.setNamespaceName(QStringLiteral("all"));
        page.resize(1400, 900);
        page.show();
        DeltaBatch<NodeRow> batch{true, {}};
        for (const auto& node : nodeRows)
            batch.deltas.push_back({DeltaType::Added, node});
        page.applyNodes(batch);
        QApplication::processEvents();
    }
    Setup setup() {
        return {"D: DashboardPage shown offscreen (pods + cluster-wide pods, repainted)",
                [this](const DeltaBatch<PodRow>& b) {
                    page.applyPods(b);
                    page.applyNodePods(b);
                    if (repaintInApply)
                        QApplication::processEvents();
                },
                [this] { return page.podModel()->rowCount(); }};
    }
};

DeltaBatch<PodRow> replaceBatch(const std::vector<PodPtr>& rows) {
    DeltaBatch<PodRow> batch{true, {}};
    batch.deltas.reserve(rows.size());
    for (const auto& row : rows)
        batch.deltas.push_back({DeltaType::Added, row});
    return batch;
}

struct BatchTimes {
    std::size_t deltas = 0;
    std::vector<double> seconds;  // per batch
    double total() const {
        double sum = 0;
        for (double s : seconds)
            sum += s;
        return sum;
    }
    double medianMs() const {
        std::vector<double> sorted = seconds;
        std::sort(sorted.begin(), sorted.end());
        return sorted.empty() ? 0 : sorted[sorted.size() / 2] * 1000.0;
    }
    double maxMs() const {
        return seconds.empty() ? 0 : *std::max_element(seconds.begin(), seconds.end()) * 1000.0;
    }
};

// Applies `modified` in consecutive batches of `size` (each pod at most once per batch, since a
// round holds every pod once and batches never span rounds).
BatchTimes applyInBatches(const Setup& setup, const std::vector<PodPtr>& modified,
                          std::size_t podsPerRound, std::size_t size) {
    BatchTimes times;
    for (std::size_t roundStart = 0; roundStart < modified.size(); roundStart += podsPerRound) {
        const std::size_t roundEnd = std::min(modified.size(), roundStart + podsPerRound);
        for (std::size_t first = roundStart; first < roundEnd; first += size) {
            DeltaBatch<PodRow> batch;
            const std::size_t last = std::min(roundEnd, first + size);
            batch.deltas.reserve(last - first);
            for (std::size_t i = first; i < last; ++i)
                batch.deltas.push_back({DeltaType::Modified, modified[i]});
            const auto t0 = Clock::now();
            setup.apply(batch);
            times.seconds.push_back(secondsSince(t0));
            times.deltas += batch.deltas.size();
        }
    }
    return times;
}

// The GUI side of part 2: applies delivered batches and notices when every pod's last round
// has arrived.
class Receiver final : public QObject {
public:
    Receiver(const Setup* setup, std::string lastRound)
        : m_setup(setup), m_lastRound(std::move(lastRound)) {}
    void onBatch(const DeltaBatch<PodRow>& batch) {
        const auto t0 = Clock::now();
        if (m_setup != nullptr)
            m_setup->apply(batch);
        const double seconds = secondsSince(t0);
        m_longest = std::max(m_longest, seconds);
        ++m_batches;
        m_deltas += batch.deltas.size();
        for (const auto& delta : batch.deltas) {
            if (delta.row->meta.labels.get("bench") == m_lastRound)
                ++m_lastRoundSeen;
        }
    }
    std::size_t lastRoundSeen() const { return m_lastRoundSeen; }
    std::size_t batches() const { return m_batches; }
    std::size_t deltas() const { return m_deltas; }
    double longestMs() const { return m_longest * 1000.0; }
    void resetCounts() {
        m_batches = 0;
        m_deltas = 0;
        m_longest = 0;
    }

private:
    const Setup* m_setup;
    std::string m_lastRound;
    std::size_t m_lastRoundSeen = 0;
    std::size_t m_batches = 0;
    std::size_t m_deltas = 0;
    double m_longest = 0;
};

struct PipelineResult {
    double seconds = 0;
    double producerSeconds = 0;  // the worker thread alone, for all lines
    std::size_t failed = 0;
    std::size_t batches = 0;
    std::size_t deltas = 0;
    double longestMs = 0;
    bool complete = false;
};

PipelineResult runPipeline(const Setup* setup, const std::vector<PodPtr>& initial,
                           const std::vector<QByteArray>& lines, std::size_t pods) {
    auto store = std::make_shared<ObservedStore<PodRow>>();
    store->replace(initial);
    Receiver receiver(setup, std::to_string(kRounds - 1));
    auto delivery = BatchDelivery<PodRow>::create(
        &receiver, [&receiver](const DeltaBatch<PodRow>& b) { receiver.onBatch(b); },
        BatchDelivery<PodRow>::kDefaultInterval);
    const auto id = store->subscribe(delivery);
    // The subscription's snapshot (a replace batch of every pod) reaches the GUI first.
    spin([&] { return receiver.batches() > 0; }, 120000);
    receiver.resetCounts();

    PipelineResult result;
    std::atomic<bool> produced{false};
    const auto t0 = Clock::now();
    std::thread worker([&] {
        StoreUpdater<PodRow> updater(store);
        for (const auto& line : lines) {
            if (!updater.applyWatchLine(line).ok())
                ++result.failed;
        }
        result.producerSeconds = secondsSince(t0);
        produced = true;
    });
    result.complete =
        spin([&] { return produced.load() && receiver.lastRoundSeen() >= pods; }, 600000);
    result.seconds = secondsSince(t0);
    worker.join();
    result.batches = receiver.batches();
    result.deltas = receiver.deltas();
    result.longestMs = receiver.longestMs();
    delivery->cancel();
    store->unsubscribe(id);
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::size_t podCount = 10000;
    std::size_t nodeCount = 500;
    if (argc > 1 && std::sscanf(argv[1], "%zu:%zu", &podCount, &nodeCount) != 2) {
        std::fprintf(stderr, "usage: dashboard_models_bench [PODS:NODES]\n");
        return 2;
    }

    // ---- the cluster and its rows ------------------------------------------------------------
    QTemporaryDir dir;
    scaledeck::sim::SimulatorOptions options;
    options.clock = "manual";
    options.scalePods = podCount;
    options.scaleNodes = nodeCount;
    options.kubeconfigOut = dir.filePath(QStringLiteral("kubeconfig")).toStdString();
    std::fprintf(stderr, "starting the simulator (%zu:%zu) ...\n", podCount, nodeCount);
    auto started = scaledeck::sim::Simulator::start(options);
    if (!started.ok()) {
        std::fprintf(stderr, "simulator: %s\n", started.error().message.c_str());
        return 1;
    }
    auto sim = std::move(started).value();
    sim->advance(60);
    const std::string caFile = dir.filePath(QStringLiteral("ca.pem")).toStdString();
    std::ofstream(caFile) << sim->caPem();

    const std::string podList = getJson(*sim, caFile, "/api/v1/pods");
    const std::vector<PodPtr> initial = decodeRows<PodRow>(podList);
    const std::vector<NodePtr> nodes = decodeRows<NodeRow>(getJson(*sim, caFile, "/api/v1/nodes"));
    const std::size_t pods = initial.size();

    std::vector<QByteArray> lines;
    std::vector<PodPtr> modified;
    {
        nlohmann::json list = nlohmann::json::parse(podList);
        auto& items = list["items"];
        std::vector<std::size_t> order(items.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::mt19937 random(20261129);
        std::uint64_t version = 200000000;
        lines.reserve(items.size() * kRounds);
        for (int round = 0; round < kRounds; ++round) {
            std::shuffle(order.begin(), order.end(), random);
            for (const std::size_t i : order) {
                auto& item = items[i];
                item["metadata"]["resourceVersion"] = std::to_string(++version);
                item["metadata"]["labels"]["bench"] = std::to_string(round);
                auto& statuses = item["status"]["containerStatuses"];
                if (statuses.is_array() && !statuses.empty())
                    statuses[0]["restartCount"] = statuses[0].value("restartCount", 0) + 1;
                const std::string line =
                    nlohmann::json{{"type", "MODIFIED"}, {"object", item}}.dump();
                QByteArray bytes;
                bytes.reserve(static_cast<qsizetype>(line.size()) + 64);  // as a padded read
                bytes.append(line.data(), static_cast<qsizetype>(line.size()));
                lines.push_back(std::move(bytes));
            }
        }
    }
    modified.reserve(lines.size());
    for (const auto& line : lines) {
        auto event =
            scaledeck::kube::objects::decodeWatchEvent<PodRow>(scaledeck::kube::objects::JsonBytes(
                line.constData(), static_cast<std::size_t>(line.size()),
                static_cast<std::size_t>(line.capacity())));
        if (!event.ok()) {
            std::fprintf(stderr, "decode watch line: %s\n", event.error().message.c_str());
            return 1;
        }
        modified.push_back(std::make_shared<const PodRow>(std::move(event->object)));
    }
    std::fprintf(stderr, "%zu pods, %zu nodes, %zu modified rows\n", pods, nodes.size(),
                 modified.size());

    // ---- part 1: the models alone ------------------------------------------------------------
    const std::vector<std::size_t> sizes = {100, 1000, pods};
    std::printf(
        "Models alone, GUI thread: a replace batch of %zu pods, then %zu MODIFIED deltas (%d "
        "rounds of every pod, shuffled) in batches of the given size\n\n",
        pods, modified.size(), kRounds);
    std::printf("| set-up | replace batch (ms) |");
    for (const std::size_t size : sizes)
        std::printf(" batches of %zu: deltas/s (ms per batch, median / max) |", size);
    std::printf("\n| --- | --- |");
    for (std::size_t i = 0; i < sizes.size(); ++i)
        std::printf(" --- |");
    std::printf("\n");
    std::fflush(stdout);

    auto measure = [&](const Setup& setup) {
        const auto replace = replaceBatch(initial);
        const auto t0 = Clock::now();
        setup.apply(replace);
        const double replaceMs = secondsSince(t0) * 1000.0;
        if (static_cast<std::size_t>(setup.rowCount()) != pods) {
            std::fprintf(stderr, "%s holds %d rows, expected %zu\n", setup.name.c_str(),
                         setup.rowCount(), pods);
            std::exit(1);
        }
        std::printf("| %s | %.0f |", setup.name.c_str(), replaceMs);
        for (const std::size_t size : sizes) {
            const BatchTimes times = applyInBatches(setup, modified, pods, size);
            const double rate = static_cast<double>(times.deltas) / times.total();
            std::printf(" %.0f (%.1f / %.1f) |", rate, times.medianMs(), times.maxMs());
        }
        std::printf("\n");
        std::fflush(stdout);
    };
    {
        SetupA a;
        measure(a.setup());
    }
    {
        SetupB b;
        measure(b.setup());
    }
    {
        SetupC c(nodes);
        measure(c.setup());
    }
    {
        SetupD d(nodes);
        measure(d.setup());
    }

    // ---- part 2: store + models, measured together ----------------------------------------
    std::printf(
        "\nStore + models: %zu MODIFIED watch lines decoded and stored by StoreUpdater on a "
        "worker thread, delivered by BatchDelivery (33 ms) to the GUI thread\n\n",
        lines.size());
    std::printf(
        "| GUI side | deltas absorbed/s (first line to last round in the GUI) | worker thread "
        "(lines/s until it finished) | batches applied | deltas applied (after coalescing) | "
        "longest batch on "
        "the GUI thread (ms) |\n| --- | --- | --- | --- | --- | --- |\n");
    auto pipelineRow = [&](const std::string& name, const Setup* setup) {
        const PipelineResult r = runPipeline(setup, initial, lines, pods);
        if (!r.complete || r.failed != 0) {
            std::fprintf(stderr, "%s: incomplete (%zu failed lines)\n", name.c_str(), r.failed);
            std::exit(1);
        }
        std::printf("| %s | **%.0f** | %.0f | %zu | %zu | %.0f |\n", name.c_str(),
                    static_cast<double>(lines.size()) / r.seconds,
                    static_cast<double>(lines.size()) / r.producerSeconds, r.batches, r.deltas,
                    r.longestMs);
        std::fflush(stdout);
    };
    pipelineRow("no model (empty handler)", nullptr);
    {
        SetupB b;
        const Setup setup = b.setup();
        pipelineRow(setup.name, &setup);
    }
    {
        SetupD d(nodes);
        d.repaintInApply = false;
        const Setup setup = d.setup();
        pipelineRow(setup.name, &setup);
    }
    return 0;
}
