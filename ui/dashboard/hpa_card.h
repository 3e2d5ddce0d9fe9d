// HpaCard: one HorizontalPodAutoscaler at a glance, the top of the dashboard. Metrics on the
// left, conditions on the right:
//
//   HPA gl-006-heatreclaim-hpa → Deployment/gl-006-heatreclaim
//   replicas [band bar] 3 current · 4 desired · ▲ scaling up  ✓ AbleToScale   ✓ True · Succe…
//   cpu      72 % of request / target 70 %  ▲ above target     ✓ ScalingActive ✓ True · Valid…
//   memory   41 % of request / target 80 %  ▼ below target     ✓ ScalingLimited ✗ False · De…
//                                                             last scale 2 min ago: New size…
//
// Every metric of the spec is listed with its current value against its target in words
// (HpaMetricText), "<unknown>" when the controller reports none. Conditions show an icon, the
// status as a word and a mark (✓ True, ✗ False, ? Unknown), the reason, and the message elided
// with the full text in an escaped tooltip; a condition that blocks or limits scaling
// (AbleToScale or ScalingActive not True, ScalingLimited True) gets a warning icon and bold
// text. Everything from the cluster is plain text. GUI thread only.
#pragma once

#include <QFrame>
#include <QList>
#include <memory>
#include <optional>

#include "kube/objects/hpa_row.h"
#include "ui/models/display_clock.h"

class QGridLayout;
class QHBoxLayout;
class QLabel;

namespace scaledeck::ui {

class ElidedLabel;
class ReplicaBandBar;

class HpaCard final : public QFrame {
    Q_OBJECT

public:
    explicit HpaCard(QWidget* parent = nullptr);

    void setHpa(std::shared_ptr<const kube::objects::HpaRow> hpa);
    const kube::objects::HpaRow* hpa() const { return m_hpa.get(); }
    // The newest SuccessfulRescale event of this HPA: its message explains the last scale.
    void setLastRescale(const QString& message, base::UnixMillis when);
    void setClock(DisplayClock clock);
    // "2 min ago" grows old: re-reads the clock.
    void refreshTimes();

    QString title() const;
    // One line per spec metric: "<name>: <current> / target <target> <comparison>".
    QStringList metricLines() const;
    // One line per condition shown: "AbleToScale: ✓ True · SucceededRescale — <message>".
    QStringList conditionLines() const;
    QString lastScaleText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct MetricWidgets {
        QLabel* name = nullptr;
        QLabel* value = nullptr;
        QLabel* comparison = nullptr;
        QHBoxLayout* row = nullptr;  // holds value and comparison
    };
    struct ConditionWidgets {
        QLabel* icon = nullptr;
        QLabel* type = nullptr;
        QLabel* status = nullptr;
        ElidedLabel* message = nullptr;
    };

    void buildUi();
    void updateReplicas();
    void updateMetrics();
    void updateConditions();
    void updateLastScale();
    QLabel* plainLabel(const char* objectName);

    std::shared_ptr<const kube::objects::HpaRow> m_hpa;
    DisplayClock m_clock = systemDisplayClock();
    QString m_rescaleMessage;
    std::optional<base::UnixMillis> m_rescaleTime;

    QLabel* m_title = nullptr;
    ReplicaBandBar* m_band = nullptr;
    QLabel* m_replicaSummary = nullptr;
    QGridLayout* m_metricGrid = nullptr;
    QGridLayout* m_conditionGrid = nullptr;
    QLabel* m_lastScale = nullptr;
    ElidedLabel* m_lastScaleMessage = nullptr;
    QList<MetricWidgets> m_metrics;
    QList<ConditionWidgets> m_conditions;
};

}  // namespace scaledeck::ui
