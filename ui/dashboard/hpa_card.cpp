#include "ui/dashboard/hpa_card.h"

#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>
#include <array>

#include "cache/delta.h"
#include "ui/models/hpa_metric_text.h"
#include "ui/models/relative_time.h"
#include "ui/plain_text.h"
#include "ui/widgets/elided_label.h"
#include "ui/widgets/replica_band_bar.h"
#include "ui/widgets/state_colors.h"

namespace scaledeck::ui {

using kube::objects::Condition;
using kube::objects::ConditionStatus;
using kube::objects::HpaRow;

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// The three conditions the HPA controller maintains, in the order `kubectl describe` lists them.
constexpr std::array<std::string_view, 3> kStandardConditions = {"AbleToScale", "ScalingActive",
                                                                 "ScalingLimited"};

// A condition that stops or limits scaling deserves attention.
bool needsAttention(std::string_view type, ConditionStatus status) {
    if (type == "ScalingLimited")
        return status == ConditionStatus::True;
    return status != ConditionStatus::True;
}

QString statusWords(ConditionStatus status) {
    switch (status) {
        case ConditionStatus::True:
            return QStringLiteral("✓ True");
        case ConditionStatus::False:
            return QStringLiteral("✗ False");
        case ConditionStatus::Unknown:
            return QStringLiteral("? Unknown");
        case ConditionStatus::Absent:
            break;
    }
    return QStringLiteral("not reported");
}

void setTone(QLabel* label, std::optional<StateTone> tone, bool bold) {
    QPalette pal = label->parentWidget() != nullptr ? label->parentWidget()->palette()
                                                    : QApplication::palette();
    if (tone)
        pal.setColor(QPalette::WindowText, StateColors::text(*tone, pal));
    label->setPalette(pal);
    QFont font = label->font();
    font.setBold(bold);
    label->setFont(font);
}

}  // namespace

HpaCard::HpaCard(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("hpaCard"));
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Raised);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    buildUi();
}

QLabel* HpaCard::plainLabel(const char* objectName) {
    auto* label = new QLabel(this);
    label->setTextFormat(Qt::PlainText);
    label->setObjectName(QString::fromLatin1(objectName));
    return label;
}

void HpaCard::buildUi() {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 8, 12, 10);
    outer->setSpacing(6);

    m_title = plainLabel("hpaTitle");
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_title);

    auto* columns = new QHBoxLayout;
    columns->setSpacing(24);
    outer->addLayout(columns);

    m_metricGrid = new QGridLayout;
    m_metricGrid->setHorizontalSpacing(12);
    m_metricGrid->setVerticalSpacing(4);
    auto* replicasLabel = plainLabel("replicasLabel");
    replicasLabel->setText(tr("replicas"));
    m_band = new ReplicaBandBar(this);
    m_band->setObjectName(QStringLiteral("replicaBand"));
    m_replicaSummary = plainLabel("replicaSummary");
    m_metricGrid->addWidget(replicasLabel, 0, 0, Qt::AlignLeft | Qt::AlignVCenter);
    m_metricGrid->addWidget(m_band, 0, 1);
    m_metricGrid->addWidget(m_replicaSummary, 0, 2, Qt::AlignLeft | Qt::AlignVCenter);
    m_metricGrid->setColumnStretch(1, 1);
    m_metricGrid->setColumnMinimumWidth(1, 220);
    columns->addLayout(m_metricGrid, 5);

    auto* right = new QVBoxLayout;
    right->setSpacing(4);
    m_conditionGrid = new QGridLayout;
    m_conditionGrid->setHorizontalSpacing(8);
    m_conditionGrid->setVerticalSpacing(4);
    m_conditionGrid->setColumnStretch(3, 1);
    right->addLayout(m_conditionGrid);
    auto* lastRow = new QHBoxLayout;
    m_lastScale = plainLabel("lastScale");
    m_lastScaleMessage = new ElidedLabel(this);
    m_lastScaleMessage->setObjectName(QStringLiteral("lastScaleMessage"));
    lastRow->addWidget(m_lastScale);
    lastRow->addWidget(m_lastScaleMessage, 1);
    right->addLayout(lastRow);
    right->addStretch(1);
    columns->addLayout(right, 4);
}

void HpaCard::setClock(DisplayClock clock) {
    m_clock = std::move(clock);
    refreshTimes();
}

