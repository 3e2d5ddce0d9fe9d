#include "ui/models/hpa_metric_text.h"

#include <QStringList>

namespace scaledeck::ui {

using kube::objects::HpaMetric;
using kube::objects::MetricAmount;
using kube::objects::MetricSourceType;
using kube::objects::MetricTargetType;

namespace {

QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Custom metric quantities: as the API wrote them, but "1500m" reads "1.5".
QString plainQuantity(const base::Quantity& q) {
    const std::int64_t milli = q.milliValue();
    if (milli % 1000 != 0 && milli > -1'000'000'000'000 && milli < 1'000'000'000'000) {
        QString text = QString::number(static_cast<double>(milli) / 1000.0, 'f', 3);
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        return text;
    }
    return QString::fromStdString(q.toString());
}

QString quantityText(const HpaMetric& metric, const base::Quantity& q) {
    const bool resource = metric.type == MetricSourceType::Resource ||
                          metric.type == MetricSourceType::ContainerResource;
    if (resource && metric.resourceName.view() == "cpu")
        return QString::fromStdString(base::humanCpu(q.milliValue()));
    if (resource && metric.resourceName.view() == "memory")
        return QString::fromStdString(base::humanBytes(q.value()));
    return plainQuantity(q);
}

QString amountText(const HpaMetric& metric, const MetricAmount& amount, bool ofRequest) {
    if (amount.percent)
        return QString::number(*amount.percent) +
               (ofRequest ? QStringLiteral(" % of request") : QStringLiteral(" %"));
    if (amount.quantity)
        return quantityText(metric, *amount.quantity);
    return QStringLiteral("<unknown>");
}

QString baseName(const HpaMetric& metric) {
    switch (metric.type) {
        case MetricSourceType::Resource:
            return qs(metric.resourceName.view());
        case MetricSourceType::ContainerResource:
            return QStringLiteral("%1 of container %2")
                .arg(qs(metric.resourceName.view()), qs(metric.containerName.view()));
        case MetricSourceType::Pods:
            return qs(metric.metricName.view());
        case MetricSourceType::Object:
            return QStringLiteral("%1 of %2/%3")
                .arg(qs(metric.metricName.view()), qs(metric.describedObject.kind.view()),
                     qs(metric.describedObject.name.view()));
        case MetricSourceType::External:
            return QStringLiteral("external ") + qs(metric.metricName.view());
        case MetricSourceType::Unknown:
            break;
    }
    return QStringLiteral("unknown metric");
}

std::optional<int> compare(const MetricAmount& current, const MetricAmount& target) {
    if (current.percent && target.percent)
        return *current.percent < *target.percent ? -1 : (*current.percent > *target.percent);
    if (current.quantity && target.quantity) {
        const auto order = *current.quantity <=> *target.quantity;
        return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
    return std::nullopt;
}

QString apiValues(const std::optional<std::int32_t>& utilization,
                  const std::optional<base::Quantity>& averageValue,
                  const std::optional<base::Quantity>& value) {
    QStringList parts;
    if (utilization)
        parts << QStringLiteral("averageUtilization %1 %").arg(*utilization);
    if (averageValue)
        parts << QStringLiteral("averageValue ") + QString::fromStdString(averageValue->toString());
    if (value)
        parts << QStringLiteral("value ") + QString::fromStdString(value->toString());
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

}  // namespace

HpaMetricText describeHpaMetric(const HpaMetric& metric) {
    HpaMetricText text;
    const MetricTargetType targetType = metric.target.type;
    text.name = baseName(metric);
    if (targetType == MetricTargetType::AverageValue)
        text.name += QStringLiteral(" per pod");

    const bool utilization = targetType == MetricTargetType::Utilization;
    const MetricAmount target = metric.targetAmount();
    const std::optional<MetricAmount> current = metric.currentAmount();
    text.target = amountText(metric, target, false);
    text.current =
        current ? amountText(metric, *current, utilization) : QStringLiteral("<unknown>");
    text.value = text.current + QStringLiteral(" / target ") + text.target;
    if (current)
        text.direction = compare(*current, target);
    if (text.direction) {
        switch (*text.direction) {
            case 1:
                text.comparison = QStringLiteral("▲ above target");
                break;
            case -1:
                text.comparison = QStringLiteral("▼ below target");
                break;
            default:
                text.comparison = QStringLiteral("= at target");
                break;
        }
    }

    QStringList details;
    details << QStringLiteral("%1 metric, target type %2")
                   .arg(QString::fromLatin1(kube::objects::toString(metric.type)),
                        QString::fromLatin1(kube::objects::toString(targetType)));
    if (metric.type == MetricSourceType::Object && !metric.describedObject.apiVersion.empty())
        details << QStringLiteral("described object: %1 %2/%3")
                       .arg(qs(metric.describedObject.apiVersion.view()),
                            qs(metric.describedObject.kind.view()),
                            qs(metric.describedObject.name.view()));
    if (metric.metricSelector)
        details << QStringLiteral("selector: ") +
                       QString::fromStdString(metric.metricSelector->toString());
    details << QStringLiteral("target: ") + apiValues(metric.target.averageUtilization,
                                                      metric.target.averageValue,
                                                      metric.target.value);
    details << QStringLiteral("current: ") +
                   (metric.current ? apiValues(metric.current->averageUtilization,
                                               metric.current->averageValue, metric.current->value)
                                   : QStringLiteral("not reported by the HPA controller"));
    text.details = details.join(QLatin1Char('\n'));
    return text;
}

}  // namespace scaledeck::ui
