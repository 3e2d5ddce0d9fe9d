// InformerThread: the worker thread on which informers list, watch and decode, with the one
// ApiClient they share there (an ApiClient belongs to one thread). The GUI thread never does
// network I/O or decoding for an informer; it only receives batches and states. One per
// cluster session (InformerFactory makes it); informers hold it by shared_ptr, so it outlives
// them all.
//
// Destruction quits the thread and waits for it: whatever is queued there (the informers'
// reflectors being deleted, the client) is destroyed on it first. That wait is bounded by one
// page decode (milliseconds); it happens when a cluster session closes, not while a view is
// live.
#pragma once

#include <QString>
#include <QThread>
#include <memory>

#include "kube/api_client.h"
#include "kube/resolved_context.h"

namespace scaledeck::cache {

class InformerThread final {
public:
    explicit InformerThread(const kube::ResolvedContext& context,
                            const QString& name = QStringLiteral("scaledeck-informers"));
    ~InformerThread();
    InformerThread(const InformerThread&) = delete;
    InformerThread& operator=(const InformerThread&) = delete;

    QThread* thread() const { return m_thread.get(); }
    // Call it only on thread().
    kube::ApiClient* client() const { return m_client; }

private:
    std::unique_ptr<QThread> m_thread;
    kube::ApiClient* m_client = nullptr;  // lives on m_thread; deleted there
};

}  // namespace scaledeck::cache
