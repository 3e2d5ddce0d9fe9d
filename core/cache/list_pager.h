// ListPager: one complete LIST of a collection, in pages (limit=500, following `continue`), as
// client-go's pager does — so neither the server nor the decoder ever holds a 10,000-object
// answer at once. Each page's raw body (padded for simdjson, see ApiClient::get) goes to the
// caller's page handler, which decodes and keeps the items and reports what the page said. When
// the server no longer honours a continue token (410 Gone: the list's snapshot was compacted),
// the pager tells the caller to drop what it kept and lists again from the start, up to
// `maxRestarts` times. The list's resourceVersion — what to watch from — is the first page's:
// the server serves every later page from that snapshot.
//
// Used by the Reflector and by the one-shot list of the CLI. Belongs to the ApiClient's thread;
// the handlers run there, never after cancel() or destruction. `done` runs exactly once per
// start() unless cancelled, and may destroy the pager.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/result.h"
#include "kube/api_client.h"
#include "kube/request_options.h"

namespace scaledeck::cache {

// What one page said, as the page handler decoded it.
struct ListPageInfo {
    std::string resourceVersion;
    std::string continueToken;  // empty on the last page
    std::size_t items = 0;
    std::optional<std::int64_t> remainingItemCount;
};

struct ListResult {
    std::string resourceVersion;  // the list's: watch from here
    int pages = 0;                // pages of the list that completed (restarts excluded)
    std::size_t items = 0;
    int restarts = 0;  // expired continue tokens that forced a fresh start
};

struct ListPagerOptions {
    // client-go's and kubectl's page size: a page of pods is ~1.8 MB of JSON, which decodes in
    // a few milliseconds and keeps the decoder's buffers small.
    int pageSize = 500;
    int maxRestarts = 3;
    // Per page: stall timeout, retries of 5xx/429/dropped connections (with Retry-After).
    kube::RequestOptions request;
};

class ListPager final {
public:
    // Decodes a page and keeps its items; an error ends the list with it.
    using PageHandler = std::function<base::Result<ListPageInfo>(const QByteArray& body)>;
    // Forget every item kept so far: the list starts again.
    using RestartHandler = std::function<void()>;
    using DoneHandler = std::function<void(base::Result<ListResult>)>;

    // `path`: the collection ("/api/v1/pods"); `query`: selectors, sent on every page.
    ListPager(kube::ApiClient* client, QString path, QList<QPair<QString, QString>> query = {},
              ListPagerOptions options = {});
    ~ListPager();
    ListPager(const ListPager&) = delete;
    ListPager& operator=(const ListPager&) = delete;

    // False if already running.
    bool start(PageHandler page, RestartHandler restart, DoneHandler done);
    void cancel();
    bool isRunning() const { return m_running; }

private:
    void fetch();
    void onPage(base::Result<QByteArray> body);
    void finish(base::Result<ListResult> result);

    kube::ApiClient* m_client;
    QString m_path;
    QList<QPair<QString, QString>> m_query;
    ListPagerOptions m_options;

    PageHandler m_page;
    RestartHandler m_restart;
    DoneHandler m_done;
    kube::RequestHandle m_request;
    bool m_running = false;
    std::string m_continue;
    ListResult m_result;
};

}  // namespace scaledeck::cache
