#include "cache/informer_thread.h"

namespace scaledeck::cache {

InformerThread::InformerThread(const kube::ResolvedContext& context, const QString& name)
    : m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(name);
    // Built here and moved before its first call, which the ApiClient contract allows; every
    // later use is queued to the thread.
    m_client = new kube::ApiClient(context);
    m_client->moveToThread(m_thread.get());
    // Qt's pattern for objects of a worker thread: `finished` is emitted on the thread, and
    // QThread runs the deferred deletions queued there before it ends.
    QObject::connect(m_thread.get(), &QThread::finished, m_client, &QObject::deleteLater);
    m_thread->start();
}

InformerThread::~InformerThread() {
    m_thread->quit();
    m_thread->wait();
}

}  // namespace scaledeck::cache
