#include "cache/informer_base.h"

#include <QMetaObject>

#include "cache/reflector.h"

namespace scaledeck::cache {

InformerBase::InformerBase(std::shared_ptr<InformerThread> thread, InformerScope scope,
                           std::string path, InformerOptions options, QObject* parent)
    : QObject(parent),
      m_thread(std::move(thread)),
      m_scope(std::move(scope)),
      m_path(std::move(path)),
      m_options(std::move(options)),
      m_stats(std::make_shared<ReflectorStats>()),
      m_self(PostTarget::create(this)) {
    qRegisterMetaType<scaledeck::cache::ConnectionState>();
}

InformerBase::~InformerBase() {
    m_self->detach();
    stop();
}

void InformerBase::start() {
    if (m_reflector != nullptr || !m_thread)
        return;
    std::shared_ptr<PostTarget> self = m_self;
    const std::uint64_t run = ++m_run;
    auto onState = [self, this, run](const ConnectionState& state) {
        // Runs on the informer thread; `this` is only used on its own thread, in a call Qt
        // drops if it is destroyed first.
        self->post([this, run, state] { applyState(run, state); });
    };
    auto onSynced = [self, this] { self->post([this] { applySynced(); }); };
    auto* reflector = new Reflector(createSink(), QString::fromStdString(m_path), m_scope.query(),
                                    m_options, m_stats, std::move(onState), std::move(onSynced));
    reflector->moveToThread(m_thread->thread());
    kube::ApiClient* client = m_thread->client();
    QMetaObject::invokeMethod(
        reflector, [reflector, client] { reflector->start(client); }, Qt::QueuedConnection);
    m_reflector = reflector;
}

void InformerBase::stop() {
    if (m_reflector == nullptr)
        return;
    // Deleted on its thread; its destructor cancels the list or watch and calls no handler.
    std::exchange(m_reflector, nullptr)->deleteLater();
}

void InformerBase::applyState(std::uint64_t run, const ConnectionState& state) {
    if (m_reflector == nullptr || run != m_run)
        return;  // posted by a reflector that was stopped since
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(m_state);
}

void InformerBase::applySynced() {
    if (m_announcedSync)
        return;
    m_announcedSync = true;
    Q_EMIT synced();
}

}  // namespace scaledeck::cache
