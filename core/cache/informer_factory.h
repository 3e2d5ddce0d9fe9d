// InformerFactory: the informers of one cluster session, shared — one per (kind, scope), so two
// views of the pods of a namespace cost one list and one watch. informer<Row>(scope) returns the
// running informer or starts one; the informer lives as long as someone holds the returned
// shared_ptr, and when the last holder lets go, its watch ends (stop() at once, the object is
// deleted on the next event-loop turn). All informers of a factory share one InformerThread and
// its ApiClient.
//
// connectionSummary() folds the states of the live informers for the status bar
// (ConnectionSummary), and connectionSummaryChanged announces every change of it.
//
// A QObject of the GUI thread: call it, and drop informer handles, on the factory's thread.
#pragma once

#include <QObject>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cache/connection_state.h"
#include "cache/informer.h"
#include "cache/informer_base.h"
#include "cache/informer_options.h"
#include "cache/informer_scope.h"
#include "cache/informer_thread.h"
#include "kube/resolved_context.h"

namespace scaledeck::cache {

class InformerFactory final : public QObject {
    Q_OBJECT

public:
    explicit InformerFactory(kube::ResolvedContext context, InformerOptions defaults = {},
                             QObject* parent = nullptr);
    ~InformerFactory() override;

    template <class Row>
    std::shared_ptr<Informer<Row>> informer(InformerScope scope = {}) {
        if (!ResourceTraits<Row>::namespaced)
            scope.namespaceName.clear();
        const std::string key = std::string(ResourceTraits<Row>::kind) + "#" + scope.key();
        if (auto found = m_informers.find(key); found != m_informers.end()) {
            if (auto existing = found->second.lock())
                return std::static_pointer_cast<Informer<Row>>(existing);
        }
        auto* created = new Informer<Row>(thread(), std::move(scope), m_defaults);
        // The last holder stops the watch now; the QObject goes on the next event-loop turn,
        // since that holder may be inside one of its signals.
        std::shared_ptr<Informer<Row>> shared(created, [](Informer<Row>* informer) {
            informer->stop();
            informer->deleteLater();
        });
        track(key, shared);
        created->start();
        return shared;
    }

    // Informers currently held by someone.
    std::size_t activeInformers() const;
    std::vector<std::shared_ptr<InformerBase>> informers() const;
    ConnectionSummary connectionSummary() const { return m_summary; }

Q_SIGNALS:
    void connectionSummaryChanged(const scaledeck::cache::ConnectionSummary& summary);

private:
    std::shared_ptr<InformerThread> thread();
    void track(const std::string& key, const std::shared_ptr<InformerBase>& informer);
    void forget(const std::string& key);
    void updateSummary();

    kube::ResolvedContext m_context;
    InformerOptions m_defaults;
    std::shared_ptr<InformerThread> m_thread;
    std::map<std::string, std::weak_ptr<InformerBase>> m_informers;
    ConnectionSummary m_summary;
};

}  // namespace scaledeck::cache
