#include "ui/models/table_filter_proxy_model.h"

#include <algorithm>
#include <string_view>

#include "ui/models/table_roles.h"

namespace scaledeck::ui {

namespace {

bool isNumber(const QVariant& v) {
    switch (v.typeId()) {
        case QMetaType::LongLong:
        case QMetaType::Int:
        case QMetaType::Double:
        case QMetaType::ULongLong:
        case QMetaType::UInt:
            return true;
        default:
            return false;
    }
}

// QChar::isDigit() and QChar::toCaseFolded() without a call into the Unicode tables for ASCII,
// which is nearly all a cluster's text.
bool isDigit(char16_t c) {
    return c < 0x80 ? c >= u'0' && c <= u'9' : QChar::isDigit(c);
}

bool isAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

char16_t folded(char16_t c) {
    if (c < 0x80)
        return c >= u'A' && c <= u'Z' ? static_cast<char16_t>(c + (u'a' - u'A')) : c;
    return QChar(c).toCaseFolded().unicode();
}

constexpr char16_t kExact = 1;
constexpr char16_t kInexact = 0;
constexpr char16_t kTextSeparator = 0;
// Every digit run becomes kDigitRun, its significant length in two units (each 1..0xFFFF, so
// longer runs order after shorter ones) and its significant digits. kDigitRun is '0': a run
// compares with a non-digit like its first (ASCII) digit does, since no non-digit folds into
// '0'..'9'.
constexpr char16_t kDigitRun = u'0';
constexpr qsizetype kLengthBase = 0xFFFF;

const int kNaturalSortKeyType = [] {
    QMetaType::registerConverter<NaturalSortKey, QString>(&NaturalSortKey::text);
    return qMetaTypeId<NaturalSortKey>();
}();

}  // namespace

NaturalSortKey::NaturalSortKey(QStringView text) {
    const qsizetype n = text.size();
    QString key;
    key.reserve(n * 2 + 2);
    key.append(QChar(kExact));
    bool exact = true;
    for (qsizetype i = 0; i < n && exact;) {
        const char16_t c = text[i].unicode();
        if (isDigit(c)) {
            qsizetype end = i;
            while (end < n && isDigit(text[end].unicode()))
                ++end;
            // Leading zeros do not count, as in naturalCompare (ASCII '0' only, keeping one).
            qsizetype first = i;
            while (first + 1 < end && text[first] == u'0')
                ++first;
            const qsizetype length = end - first;
            if (c >= 0x80 || length >= kLengthBase * (kLengthBase - 1)) {
                exact = false;
                break;
            }
            key.append(QChar(kDigitRun));
            key.append(QChar(static_cast<char16_t>(length / kLengthBase + 1)));
            key.append(QChar(static_cast<char16_t>(length % kLengthBase + 1)));
            key.append(text.mid(first, length));
            i = end;
            continue;
        }
        const char16_t f = folded(c);
        if (f == 0) {
            exact = false;
            break;
        }
        key.append(QChar(f));
        ++i;
    }
    if (exact) {
        key.append(QChar(kTextSeparator));
    } else {
        key.clear();
        key.reserve(n + 1);
        key.append(QChar(kInexact));
    }
    key.append(text);
    m_key = std::move(key);
}

QStringView NaturalSortKey::textView() const {
    if (m_key.isEmpty())
        return {};
    if (m_key.front().unicode() != kExact)
        return QStringView(m_key).sliced(1);
    // Ordering units are never 0: the first 0 ends them.
    return QStringView(m_key).sliced(m_key.indexOf(QChar(kTextSeparator), 1) + 1);
}

int NaturalSortKey::compare(const NaturalSortKey& a, const NaturalSortKey& b) {
    const bool exactA = !a.m_key.isEmpty() && a.m_key.front().unicode() == kExact;
    const bool exactB = !b.m_key.isEmpty() && b.m_key.front().unicode() == kExact;
    if (exactA && exactB)
        return QStringView(a.m_key).compare(QStringView(b.m_key));
    return TableFilterProxyModel::naturalCompare(a.textView(), b.textView());
}

TableFilterProxyModel::TableFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(SortRole);
    setDynamicSortFilter(true);
}