void HpaCard::setHpa(std::shared_ptr<const HpaRow> hpa) {
    m_hpa = std::move(hpa);
    if (!m_hpa)
        return;
    m_title->setText(QStringLiteral("HPA %1 → %2/%3")
                         .arg(QString::fromStdString(m_hpa->meta.name),
                              qs(m_hpa->scaleTargetRef.kind.view()),
                              qs(m_hpa->scaleTargetRef.name.view())));
    m_title->setToolTip(plainTooltip(QStringLiteral("HorizontalPodAutoscaler %1\nscales %2 %3/%4")
                                         .arg(QString::fromStdString(cache::objectKey(*m_hpa)),
                                              qs(m_hpa->scaleTargetRef.apiVersion.view()),
                                              qs(m_hpa->scaleTargetRef.kind.view()),
                                              qs(m_hpa->scaleTargetRef.name.view()))));
    updateReplicas();
    updateMetrics();
    updateConditions();
    updateLastScale();
}

void HpaCard::setLastRescale(const QString& message, base::UnixMillis when) {
    m_rescaleMessage = message;
    m_rescaleTime = when;
    updateLastScale();
}

void HpaCard::refreshTimes() {
    updateLastScale();
}

void HpaCard::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    // State colours have light and dark variants: pick them again for the new palette.
    if (event->type() == QEvent::PaletteChange && m_hpa)
        setHpa(m_hpa);
}

QString HpaCard::title() const {
    return m_title->text();
}

void HpaCard::updateReplicas() {
    const HpaRow& hpa = *m_hpa;
    // An unset minReplicas defaults to 1 in the API.
    const int minReplicas = hpa.minReplicas.value_or(1);
    m_band->setReplicas(hpa.currentReplicas, hpa.desiredReplicas, minReplicas, hpa.maxReplicas);
    QString summary =
        QStringLiteral("%1 current · %2 desired").arg(hpa.currentReplicas).arg(hpa.desiredReplicas);
    std::optional<StateTone> tone;
    if (hpa.desiredReplicas > hpa.currentReplicas) {
        summary += QStringLiteral(" · ▲ scaling up");
    } else if (hpa.desiredReplicas < hpa.currentReplicas) {
        summary += QStringLiteral(" · ▼ scaling down");
    }
    if (hpa.currentReplicas >= hpa.maxReplicas) {
        summary += QStringLiteral(" · at max");
        tone = StateTone::Warning;
    } else if (hpa.currentReplicas <= minReplicas) {
        summary += QStringLiteral(" · at min");
    }
    m_replicaSummary->setText(summary);
    m_replicaSummary->setToolTip(plainTooltip(m_band->text()));
    setTone(m_replicaSummary, tone, tone.has_value());
}

void HpaCard::updateMetrics() {
    const auto& metrics = m_hpa->metrics;
    const qsizetype wanted = static_cast<qsizetype>(metrics.size());
    while (m_metrics.size() > wanted) {
        const MetricWidgets w = m_metrics.takeLast();
        delete w.name;
        delete w.value;
        delete w.comparison;
        delete w.row;
    }
    while (m_metrics.size() < wanted) {
        MetricWidgets w{plainLabel("metricName"), plainLabel("metricValue"),
                        plainLabel("metricComparison"), nullptr};
        const int row = static_cast<int>(m_metrics.size()) + 1;
        // The comparison follows its value closely, whatever the width of the replica bar.
        auto* valueRow = new QHBoxLayout;
        valueRow->setSpacing(16);
        valueRow->addWidget(w.value);
        valueRow->addWidget(w.comparison);
        valueRow->addStretch(1);
        w.row = valueRow;
        m_metricGrid->addWidget(w.name, row, 0, Qt::AlignLeft | Qt::AlignVCenter);
        m_metricGrid->addLayout(valueRow, row, 1, 1, 2);
        m_metrics.append(w);
    }
    for (qsizetype i = 0; i < wanted; ++i) {
        const HpaMetricText text = describeHpaMetric(metrics[static_cast<std::size_t>(i)]);
        const MetricWidgets& w = m_metrics[i];
        w.name->setText(text.name);
        w.value->setText(text.value);
        w.comparison->setText(text.comparison);
        const QString tip = plainTooltip(text.details);
        w.name->setToolTip(tip);
        w.value->setToolTip(tip);
        w.comparison->setToolTip(tip);
        const bool above = text.direction && *text.direction > 0;
        setTone(w.comparison, above ? std::optional(StateTone::Warning) : std::nullopt, above);
        // An unknown current value is a problem of its own: the HPA is flying blind on it.
        const bool unknown = !text.direction.has_value();
        setTone(w.value, unknown ? std::optional(StateTone::Warning) : std::nullopt, unknown);
    }
}

