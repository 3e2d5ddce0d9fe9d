// HpaCardList: one HpaCard per HorizontalPodAutoscaler of the namespace, ordered by name, kept in
// step with DeltaBatch<HpaRow> (cards are created, updated in place and removed; a `replace`
// batch removes the cards of HPAs it does not mention). It also reads event batches for the
// newest SuccessfulRescale of each HPA, whose message ("New size: 4; reason: All metrics below
// target") the card shows next to the last scale time. With no HPA it says so in words: the
// workloads then keep their replica count until someone changes it. GUI thread only.
#pragma once

#include <QWidget>
#include <map>
#include <string>

#include "cache/delta.h"
#include "kube/objects/event_row.h"
#include "kube/objects/hpa_row.h"
#include "ui/models/display_clock.h"

class QLabel;
class QVBoxLayout;

namespace scaledeck::ui {

class HpaCard;

class HpaCardList final : public QWidget {
    Q_OBJECT

public:
    explicit HpaCardList(QWidget* parent = nullptr);

    void applyBatch(const cache::DeltaBatch<kube::objects::HpaRow>& batch);
    void noteEvents(const cache::DeltaBatch<kube::objects::EventRow>& batch);
    void setClock(DisplayClock clock);
    void refreshTimes();

    int cardCount() const { return static_cast<int>(m_cards.size()); }
    // The card of "namespace/name", or nullptr.
    HpaCard* card(const std::string& key) const;
    QList<HpaCard*> cards() const;

Q_SIGNALS:
    void cardCountChanged(int count);

private:
    struct Rescale {
        QString message;
        base::UnixMillis when = 0;
    };

    void removeCard(const std::string& key);
    void upsertCard(const std::string& key, std::shared_ptr<const kube::objects::HpaRow> row);
    void updatePlaceholder();

    std::map<std::string, HpaCard*> m_cards;  // ordered: the layout follows this order
    std::map<std::string, Rescale> m_rescales;
    DisplayClock m_clock = systemDisplayClock();
    QVBoxLayout* m_layout = nullptr;
    QLabel* m_placeholder = nullptr;
};

}  // namespace scaledeck::ui
