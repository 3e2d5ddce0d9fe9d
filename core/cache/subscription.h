// Subscription: the handle a subscriber keeps for as long as it wants an informer's batches.
// Destroying it (or cancel()) stops the deliveries: called on the receiving thread, no handler
// call starts after it returns. Harmless after the informer is gone. Move-only; keep it as a
// member of the object whose handler it calls, so both end together.
#pragma once

#include <functional>
#include <utility>

namespace scaledeck::cache {

class Subscription {
public:
    Subscription() = default;
    explicit Subscription(std::function<void()> cancel) : m_cancel(std::move(cancel)) {}
    ~Subscription() { cancel(); }
    Subscription(Subscription&& other) noexcept : m_cancel(std::exchange(other.m_cancel, {})) {}
    Subscription& operator=(Subscription&& other) noexcept {
        if (this != &other) {
            cancel();
            m_cancel = std::exchange(other.m_cancel, {});
        }
        return *this;
    }
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;

    void cancel() {
        if (auto cancel = std::exchange(m_cancel, {}))
            cancel();
    }
    bool isActive() const { return static_cast<bool>(m_cancel); }

private:
    std::function<void()> m_cancel;
};

}  // namespace scaledeck::cache
