// HpaCard and HpaCardList: the card's title, replicas against the band, every metric's current
// value against its target in words (with "<unknown>"), conditions with icon, words and escaped
// messages, the last scale, and a list that follows HPA batches card by card.
#include "ui/dashboard/hpa_card.h"

#include <gtest/gtest.h>

#include <QImage>
#include <QLabel>
#include <QSignalSpy>

#include "ui/dashboard/hpa_card_list.h"
#include "ui/models/hpa_json.h"
#include "ui/models/row_fixtures.h"
#include "ui/widgets/elided_label.h"
#include "ui/widgets/replica_band_bar.h"

using scaledeck::kube::objects::EventRow;
using scaledeck::kube::objects::HpaRow;
using scaledeck::ui::ElidedLabel;
using scaledeck::ui::HpaCard;
using scaledeck::ui::HpaCardList;
using scaledeck::ui::ReplicaBandBar;
using namespace scaledeck::uitest;

namespace {

const scaledeck::base::UnixMillis kNow = at("2026-11-29T09:08:51Z");

std::shared_ptr<const HpaRow> everyMetricHpa(const std::string& name = "gl-006-heatreclaim-hpa") {
    return decodeRow<HpaRow>(
        hpaJson(name, kEveryMetricSpec, kEveryMetricCurrent, healthyConditions(), 3, 10, 7, 9));
}

QImage render(QWidget& widget) {
    QImage image(widget.size(), QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    widget.render(&image);
    return image;
}

TEST(HpaCard, ShowsTitleReplicasAndEveryMetricInWords) {
    HpaCard card;
    card.setClock([] { return kNow; });
    card.setHpa(everyMetricHpa());
    EXPECT_EQ(card.title(),
              QStringLiteral("HPA gl-006-heatreclaim-hpa → Deployment/gl-006-heatreclaim"));
    EXPECT_EQ(card.findChild<QLabel*>(QStringLiteral("hpaTitle"))->textFormat(), Qt::PlainText);

    const auto* band = card.findChild<ReplicaBandBar*>(QStringLiteral("replicaBand"));
    ASSERT_NE(band, nullptr);
    EXPECT_EQ(band->text(), QStringLiteral("7 current · 9 desired · min 3 · max 10"));
    EXPECT_EQ(card.findChild<QLabel*>(QStringLiteral("replicaSummary"))->text(),
              QStringLiteral("7 current · 9 desired · ▲ scaling up"));

    EXPECT_EQ(card.metricLines(),
              (QStringList{
                  QStringLiteral("cpu: 72 % of request / target 70 % ▲ above target"),
                  QStringLiteral("memory per pod: 1.5 GiB / target 2 GiB ▼ below target"),
                  QStringLiteral("cpu of container app: 85 % of request / target 60 % ▲ above "
                                 "target"),
                  QStringLiteral("packets-per-second per pod: 1.5 / target 1 ▲ above target"),
                  QStringLiteral("requests-per-second of Ingress/main-route: 12500 / target 10k "
                                 "▲ above target"),
                  QStringLiteral("external queue_messages_ready per pod: 42 / target 30 ▲ above "
                                 "target"),
                  QStringLiteral("external lag: <unknown> / target 100"),
              }));
    for (const QLabel* label : card.findChildren<QLabel*>())
        EXPECT_EQ(label->textFormat(), Qt::PlainText) << label->objectName().toStdString();
    EXPECT_EQ(card.lastScaleText(), QStringLiteral("last scale 2 min ago"));
}

TEST(HpaCard, UnknownCurrentValuesSayUnknown) {
    HpaCard card;
    card.setHpa(decodeRow<HpaRow>(hpaJson(
        "web",
        R"({"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}})",
        "",
        condition("ScalingActive", "False", "FailedGetResourceMetric",
                  "the HPA was unable to compute the replica count: failed to get cpu "
                  "utilization: unable to get metrics for resource cpu"))));
    EXPECT_EQ(card.metricLines(), QStringList{QStringLiteral("cpu: <unknown> / target 70 %")});
    EXPECT_EQ(card.conditionLines(),
              QStringList{QStringLiteral(
                  "ScalingActive: ✗ False · FailedGetResourceMetric — the HPA was unable to "
                  "compute the replica count: failed to get cpu utilization: unable to get "
                  "metrics for resource cpu")});
    // A blocking condition is bold, not only coloured.
    const auto statuses = card.findChildren<QLabel*>(QStringLiteral("conditionStatus"));
    ASSERT_EQ(statuses.size(), 1);
    EXPECT_TRUE(statuses.front()->font().bold());
    const auto icons = card.findChildren<QLabel*>(QStringLiteral("conditionIcon"));
    ASSERT_EQ(icons.size(), 1);
    EXPECT_FALSE(icons.front()->pixmap().isNull());
    EXPECT_EQ(icons.front()->accessibleName(), QStringLiteral("needs attention"));
}

