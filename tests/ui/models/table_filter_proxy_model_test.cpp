// TableFilterProxyModel's text order and NaturalSortKey: the key a model keeps per row must order
// exactly like naturalCompare on the texts, and naturalCompare (rewritten to build no temporaries)
// exactly like the rule it always had, spelled out below as the reference. Then the proxy over
// PodTableModel, whose text columns sort by kept keys: the same order as the reference, through
// live changes, deletions and arrivals.
#include "ui/models/table_filter_proxy_model.h"

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <algorithm>
#include <random>
#include <vector>

#include "ui/models/pod_table_model.h"
#include "ui/models/row_fixtures.h"
#include "ui/models/table_roles.h"

using scaledeck::kube::objects::PodRow;
using scaledeck::ui::NaturalSortKey;
using scaledeck::ui::PodTableModel;
using scaledeck::ui::TableFilterProxyModel;
using namespace scaledeck::uitest;
using PodPtr = std::shared_ptr<const PodRow>;

namespace {

// The rule as it was first written (QChar by QChar, case folded, digit runs by value, then a
// plain comparison): the reference for the faster code.
int referenceCompare(const QString& a, const QString& b) {
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            qsizetype zi = i;
            qsizetype zj = j;
            while (zi + 1 < ei && a[zi] == QLatin1Char('0'))
                ++zi;
            while (zj + 1 < ej && b[zj] == QLatin1Char('0'))
                ++zj;
            if (ei - zi != ej - zj)
                return ei - zi < ej - zj ? -1 : 1;
            if (const int order =
                    QStringView(a).mid(zi, ei - zi).compare(QStringView(b).mid(zj, ej - zj));
                order != 0)
                return order;
            i = ei;
            j = ej;
            continue;
        }
        const QChar ca = a[i].toCaseFolded();
        const QChar cb = b[j].toCaseFolded();
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    return a.compare(b);
}

int sign(int v) {
    return (v > 0) - (v < 0);
}

// Short strings over an alphabet that exercises every branch: ASCII letters in both cases,
// digits with leading zeros, punctuation on both sides of '0'..'9', letters that fold outside
// ASCII, non-ASCII digits (Arabic-Indic three, fullwidth zero and seven), a surrogate pair,
// U+0000, and the units the key uses for its own structure (1, 0xFFFF).
//
// With digits other than ASCII ones the rule is not a strict weak order ("\u0663" sorts after
// "\u00e9" like its character, "\u00e9" after "10", and "10" after "\u0663" by value), so a
// sorted table can only be compared with the rule without them.
std::vector<QString> randomTexts(int count, std::uint32_t seed, bool otherDigits = true) {
    std::vector<QString> alphabet = {
        QStringLiteral("a"),      QStringLiteral("A"),      QStringLiteral("b"),
        QStringLiteral("Z"),      QStringLiteral("0"),      QStringLiteral("1"),
        QStringLiteral("9"),      QStringLiteral("10"),     QStringLiteral("007"),
        QStringLiteral("-"),      QStringLiteral("."),      QStringLiteral(":"),
        QStringLiteral("~"),      QStringLiteral("\u00e9"), QStringLiteral("\u00c9"),
        QStringLiteral("\u00df"), QStringLiteral("\u0130"), QStringLiteral("\u0663"),
        QStringLiteral("\uff10"), QStringLiteral("\uff17"), QStringLiteral("\U0001F600"),
        QString(QChar(0)),        QString(QChar(1)),        QString(QChar(0xFFFF)),
        QStringLiteral("redis-"), QStringLiteral("pod-"),
    };
    if (!otherDigits) {
        std::erase_if(alphabet, [](const QString& part) {
            return std::any_of(part.begin(), part.end(),
                               [](QChar c) { return c.isDigit() && c.unicode() >= 0x80; });
        });
    }
    std::mt19937 random(seed);
    std::vector<QString> texts;
    texts.reserve(static_cast<std::size_t>(count));
    for (int n = 0; n < count; ++n) {
        QString text;
        const int parts = static_cast<int>(random() % 6);
        for (int p = 0; p < parts; ++p)
            text += alphabet[random() % alphabet.size()];
        texts.push_back(text);
    }
    return texts;
}

