#include "cache/post_target.h"

namespace scaledeck::cache {

std::shared_ptr<PostTarget> PostTarget::create(QObject* target) {
    auto created = std::make_shared<PostTarget>(Token{});
    if (target == nullptr)
        return created;
    created->m_target = target;
    std::weak_ptr<PostTarget> weak = created;
    // Direct: runs on the target's thread at the start of ~QObject, before Qt drops its pending
    // events, so nothing can be queued to a half-destroyed object after this.
    created->m_destroyed = QObject::connect(target, &QObject::destroyed, [weak] {
        if (auto self = weak.lock())
            self->detach();
    });
    return created;
}

PostTarget::~PostTarget() {
    QObject::disconnect(m_destroyed);
}

bool PostTarget::post(std::function<void()> call) {
    std::lock_guard lock(m_mutex);
    if (m_target == nullptr)
        return false;
    return QMetaObject::invokeMethod(m_target, std::move(call), Qt::QueuedConnection);
}

void PostTarget::detach() {
    std::lock_guard lock(m_mutex);
    m_target = nullptr;
}

bool PostTarget::isAttached() const {
    std::lock_guard lock(m_mutex);
    return m_target != nullptr;
}

}  // namespace scaledeck::cache
