// PostTarget: lets any thread queue calls to a QObject on that object's own thread, safely
// racing with its destruction there. A QPointer cannot do this (it is only safe on the object's
// thread); here the target is forgotten under a mutex when it is destroyed (or detach() is
// called), and posting happens under the same mutex, so a call is either queued while the
// object is alive — and then dropped by Qt with the object's other pending events if it dies
// first — or not queued at all. Shared by the informer thread (which posts) and the receiver.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <functional>
#include <memory>
#include <mutex>

namespace scaledeck::cache {

class PostTarget final {
    struct Token {};

public:
    explicit PostTarget(Token) {}
    static std::shared_ptr<PostTarget> create(QObject* target);
    ~PostTarget();
    PostTarget(const PostTarget&) = delete;
    PostTarget& operator=(const PostTarget&) = delete;

    // Queues `call` to run on the target's thread; false if the target is gone or detached.
    bool post(std::function<void()> call);
    // No call is queued after this returns (calls already queued still run; callers that must
    // not run after detach check their own flag).
    void detach();
    bool isAttached() const;

private:
    mutable std::mutex m_mutex;
    QObject* m_target = nullptr;
    QMetaObject::Connection m_destroyed;
};

}  // namespace scaledeck::cache