TEST(NaturalCompareTest, OrdersDigitRunsByValueAndLettersWithoutCase) {
    const auto less = [](const char* a, const char* b) {
        return TableFilterProxyModel::naturalCompare(QString::fromUtf8(a), QString::fromUtf8(b)) <
               0;
    };
    EXPECT_TRUE(less("redis-2", "redis-10"));
    EXPECT_TRUE(less("pod-9", "pod-10"));
    EXPECT_TRUE(less("Apple", "banana"));
    EXPECT_TRUE(less("a", "a1"));
    EXPECT_TRUE(less("pod-007", "pod-7")) << "equal but for leading zeros: plain order";
    EXPECT_TRUE(less("Web", "web")) << "equal but for case: plain order";
    EXPECT_TRUE(less("a-1", "a1")) << "'-' sorts before the digits";
    EXPECT_TRUE(less("a1", "a~")) << "'~' sorts after the digits";
    EXPECT_EQ(TableFilterProxyModel::naturalCompare(u"same", u"same"), 0);
}

TEST(NaturalCompareTest, MatchesTheReferenceRule) {
    const std::vector<QString> texts = randomTexts(600, 7);
    for (const QString& a : texts) {
        for (const QString& b : texts) {
            ASSERT_EQ(sign(TableFilterProxyModel::naturalCompare(a, b)),
                      sign(referenceCompare(a, b)))
                << a.toStdString() << " vs " << b.toStdString();
        }
    }
}

TEST(NaturalSortKeyTest, OrdersExactlyLikeTheReferenceRule) {
    const std::vector<QString> texts = randomTexts(600, 11);
    std::vector<NaturalSortKey> keys;
    for (const QString& text : texts)
        keys.emplace_back(text);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        for (std::size_t j = 0; j < texts.size(); ++j) {
            ASSERT_EQ(sign(NaturalSortKey::compare(keys[i], keys[j])),
                      sign(referenceCompare(texts[i], texts[j])))
                << texts[i].toStdString() << " vs " << texts[j].toStdString();
        }
    }
}

TEST(NaturalSortKeyTest, OrdersKubernetesNamesLikeTheReferenceRule) {
    // What the tables hold: pod names with hashes and ordinals, node names, statuses.
    std::vector<QString> texts = {
        QStringLiteral("gl-006-heatreclaim-m5mct52d7q-cdcrt"),
        QStringLiteral("gl-006-heatreclaim-m5mct52d7q-cdcrT"),
        QStringLiteral("redis-0"),
        QStringLiteral("redis-10"),
        QStringLiteral("redis-2"),
        QStringLiteral("redis-02"),
        QStringLiteral("gl-prod-worker-1"),
        QStringLiteral("gl-prod-worker-1 · NotReady"),
        QStringLiteral("Running"),
        QStringLiteral("CrashLoopBackOff"),
        QStringLiteral("Init:0/2"),
        QStringLiteral("Init:1/2"),
        QStringLiteral("Init:10/12"),
        QString(),
        QStringLiteral("scale-app-123-00000000000000000000000000000000000000000042"),
        QStringLiteral("scale-app-123-42"),
    };
    for (const QString& a : texts) {
        for (const QString& b : texts) {
            EXPECT_EQ(sign(NaturalSortKey::compare(NaturalSortKey(a), NaturalSortKey(b))),
                      sign(referenceCompare(a, b)))
                << a.toStdString() << " vs " << b.toStdString();
        }
    }
}

TEST(NaturalSortKeyTest, GivesItsTextBack) {
    for (const QString& text :
         {QStringLiteral("redis-10"), QStringLiteral("Init:0/2"), QString(),
          QStringLiteral("pod-\u0663"), QStringLiteral("nul") + QChar(0) + QStringLiteral("x")}) {
        const NaturalSortKey key(text);
        EXPECT_FALSE(key.isNull());
        EXPECT_EQ(key.text(), text);
        const QVariant variant = QVariant::fromValue(key);
        EXPECT_EQ(variant.toString(), text) << "a SortRole still reads as its text";
        EXPECT_TRUE(variant.canConvert<QString>());
        EXPECT_EQ(variant.value<NaturalSortKey>(), key);
    }
    EXPECT_TRUE(NaturalSortKey().isNull());
    EXPECT_EQ(NaturalSortKey().text(), QString());
    EXPECT_EQ(NaturalSortKey::compare(NaturalSortKey(), NaturalSortKey(QString())), 0);
    EXPECT_LT(NaturalSortKey::compare(NaturalSortKey(), NaturalSortKey(QStringLiteral("a"))), 0);
}