void TableFilterProxyModel::setSourceModel(QAbstractItemModel* model) {
    // Before the base class sorts the new model.
    m_keyModel = model;
    m_keySource = dynamic_cast<const SortKeySource*>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void TableFilterProxyModel::setFilterText(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

void TableFilterProxyModel::setProblemsOnly(bool problemsOnly) {
    if (problemsOnly == m_problemsOnly)
        return;
    m_problemsOnly = problemsOnly;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

int TableFilterProxyModel::naturalCompare(QStringView a, QStringView b) {
    // QCollator's numeric mode depends on the platform's collation (none in the C locale), so
    // the rule is spelled out: Kubernetes names are ASCII, ordinals are digit runs.
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        const char16_t ca = a[i].unicode();
        const char16_t cb = b[j].unicode();
        if (isDigit(ca) && isDigit(cb)) {
            qsizetype ei = i;
            qsizetype ej = j;
            while (ei < a.size() && isDigit(a[ei].unicode()))
                ++ei;
            while (ej < b.size() && isDigit(b[ej].unicode()))
                ++ej;
            // Compare digit runs by value: strip leading zeros, then length, then digits.
            qsizetype zi = i;
            qsizetype zj = j;
            while (zi + 1 < ei && a[zi] == u'0')
                ++zi;
            while (zj + 1 < ej && b[zj] == u'0')
                ++zj;
            if (ei - zi != ej - zj)
                return ei - zi < ej - zj ? -1 : 1;
            if (const int order = a.mid(zi, ei - zi).compare(b.mid(zj, ej - zj)); order != 0)
                return order;
            i = ei;
            j = ej;
            continue;
        }
        const char16_t fa = folded(ca);
        const char16_t fb = folded(cb);
        if (fa != fb)
            return fa < fb ? -1 : 1;
        ++i;
        ++j;
    }
    if (i < a.size() || j < b.size())
        return i < a.size() ? 1 : -1;
    // Equal but for case or leading zeros: fall back to a plain order so the sort stays total.
    return a.compare(b);
}

bool TableFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_problemsOnly && !index.data(ProblemRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool TableFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    if (m_keySource != nullptr && left.model() == m_keyModel && right.model() == m_keyModel) {
        // Keys the model keeps: compared where they are, no text built or copied.
        const NaturalSortKey* a = m_keySource->naturalSortKeyAt(left.row(), left.column());
        const NaturalSortKey* b =
            a != nullptr ? m_keySource->naturalSortKeyAt(right.row(), right.column()) : nullptr;
        if (a != nullptr && b != nullptr) {
            if (const int order = NaturalSortKey::compare(*a, *b); order != 0)
                return order < 0;
            return tieOrder(left, right) < 0;
        }
    }
    const QVariant a = left.data(SortRole);
    const QVariant b = right.data(SortRole);
    if (a.typeId() == kNaturalSortKeyType && b.typeId() == kNaturalSortKeyType) {
        if (const int order =
                NaturalSortKey::compare(*static_cast<const NaturalSortKey*>(a.constData()),
                                        *static_cast<const NaturalSortKey*>(b.constData()));
            order != 0)
            return order < 0;
    } else if (isNumber(a) && isNumber(b)) {
        if (a.typeId() == QMetaType::Double || b.typeId() == QMetaType::Double) {
            if (a.toDouble() != b.toDouble())
                return a.toDouble() < b.toDouble();
        } else if (a.toLongLong() != b.toLongLong()) {
            return a.toLongLong() < b.toLongLong();
        }
    } else if (const int order = naturalCompare(a.toString(), b.toString()); order != 0) {
        return order < 0;
    }
    return tieOrder(left, right) < 0;
}

int TableFilterProxyModel::tieOrder(const QModelIndex& left, const QModelIndex& right) const {
    // Equal keys: a fixed order, so live updates never shuffle equal rows.
    if (m_keySource != nullptr && left.model() == m_keyModel && right.model() == m_keyModel) {
        // Object keys are ASCII (Kubernetes names): then their bytes order like the QStrings.
        const std::string_view ka = m_keySource->objectKeyAt(left.row());
        const std::string_view kb = m_keySource->objectKeyAt(right.row());
        if (isAscii(ka) && isAscii(kb)) {
            if (const int order = ka.compare(kb); order != 0)
                return order;
            return left.row() < right.row() ? -1 : (left.row() > right.row() ? 1 : 0);
        }
    }
    const QString ka = left.data(ObjectKeyRole).toString();
    const QString kb = right.data(ObjectKeyRole).toString();
    if (ka != kb)
        return ka < kb ? -1 : 1;
    return left.row() < right.row() ? -1 : (left.row() > right.row() ? 1 : 0);
}

}  // namespace scaledeck::ui