void HpaCard::updateConditions() {
    std::vector<Condition> shown;
    for (const std::string_view type : kStandardConditions) {
        if (const Condition* c = kube::objects::findCondition(m_hpa->conditions, type))
            shown.push_back(*c);
    }
    for (const Condition& c : m_hpa->conditions) {
        if (std::find(kStandardConditions.begin(), kStandardConditions.end(), c.type.view()) ==
            kStandardConditions.end())
            shown.push_back(c);
    }

    const qsizetype wanted = static_cast<qsizetype>(shown.size());
    while (m_conditions.size() > wanted) {
        const ConditionWidgets w = m_conditions.takeLast();
        delete w.icon;
        delete w.type;
        delete w.status;
        delete w.message;
    }
    while (m_conditions.size() < wanted) {
        ConditionWidgets w{plainLabel("conditionIcon"), plainLabel("conditionType"),
                           plainLabel("conditionStatus"), new ElidedLabel(this)};
        w.message->setObjectName(QStringLiteral("conditionMessage"));
        const int row = static_cast<int>(m_conditions.size());
        m_conditionGrid->addWidget(w.icon, row, 0);
        m_conditionGrid->addWidget(w.type, row, 1);
        m_conditionGrid->addWidget(w.status, row, 2);
        m_conditionGrid->addWidget(w.message, row, 3);
        m_conditions.append(w);
    }

    QStyle* style = this->style();
    const int iconSize = style->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    for (qsizetype i = 0; i < wanted; ++i) {
        const Condition& c = shown[static_cast<std::size_t>(i)];
        const ConditionWidgets& w = m_conditions[i];
        const bool attention = needsAttention(c.type.view(), c.status);
        w.icon->setPixmap(style
                              ->standardIcon(attention ? QStyle::SP_MessageBoxWarning
                                                       : QStyle::SP_DialogApplyButton,
                                             nullptr, this)
                              .pixmap(iconSize, iconSize));
        w.icon->setAccessibleName(attention ? tr("needs attention") : tr("fine"));
        w.type->setText(qs(c.type.view()));
        QString status = statusWords(c.status);
        if (!c.reason.empty())
            status += QStringLiteral(" · ") + qs(c.reason.view());
        w.status->setText(status);
        setTone(w.status, attention ? std::optional(StateTone::Warning) : std::nullopt, attention);
        setTone(w.type, std::nullopt, attention);
        w.message->setText(qs(c.message.view()));
        QString tip = qs(c.type.view()) + QStringLiteral(" = ") +
                      QString::fromLatin1(kube::objects::toString(c.status));
        if (c.lastTransitionTime)
            tip += QStringLiteral(" since ") +
                   QString::fromStdString(base::formatRfc3339(*c.lastTransitionTime));
        tip += QLatin1Char('\n') + qs(c.reason.view()) + QLatin1Char('\n') + qs(c.message.view());
        w.status->setToolTip(plainTooltip(tip));
        w.type->setToolTip(plainTooltip(tip));
    }
}

void HpaCard::updateLastScale() {
    if (!m_hpa)
        return;
    const base::UnixMillis now = m_clock();
    if (m_hpa->lastScaleTime) {
        m_lastScale->setText(tr("last scale %1").arg(relativeTime(*m_hpa->lastScaleTime, now)) +
                             (m_rescaleMessage.isEmpty() ? QString() : QStringLiteral(":")));
        m_lastScale->setToolTip(
            plainTooltip(QString::fromStdString(base::formatRfc3339(*m_hpa->lastScaleTime))));
    } else {
        m_lastScale->setText(tr("no scale recorded"));
        m_lastScale->setToolTip({});
    }
    m_lastScaleMessage->setText(m_rescaleMessage);
}

QStringList HpaCard::metricLines() const {
    QStringList lines;
    for (const MetricWidgets& w : m_metrics) {
        QString line = w.name->text() + QStringLiteral(": ") + w.value->text();
        if (!w.comparison->text().isEmpty())
            line += QLatin1Char(' ') + w.comparison->text();
        lines << line;
    }
    return lines;
}

QStringList HpaCard::conditionLines() const {
    QStringList lines;
    for (const ConditionWidgets& w : m_conditions) {
        QString line = w.type->text() + QStringLiteral(": ") + w.status->text();
        if (!w.message->text().isEmpty())
            line += QStringLiteral(" — ") + w.message->text();
        lines << line;
    }
    return lines;
}

QString HpaCard::lastScaleText() const {
    QString text = m_lastScale->text();
    if (!m_lastScaleMessage->text().isEmpty())
        text += QLatin1Char(' ') + m_lastScaleMessage->text();
    return text;
}

}  // namespace scaledeck::ui
