// InformerBase: the part of every Informer<Row> that does not depend on the row type — the QObject
// that announces the connection state and the first sync, and owns the Reflector running on the
// informer thread. It lives on the thread that created it (normally the GUI thread), which must
// run an event loop: states travel there as queued calls, never as a direct call from the worker.
// start() and stop() are cheap and never wait; stop() (or destruction) ends the watch — the
// reflector is deleted on its own thread shortly after.
#pragma once

#include <QObject>
#include <cstdint>
#include <memory>
#include <string_view>

#include "cache/connection_state.h"
#include "cache/informer_options.h"
#include "cache/informer_scope.h"
#include "cache/informer_thread.h"
#include "cache/post_target.h"
#include "cache/reflector_sink.h"
#include "cache/reflector_stats.h"

namespace scaledeck::cache {

class Reflector;

class InformerBase : public QObject {
    Q_OBJECT

public:
    ~InformerBase() override;

    // "Pod", "Deployment", …
    virtual std::string_view kind() const = 0;
    const InformerScope& scope() const { return m_scope; }
    // The collection this informer follows ("/api/v1/namespaces/greenlang/pods").
    const std::string& path() const { return m_path; }

    // Starts listing and watching; harmless when running.
    void start();
    // Ends the watch; the store keeps its contents (and hasSynced()) and start() resumes with a
    // fresh list, announced to subscribers as the difference.
    void stop();
    bool isRunning() const { return m_reflector != nullptr; }

    // The last state announced by stateChanged (this object's thread).
    const ConnectionState& state() const { return m_state; }
    // True once the first list is in the store. Any thread.
    virtual bool hasSynced() const = 0;
    // Counters of the reflector, readable from any thread.
    const ReflectorStats& stats() const { return *m_stats; }

Q_SIGNALS:
    void stateChanged(const scaledeck::cache::ConnectionState& state);
    // Once, when the first list is in the store (screens and actions wait for it).
    void synced();

protected:
    InformerBase(std::shared_ptr<InformerThread> thread, InformerScope scope, std::string path,
                 InformerOptions options, QObject* parent);
    // The typed decoder and store writer for a new reflector.
    virtual std::unique_ptr<ReflectorSink> createSink() = 0;

private:
    void applyState(std::uint64_t run, const ConnectionState& state);
    void applySynced();

    std::shared_ptr<InformerThread> m_thread;
    InformerScope m_scope;
    std::string m_path;
    InformerOptions m_options;
    std::shared_ptr<ReflectorStats> m_stats;
    std::shared_ptr<PostTarget> m_self;  // the reflector posts its states through it
    Reflector* m_reflector = nullptr;    // lives on the informer thread
    std::uint64_t m_run = 0;             // bumped by start(): tells states of an earlier run apart
    ConnectionState m_state;
    bool m_announcedSync = false;
};

}  // namespace scaledeck::cache
