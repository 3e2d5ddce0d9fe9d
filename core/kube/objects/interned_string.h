// InternedString: an 8-byte handle to an immutable string owned by a StringPool. Rows store the
// strings that thousands of objects repeat (namespace, node name, label keys and values, owner
// names, container names, reasons) as handles, so 10,000 pods of one deployment share one copy
// of each. Copying a handle bumps an atomic reference count, so rows may be copied to and read
// from any thread; the pool frees a string only in StringPool::collect(), once no handle refers
// to it. The empty string is the null handle and costs nothing.
//
// A handle must not outlive its pool. Decoders use StringPool::shared(), which lives for the
// whole process, so only tests that build their own pool need to care.
#pragma once

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace scaledeck::kube::objects {

class StringPool;

class InternedString {
public:
    InternedString() noexcept = default;
    InternedString(const InternedString& other) noexcept : m_entry(other.m_entry) { retain(); }
    InternedString(InternedString&& other) noexcept
        : m_entry(std::exchange(other.m_entry, nullptr)) {}
    InternedString& operator=(const InternedString& other) noexcept {
        InternedString copy(other);
        std::swap(m_entry, copy.m_entry);
        return *this;
    }
    InternedString& operator=(InternedString&& other) noexcept {
        InternedString moved(std::move(other));
        std::swap(m_entry, moved.m_entry);
        return *this;
    }
    ~InternedString() { release(); }

    std::string_view view() const noexcept {
        return m_entry == nullptr ? std::string_view()
                                  : std::string_view(m_entry->chars(), m_entry->size);
    }
    operator std::string_view() const noexcept { return view(); }  // NOLINT: reads like a string
    std::string str() const { return std::string(view()); }
    bool empty() const noexcept { return m_entry == nullptr; }
    std::size_t size() const noexcept { return m_entry == nullptr ? 0 : m_entry->size; }

    friend bool operator==(const InternedString& a, const InternedString& b) noexcept {
        return a.m_entry == b.m_entry || a.view() == b.view();
    }
    friend bool operator==(const InternedString& a, std::string_view b) noexcept {
        return a.view() == b;
    }
    friend std::strong_ordering operator<=>(const InternedString& a,
                                            const InternedString& b) noexcept {
        return a.view().compare(b.view()) <=> 0;
    }

private:
    friend class StringPool;

    // Allocated by the pool as one block: this header followed by the characters.
    struct Entry {
        std::atomic<std::uint32_t> refs{0};
        std::uint32_t size = 0;
        std::size_t hash = 0;
        const char* chars() const noexcept { return reinterpret_cast<const char*>(this + 1); }
    };

    explicit InternedString(Entry* adopted) noexcept : m_entry(adopted) {}
    void retain() const noexcept {
        if (m_entry != nullptr)
            m_entry->refs.fetch_add(1, std::memory_order_relaxed);
    }
    void release() noexcept {
        // Release ordering pairs with the acquire load in StringPool::collect(), so the pool
        // frees an entry only after every former holder is done reading it.
        if (m_entry != nullptr)
            m_entry->refs.fetch_sub(1, std::memory_order_release);
    }

    Entry* m_entry = nullptr;
};

}  // namespace scaledeck::kube::objects
