#include "cache/list_pager.h"

#include <utility>

namespace scaledeck::cache {

ListPager::ListPager(kube::ApiClient* client, QString path, QList<QPair<QString, QString>> query,
                     ListPagerOptions options)
    : m_client(client),
      m_path(std::move(path)),
      m_query(std::move(query)),
      m_options(std::move(options)) {}

ListPager::~ListPager() {
    m_request.cancel();
}

bool ListPager::start(PageHandler page, RestartHandler restart, DoneHandler done) {
    if (m_running || m_client == nullptr)
        return false;
    m_page = std::move(page);
    m_restart = std::move(restart);
    m_done = std::move(done);
    m_running = true;
    m_continue.clear();
    m_result = {};
    fetch();
    return true;
}

void ListPager::cancel() {
    m_request.cancel();
    m_running = false;
    m_page = {};
    m_restart = {};
    m_done = {};
}

void ListPager::fetch() {
    kube::RequestOptions request = m_options.request;
    request.query = m_query;
    if (m_options.pageSize > 0)
        request.query.append({QStringLiteral("limit"), QString::number(m_options.pageSize)});
    if (!m_continue.empty())
        request.query.append({QStringLiteral("continue"), QString::fromStdString(m_continue)});
    m_request = m_client->get(
        m_path, [this](base::Result<QByteArray> body) { onPage(std::move(body)); }, request);
}

void ListPager::onPage(base::Result<QByteArray> body) {
    if (!body.ok()) {
        // An expired continue token: the snapshot is gone, start over (client-go does the same).
        if (body.error().kind == base::ErrorKind::Gone && !m_continue.empty() &&
            m_result.restarts < m_options.maxRestarts) {
            const int restarts = m_result.restarts + 1;
            m_result = {};
            m_result.restarts = restarts;
            m_continue.clear();
            if (m_restart)
                m_restart();
            fetch();
            return;
        }
        finish(body.error());
        return;
    }
    base::Result<ListPageInfo> page = m_page(*body);
    if (!page.ok()) {
        finish(page.error());
        return;
    }
    if (m_result.pages == 0)
        m_result.resourceVersion = page->resourceVersion;
    ++m_result.pages;
    m_result.items += page->items;
    m_continue = page->continueToken;
    if (m_continue.empty()) {
        finish(m_result);
        return;
    }
    fetch();
}

void ListPager::finish(base::Result<ListResult> result) {
    m_running = false;
    DoneHandler done = std::move(m_done);
    m_page = {};
    m_restart = {};
    m_done = {};
    if (done)
        done(std::move(result));  // may destroy this pager: nothing after this line
}

}  // namespace scaledeck::cache