TEST(HpaCard, ConditionsInKubectlOrderWithIconsWordsAndMessages) {
    HpaCard card;
    // Reported out of order, with ScalingLimited True: the HPA is pinned at max.
    card.setHpa(decodeRow<HpaRow>(
        hpaJson("web", kEveryMetricSpec, kEveryMetricCurrent,
                condition("ScalingLimited", "True", "TooManyReplicas",
                          "the desired replica count is more than the maximum replica count") +
                    "," + condition("AbleToScale", "True", "SucceededRescale", "ok") + "," +
                    condition("ScalingActive", "True", "ValidMetricFound", "fine"),
                3, 10, 10, 10)));
    EXPECT_EQ(card.conditionLines(),
              (QStringList{
                  QStringLiteral("AbleToScale: ✓ True · SucceededRescale — ok"),
                  QStringLiteral("ScalingActive: ✓ True · ValidMetricFound — fine"),
                  QStringLiteral("ScalingLimited: ✓ True · TooManyReplicas — the desired replica "
                                 "count is more than the maximum replica count"),
              }));
    const auto icons = card.findChildren<QLabel*>(QStringLiteral("conditionIcon"));
    ASSERT_EQ(icons.size(), 3);
    EXPECT_EQ(icons[0]->accessibleName(), QStringLiteral("fine"));
    EXPECT_EQ(icons[2]->accessibleName(), QStringLiteral("needs attention"));
    EXPECT_EQ(card.findChild<QLabel*>(QStringLiteral("replicaSummary"))->text(),
              QStringLiteral("10 current · 10 desired · at max"));

    // Fewer conditions later: the extra rows go.
    card.setHpa(decodeRow<HpaRow>(hpaJson("web", kEveryMetricSpec, kEveryMetricCurrent,
                                          condition("AbleToScale", "True", "R", "m"))));
    EXPECT_EQ(card.conditionLines().size(), 1);
    EXPECT_EQ(card.findChildren<QLabel*>(QStringLiteral("conditionIcon")).size(), 1);
}

