#include "kube/objects/decode_context.h"

#include <cstring>
#include <functional>

#include "base/quantity.h"

namespace scaledeck::kube::objects::detail {

InternedString DecodeContext::intern(std::string_view text) {
    if (text.empty())
        return InternedString();
    const std::size_t hash = std::hash<std::string_view>{}(text);
    InternSlot& slot = m_internCache[hash % kInternSlots];
    if (slot.hash == hash && slot.text.view() == text)
        return slot.text;
    slot.hash = hash;
    slot.text = m_pool->intern(text);
    return slot.text;
}

void DecodeContext::releaseHeldStrings() {
    podContainers.clear();
    metricStatuses.clear();
    for (InternSlot& slot : m_internCache) {
        if (!slot.text.empty()) {
            slot.text = InternedString();
            slot.hash = 0;
        }
    }
}

base::Result<DecodeContext::QuantityValues> DecodeContext::quantityValues(std::string_view text) {
    QuantitySlot* slot = nullptr;
    if (text.size() <= kQuantityTextMax) {
        slot = &m_quantityCache[std::hash<std::string_view>{}(text) % kQuantitySlots];
        if (slot->size == text.size() && std::memcmp(slot->text, text.data(), text.size()) == 0)
            return slot->values;
    }
    auto parsed = base::Quantity::parse(text);
    if (!parsed.ok())
        return parsed.error();
    const QuantityValues values{parsed->milliValue(), parsed->value()};
    if (slot != nullptr) {
        std::memcpy(slot->text, text.data(), text.size());
        slot->size = static_cast<std::uint8_t>(text.size());
        slot->values = values;
    }
    return values;
}

bool DecodeContext::fail(std::string_view what) {
    m_path.clear();
    m_what.assign(what);
    return false;
}

bool DecodeContext::atField(std::string_view field) {
    if (!m_path.empty() && m_path.front() != '[')
        m_path.insert(0, 1, '.');
    m_path.insert(0, field);
    return false;
}

bool DecodeContext::atIndex(std::size_t index) {
    if (!m_path.empty() && m_path.front() != '[')
        m_path.insert(0, 1, '.');
    m_path.insert(0, "[" + std::to_string(index) + "]");
    return false;
}

std::string DecodeContext::errorMessage() const {
    if (m_path.empty())
        return m_what;
    return m_path + ": " + m_what;
}

}  // namespace scaledeck::kube::objects::detail
