#include "ui/dashboard/hpa_card_list.h"

#include <QLabel>
#include <QVBoxLayout>
#include <unordered_set>

#include "ui/dashboard/hpa_card.h"
#include "ui/models/event_feed_model.h"

namespace scaledeck::ui {

using kube::objects::EventRow;
using kube::objects::HpaRow;

HpaCardList::HpaCardList(QWidget* parent) : QWidget(parent) {
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(8);
    m_placeholder = new QLabel(
        tr("No HorizontalPodAutoscaler in this namespace: replica counts change only when "
           "someone scales a workload."),
        this);
    m_placeholder->setObjectName(QStringLiteral("hpaPlaceholder"));
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setWordWrap(true);
    m_layout->addWidget(m_placeholder);
    m_layout->addStretch(1);
}

void HpaCardList::applyBatch(const cache::DeltaBatch<HpaRow>& batch) {
    const int before = cardCount();
    std::unordered_set<std::string> mentioned;
    for (const auto& delta : batch.deltas) {
        if (!delta.row)
            continue;
        std::string key = cache::objectKey(*delta.row);
        if (delta.type == cache::DeltaType::Deleted) {
            removeCard(key);
        } else {
            upsertCard(key, delta.row);
            mentioned.insert(std::move(key));
        }
    }
    if (batch.replace) {
        std::vector<std::string> gone;
        for (const auto& [key, card] : m_cards) {
            if (!mentioned.contains(key))
                gone.push_back(key);
        }
        for (const auto& key : gone)
            removeCard(key);
    }
    updatePlaceholder();
    if (cardCount() != before)
        Q_EMIT cardCountChanged(cardCount());
}

void HpaCardList::noteEvents(const cache::DeltaBatch<EventRow>& batch) {
    for (const auto& delta : batch.deltas) {
        if (!delta.row || delta.type == cache::DeltaType::Deleted)
            continue;
        const EventRow& event = *delta.row;
        if (!EventFeedModel::isRescale(event) ||
            event.regarding.kind.view() != "HorizontalPodAutoscaler")
            continue;
        const std::string key =
            event.regarding.namespaceName.empty()
                ? event.regarding.name.str()
                : event.regarding.namespaceName.str() + "/" + event.regarding.name.str();
        Rescale& known = m_rescales[key];
        if (event.lastSeen() < known.when)
            continue;
        known = {QString::fromStdString(event.message), event.lastSeen()};
        if (HpaCard* c = card(key))
            c->setLastRescale(known.message, known.when);
    }
}

void HpaCardList::setClock(DisplayClock clock) {
    m_clock = std::move(clock);
    for (const auto& [key, card] : m_cards)
        card->setClock(m_clock);
}

void HpaCardList::refreshTimes() {
    for (const auto& [key, card] : m_cards)
        card->refreshTimes();
}

HpaCard* HpaCardList::card(const std::string& key) const {
    const auto it = m_cards.find(key);
    return it == m_cards.end() ? nullptr : it->second;
}

QList<HpaCard*> HpaCardList::cards() const {
    QList<HpaCard*> out;
    for (const auto& [key, card] : m_cards)
        out.append(card);
    return out;
}

void HpaCardList::removeCard(const std::string& key) {
    const auto it = m_cards.find(key);
    if (it == m_cards.end())
        return;
    m_layout->removeWidget(it->second);
    delete it->second;
    m_cards.erase(it);
}

void HpaCardList::upsertCard(const std::string& key, std::shared_ptr<const HpaRow> row) {
    if (HpaCard* existing = card(key)) {
        existing->setHpa(std::move(row));
        return;
    }
    auto* created = new HpaCard(this);
    created->setClock(m_clock);
    if (const auto rescale = m_rescales.find(key); rescale != m_rescales.end())
        created->setLastRescale(rescale->second.message, rescale->second.when);
    created->setHpa(std::move(row));
    const auto [it, inserted] = m_cards.emplace(key, created);
    // The placeholder sits at 0 and the stretch at the end; cards go in name order between.
    const int position = 1 + static_cast<int>(std::distance(m_cards.begin(), it));
    m_layout->insertWidget(position, created);
}

void HpaCardList::updatePlaceholder() {
    m_placeholder->setVisible(m_cards.empty());
}

}  // namespace scaledeck::ui