class TableFilterProxyModelTest : public ::testing::Test {
protected:
    TableFilterProxyModelTest()
        : m_tester(&m_proxy, QAbstractItemModelTester::FailureReportingMode::Fatal) {
        m_model.setClock([] { return kNow; });
        m_proxy.setSourceModel(&m_model);
    }

    // The rows of the proxy as "column text|key", top to bottom.
    std::vector<std::string> shown(int column) const {
        std::vector<std::string> out;
        for (int r = 0; r < m_proxy.rowCount(); ++r) {
            const QModelIndex index = m_proxy.index(r, column);
            out.push_back(index.data(scaledeck::ui::SortRole).toString().toStdString() + "|" +
                          index.data(scaledeck::ui::ObjectKeyRole).toString().toStdString());
        }
        return out;
    }

    // What the proxy must show: every row of the model ordered by the reference rule on the
    // column's text, then by key (the proxy's tie-break).
    std::vector<std::string> expected(int column, Qt::SortOrder order) const {
        struct Entry {
            QString text;
            QString key;
        };
        std::vector<Entry> rows;
        for (int r = 0; r < m_model.rowCount(); ++r) {
            const QModelIndex index = m_model.index(r, column);
            rows.push_back({index.data(scaledeck::ui::SortRole).toString(),
                            index.data(scaledeck::ui::ObjectKeyRole).toString()});
        }
        std::sort(rows.begin(), rows.end(), [](const Entry& a, const Entry& b) {
            if (const int c = referenceCompare(a.text, b.text); c != 0)
                return c < 0;
            return a.key < b.key;
        });
        if (order == Qt::DescendingOrder)
            std::reverse(rows.begin(), rows.end());
        std::vector<std::string> out;
        for (const Entry& e : rows)
            out.push_back(e.text.toStdString() + "|" + e.key.toStdString());
        return out;
    }

    static constexpr scaledeck::base::UnixMillis kNow = 1'800'000'000'000;
    PodTableModel m_model;
    TableFilterProxyModel m_proxy;
    QAbstractItemModelTester m_tester;
};

TEST_F(TableFilterProxyModelTest, TextColumnsSortByKeptKeysInTheReferenceOrder) {
    const std::vector<QString> names = randomTexts(400, 23, false);
    const std::vector<std::string> statuses = {"Running",  "running",    "Pending",
                                               "Init:0/2", "Init:10/12", "CrashLoopBackOff"};
    std::vector<PodPtr> pods;
    for (std::size_t i = 0; i < names.size(); ++i) {
        // Unique, valid UTF-8 names: a text of the alphabet plus an ordinal.
        PodRow pod = runningPod(names[i].toStdString() + "#" + std::to_string(i),
                                "node-" + std::to_string(i % 13), kNow);
        pod.status = intern(statuses[i % statuses.size()]);
        pods.push_back(share(std::move(pod)));
    }
    m_model.applyBatch(replaceWith(pods));
    for (const int column :
         {PodTableModel::NameColumn, PodTableModel::StatusColumn, PodTableModel::NodeColumn}) {
        ASSERT_TRUE(
            m_model.index(0, column).data(scaledeck::ui::SortRole).canConvert<NaturalSortKey>());
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            m_proxy.sort(column, order);
            EXPECT_EQ(shown(column), expected(column, order)) << "column " << column;
        }
    }
}

