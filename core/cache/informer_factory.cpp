#include "cache/informer_factory.h"

namespace scaledeck::cache {

InformerFactory::InformerFactory(kube::ResolvedContext context, InformerOptions defaults,
                                 QObject* parent)
    : QObject(parent), m_context(std::move(context)), m_defaults(std::move(defaults)) {
    qRegisterMetaType<scaledeck::cache::ConnectionSummary>();
}

InformerFactory::~InformerFactory() = default;

std::shared_ptr<InformerThread> InformerFactory::thread() {
    if (!m_thread)
        m_thread = std::make_shared<InformerThread>(m_context);
    return m_thread;
}

void InformerFactory::track(const std::string& key, const std::shared_ptr<InformerBase>& informer) {
    m_informers[key] = informer;
    connect(informer.get(), &InformerBase::stateChanged, this, &InformerFactory::updateSummary);
    connect(informer.get(), &QObject::destroyed, this, [this, key] { forget(key); });
    updateSummary();
}

void InformerFactory::forget(const std::string& key) {
    // A new informer may already hold the key; only an expired entry is this one's.
    if (auto found = m_informers.find(key); found != m_informers.end() && found->second.expired()) {
        m_informers.erase(found);
    }
    updateSummary();
}

std::size_t InformerFactory::activeInformers() const {
    std::size_t count = 0;
    for (const auto& entry : m_informers) {
        if (!entry.second.expired())
            ++count;
    }
    return count;
}

std::vector<std::shared_ptr<InformerBase>> InformerFactory::informers() const {
    std::vector<std::shared_ptr<InformerBase>> live;
    for (const auto& entry : m_informers) {
        if (auto informer = entry.second.lock())
            live.push_back(std::move(informer));
    }
    return live;
}

void InformerFactory::updateSummary() {
    std::vector<ConnectionState> states;
    for (const auto& informer : informers())
        states.push_back(informer->state());
    ConnectionSummary summary = summarize(states);
    if (summary == m_summary)
        return;
    m_summary = std::move(summary);
    Q_EMIT connectionSummaryChanged(m_summary);
}

}  // namespace scaledeck::cache