TEST(HpaCard, MarkupInNamesAndMessagesIsShownLiterally) {
    HpaCard card;
    card.setClock([] { return kNow; });
    card.setHpa(decodeRow<HpaRow>(
        hpaJson("<b>x</b>", kEveryMetricSpec, kEveryMetricCurrent,
                condition("AbleToScale", "False", "<i>Bad</i>", "<img src=x> & <b>bold</b>"))));
    card.setLastRescale(QStringLiteral("New size: <b>9</b>"), kNow - 120'000);
    card.resize(1200, 260);

    EXPECT_EQ(card.title(), QStringLiteral("HPA <b>x</b> → Deployment/gl-006-heatreclaim"));
    const auto* message = card.findChild<ElidedLabel*>(QStringLiteral("conditionMessage"));
    ASSERT_NE(message, nullptr);
    EXPECT_EQ(message->text(), QStringLiteral("<img src=x> & <b>bold</b>"));
    EXPECT_TRUE(message->toolTip().contains(
        QStringLiteral("&lt;img src=x&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")))
        << message->toolTip().toStdString();
    EXPECT_FALSE(message->toolTip().contains(QStringLiteral("<img")));
    const auto* status = card.findChild<QLabel*>(QStringLiteral("conditionStatus"));
    EXPECT_EQ(status->text(), QStringLiteral("✗ False · <i>Bad</i>"));
    EXPECT_EQ(status->textFormat(), Qt::PlainText);
    EXPECT_FALSE(status->toolTip().contains(QStringLiteral("<i>Bad")));
    EXPECT_EQ(card.lastScaleText(), QStringLiteral("last scale 2 min ago: New size: <b>9</b>"));
    for (const QLabel* label : card.findChildren<QLabel*>())
        EXPECT_EQ(label->textFormat(), Qt::PlainText) << label->objectName().toStdString();
    EXPECT_FALSE(render(card).isNull());
}

TEST(HpaCard, ElidedMessagesKeepTheWholeTextInTheTooltip) {
    ElidedLabel label;
    const QString text = QStringLiteral("the HPA was unable to compute the replica count: ") +
                         QString(200, QLatin1Char('x'));
    label.setText(text);
    label.resize(150, 20);
    EXPECT_TRUE(label.displayedText().endsWith(QStringLiteral("…")));
    EXPECT_LT(label.displayedText().size(), text.size());
    EXPECT_EQ(label.text(), text);
    EXPECT_TRUE(label.toolTip().contains(text));
}

EventRow rescaleEvent(const std::string& hpa, const std::string& message,
                      scaledeck::base::UnixMillis when) {
    EventRow event;
    event.meta.namespaceName = intern("greenlang");
    event.meta.name = hpa + "." + std::to_string(when);
    event.type = intern("Normal");
    event.reason = intern("SuccessfulRescale");
    event.message = message;
    event.regarding.kind = intern("HorizontalPodAutoscaler");
    event.regarding.namespaceName = intern("greenlang");
    event.regarding.name = intern(hpa);
    event.lastTimestamp = when;
    return event;
}

TEST(HpaCardList, FollowsHpaBatchesCardByCard) {
    HpaCardList list;
    list.setClock([] { return kNow; });
    QSignalSpy counts(&list, &HpaCardList::cardCountChanged);
    const auto* placeholder = list.findChild<QLabel*>(QStringLiteral("hpaPlaceholder"));
    ASSERT_NE(placeholder, nullptr);
    EXPECT_FALSE(placeholder->isHidden());

    const auto web = everyMetricHpa("web");
    const auto api = everyMetricHpa("api");
    list.applyBatch(replaceWith<HpaRow>({web, api}));
    ASSERT_EQ(list.cardCount(), 2);
    EXPECT_TRUE(placeholder->isHidden());
    // Ordered by name.
    EXPECT_EQ(list.cards().front()->title(),
              QStringLiteral("HPA api → Deployment/gl-006-heatreclaim"));

    // The newest rescale event of "web" explains its last scale, whenever it arrives.
    list.noteEvents(added<EventRow>(
        {share(rescaleEvent("web",
                            "New size: 9; reason: cpu resource utilization (percentage "
                            "of request) above target",
                            kNow - 120'000)),
         share(rescaleEvent("web", "New size: 7", kNow - 600'000))}));
    HpaCard* webCard = list.card("greenlang/web");
    ASSERT_NE(webCard, nullptr);
    EXPECT_EQ(webCard->lastScaleText(),
              QStringLiteral("last scale 2 min ago: New size: 9; reason: cpu resource "
                             "utilization (percentage of request) above target"));

    // An update changes the card in place; a deletion removes it; a relist removes the rest.
    auto scaled = std::make_shared<HpaRow>(*web);
    scaled->currentReplicas = 9;
    list.applyBatch(modified<HpaRow>({scaled}));
    EXPECT_EQ(list.card("greenlang/web"), webCard);
    EXPECT_EQ(webCard->findChild<ReplicaBandBar*>()->current(), 9);
    list.applyBatch(deleted<HpaRow>({api}));
    EXPECT_EQ(list.cardCount(), 1);
    list.applyBatch(replaceWith<HpaRow>({}));
    EXPECT_EQ(list.cardCount(), 0);
    EXPECT_FALSE(placeholder->isHidden());
    EXPECT_EQ(counts.count(), 3);
}

}  // namespace