TEST_F(TableFilterProxyModelTest, KeptKeysFollowChangesDeletionsAndArrivals) {
    std::vector<PodPtr> pods;
    for (int i = 0; i < 300; ++i) {
        PodRow pod = runningPod("pod-" + std::to_string(i), "node-" + std::to_string(i % 7), kNow);
        pods.push_back(share(std::move(pod)));
    }
    m_model.applyBatch(replaceWith(pods));
    QSignalSpy reset(&m_proxy, &QAbstractItemModel::modelAboutToBeReset);

    for (const int column : {PodTableModel::StatusColumn, PodTableModel::NodeColumn}) {
        m_proxy.sort(column, Qt::AscendingOrder);
        ASSERT_EQ(shown(column), expected(column, Qt::AscendingOrder));

        // Scattered pods change status and node: few (row by row) and many (one span).
        for (const int step : {37, 3}) {
            std::vector<PodPtr> changed;
            for (std::size_t i = 0; i < pods.size(); i += static_cast<std::size_t>(step)) {
                PodRow pod = *pods[i];
                pod.status = intern(pod.status.view() == "Running" ? "Evicted" : "Running");
                pod.nodeName = intern("node-" + std::to_string((i * 31 + step) % 11));
                pods[i] = share(std::move(pod));
                changed.push_back(pods[i]);
            }
            m_model.applyBatch(modified(changed));
            EXPECT_EQ(shown(column), expected(column, Qt::AscendingOrder))
                << "column " << column << ", every " << step << "th pod changed";
        }
    }

    // Scattered deletions (one layout change), a block of them, then new pods: the kept keys
    // stay with their rows.
    m_proxy.sort(PodTableModel::NodeColumn, Qt::DescendingOrder);
    std::vector<PodPtr> gone;
    for (std::size_t i = 0; i < pods.size(); i += 4)
        gone.push_back(pods[i]);
    m_model.applyBatch(deleted(gone));
    EXPECT_EQ(shown(PodTableModel::NodeColumn),
              expected(PodTableModel::NodeColumn, Qt::DescendingOrder));
    m_model.applyBatch(deleted<PodRow>({pods[1], pods[2], pods[3]}));
    std::vector<PodPtr> arrivals;
    for (int i = 0; i < 20; ++i)
        arrivals.push_back(share(runningPod("new-" + std::to_string(i), "node-A", kNow)));
    m_model.applyBatch(added(arrivals));
    EXPECT_EQ(shown(PodTableModel::NodeColumn),
              expected(PodTableModel::NodeColumn, Qt::DescendingOrder));
    m_proxy.sort(PodTableModel::NameColumn, Qt::AscendingOrder);
    EXPECT_EQ(shown(PodTableModel::NameColumn),
              expected(PodTableModel::NameColumn, Qt::AscendingOrder));
    EXPECT_EQ(reset.count(), 0);
}

TEST_F(TableFilterProxyModelTest, ScatteredChangesThatMoveRowsKeepTheOrder) {
    // Sorted by a column that changes: batches of a few scattered pods (one signal per run of
    // rows) and of many (one span), each pod moving past others changed in the same batch.
    std::vector<PodPtr> pods;
    for (int i = 0; i < 200; ++i)
        pods.push_back(share(runningPod("pod-" + std::to_string(i), "node-1", kNow)));
    m_model.applyBatch(replaceWith(pods));
    m_proxy.sort(PodTableModel::RestartsColumn, Qt::DescendingOrder);
    const auto order = [this] {
        std::vector<std::pair<qint64, std::string>> rows;
        for (int r = 0; r < m_proxy.rowCount(); ++r) {
            const QModelIndex index = m_proxy.index(r, PodTableModel::RestartsColumn);
            rows.emplace_back(index.data(scaledeck::ui::SortRole).toLongLong(),
                              index.data(scaledeck::ui::ObjectKeyRole).toString().toStdString());
        }
        return rows;
    };
    std::mt19937 random(5);
    for (int round = 0; round < 30; ++round) {
        const std::size_t count = round % 10 == 9 ? 100 : 1 + random() % 20;
        std::vector<PodPtr> changed;
        for (std::size_t n = 0; n < count; ++n) {
            const std::size_t i = random() % pods.size();
            PodRow pod = *pods[i];
            pod.restarts = static_cast<int>(random() % 6);
            pods[i] = share(std::move(pod));
            changed.push_back(pods[i]);
        }
        m_model.applyBatch(modified(changed));
        auto expected = order();
        std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second > b.second;
        });
        ASSERT_EQ(order(), expected) << "round " << round << ", " << count << " pods changed";
    }
}

}  // namespace
