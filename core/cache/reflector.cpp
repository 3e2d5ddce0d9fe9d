#include "cache/reflector.h"

#include <algorithm>
#include <utility>

namespace scaledeck::cache {

namespace {

std::uint64_t seedOf(const InformerOptions& options) {
    if (options.seed)
        return *options.seed;
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

Reflector::Reflector(std::unique_ptr<ReflectorSink> sink, QString path,
                     QList<QPair<QString, QString>> query, InformerOptions options,
                     std::shared_ptr<ReflectorStats> stats, StateHandler onState,
                     SyncedHandler onSynced, QObject* parent)
    : QObject(parent),
      m_sink(std::move(sink)),
      m_path(std::move(path)),
      m_query(std::move(query)),
      m_options(std::move(options)),
      m_stats(stats ? std::move(stats) : std::make_shared<ReflectorStats>()),
      m_onState(std::move(onState)),
      m_onSynced(std::move(onSynced)),
      m_policy(m_options.reconnect, seedOf(m_options)),
      m_random(seedOf(m_options) ^ 0x5bd1e995ULL),
      m_retryTimer(this) {
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Reflector::onRetryTimer);
}

Reflector::~Reflector() {
    // No handler may run from here on: the informer that owns them may be gone.
    m_onState = {};
    m_onSynced = {};
    stop();
}

void Reflector::start(kube::ApiClient* client) {
    if (m_running || client == nullptr)
        return;
    m_client = client;
    m_running = true;
    setState(ConnectionState::connecting());
    list();
}

void Reflector::stop() {
    m_running = false;
    m_retryTimer.stop();
    m_pager.reset();
    endWatch();
    if (m_sink)
        m_sink->discardList();
}

void Reflector::list() {
    m_sink->discardList();
    m_listedItems = 0;
    setState(ConnectionState::listing(0, std::nullopt, m_synced));
    // list() runs from start() or the retry timer, never inside the old pager's handlers.
    m_pager = std::make_unique<ListPager>(m_client, m_path, m_query, m_options.list);
    m_pager->start(
        [this](const QByteArray& body) -> base::Result<ListPageInfo> {
            ReflectorStats::bump(m_stats->listPages);
            auto page = m_sink->addListPage(body);
            if (page.ok()) {
                m_listedItems += page->items;
                std::optional<std::size_t> expected;
                if (page->remainingItemCount && *page->remainingItemCount >= 0)
                    expected = m_listedItems + static_cast<std::size_t>(*page->remainingItemCount);
                else if (page->continueToken.empty())
                    expected = m_listedItems;
                setState(ConnectionState::listing(m_listedItems, expected, m_synced));
            }
            return page;
        },
        [this] {
            ReflectorStats::bump(m_stats->listRestarts);
            m_listedItems = 0;
            m_sink->discardList();
        },
        [this](base::Result<ListResult> result) { onListed(std::move(result)); });
}

void Reflector::onListed(base::Result<ListResult> result) {
    if (!m_running)
        return;
    if (!result.ok()) {
        m_sink->discardList();
        retry(m_policy.afterListFailure(result.error()));
        return;
    }
    m_policy.accepted();
    m_sink->commitList();
    m_resourceVersion = result->resourceVersion;
    m_synced = true;
    m_mustRelist = false;
    m_stats->markSynced();
    ReflectorStats::bump(m_stats->lists);
    if (m_onSynced)
        m_onSynced();
    watch();
}

std::chrono::seconds Reflector::nextWatchTimeout() {
    const auto low = std::min(m_options.minWatchTimeout, m_options.maxWatchTimeout);
    const auto high = std::max(m_options.minWatchTimeout, m_options.maxWatchTimeout);
    std::uniform_int_distribution<std::int64_t> pick(low.count(), high.count());
    return std::chrono::seconds{pick(m_random)};
}

void Reflector::watch() {
    endWatch();
    kube::WatchOptions options;
    options.timeout = nextWatchTimeout();
    options.allowBookmarks = true;
    options.query = m_query;
    m_watch = new kube::WatchStream(m_client, m_path, options, this);
    connect(m_watch, &kube::WatchStream::opened, this, &Reflector::onWatchOpened);
    connect(m_watch, &kube::WatchStream::eventReceived, this, &Reflector::onWatchEvent);
    connect(m_watch, &kube::WatchStream::finished, this, &Reflector::onWatchFinished);
    m_watchEvents = 0;
    m_watchClock.start();
    if (!m_watch->start(QString::fromStdString(m_resourceVersion))) {
        endWatch();
        m_running = false;
        setState(ConnectionState::waiting(ConnectionState::Phase::Failed, {},
                                          "the connection to the cluster was closed"));
    }
}

// Stops and forgets the current watch without hearing from it again. It may be the sender of
// the signal being handled, so it is deleted later.
void Reflector::endWatch() {
    if (m_watch == nullptr)
        return;
    kube::WatchStream* watch = std::exchange(m_watch, nullptr);
    disconnect(watch, nullptr, this, nullptr);
    watch->stop();
    watch->deleteLater();
}

void Reflector::onWatchOpened() {
    ReflectorStats::bump(m_stats->watchesOpened);
    m_policy.accepted();
    m_stats->markSynced();
    setState(ConnectionState::live());
}

void Reflector::onWatchEvent(const QByteArray& line) {
    auto applied = m_sink->applyWatchLine(line);
    if (!applied.ok()) {
        endWatch();
        retry(m_policy.afterDecodeFailure(applied.error()));
        return;
    }
    if (applied->serverError) {
        // WatchStream ends the stream on ERROR events itself; this is a second line of defence.
        WatchOutcome outcome;
        outcome.error = *applied->serverError;
        outcome.lasted = std::chrono::milliseconds{m_watchClock.elapsed()};
        outcome.events = m_watchEvents;
        endWatch();
        ReflectorStats::bump(m_stats->watchesEnded);
        retry(m_policy.afterWatch(outcome));
        return;
    }
    ++m_watchEvents;
    if (!applied->resourceVersion.empty())
        m_resourceVersion = std::move(applied->resourceVersion);
    m_stats->markSynced();
    if (applied->type == kube::objects::WatchEventType::Bookmark)
        ReflectorStats::bump(m_stats->bookmarks);
    else
        ReflectorStats::bump(applied->changed ? m_stats->events : m_stats->duplicates);
}

void Reflector::onWatchFinished(const kube::WatchEnd& end) {
    if (end.reason == kube::WatchEnd::Reason::Cancelled || !m_running)
        return;
    WatchOutcome outcome;
    if (!end.status.ok())
        outcome.error = end.status.error();
    outcome.retryAfter = end.retryAfter;
    outcome.lasted = std::chrono::milliseconds{m_watchClock.elapsed()};
    outcome.events = m_watchEvents;
    endWatch();
    ReflectorStats::bump(m_stats->watchesEnded);
    retry(m_policy.afterWatch(outcome));
}

void Reflector::retry(const RetryDecision& decision) {
    if (!m_running)
        return;
    if (decision.next == RetryDecision::Next::Relist)
        m_mustRelist = true;
    setState(decision.state());
    // Through the event loop even without a delay: the failing request is still unwinding.
    m_retryTimer.start(std::max(decision.delay, std::chrono::milliseconds{0}));
}

void Reflector::onRetryTimer() {
    if (!m_running)
        return;
    if (m_mustRelist || !m_synced || m_resourceVersion.empty())
        list();
    else
        watch();
}

void Reflector::setState(ConnectionState state) {
    state.lastSync = m_stats->lastSync();
    if (state == m_state)
        return;
    m_state = std::move(state);
    if (m_onState)
        m_onState(m_state);
}

}  // namespace scaledeck::cache
