// TableRole: the item data roles the dashboard's table models share, in one place, so the filter
// proxy and the delegates can serve every model. Display text stays in Qt::DisplayRole; these
// roles carry what presentation needs beyond text: a numeric sort key (so "10" sorts after "9"
// and "3d4h" after "5m"), the object's key, whether a row needs attention, its severity (which
// picks a state colour *and* an icon, never a colour alone), the text a filter searches and the
// fraction a bar delegate draws.
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringView>
#include <Qt>
#include <string_view>

namespace scaledeck::ui {

enum TableRole {
    // qint64 for numbers (milli-CPU, bytes, counts, times); for text a NaturalSortKey (models
    // that keep one per row) or a QString.
    SortRole = Qt::UserRole + 1,
    // QString "namespace/name" (cache::objectKey): stable identity for ties and selection.
    ObjectKeyRole,
    // bool: the row needs attention (the "problems only" filter keeps these).
    ProblemRole,
    // int, a Severity: how the cell's text is emphasised.
    SeverityRole,
    // QString: what the text filter searches (several columns joined by '\n').
    FilterTextRole,
    // double (requested / allocatable), or invalid when there is nothing to compare against.
    BarFractionRole,
};

// Ordered by how loudly a cell asks for attention.
enum class Severity { None, Info, Warning, Error };

// A text SortRole made once per row state, so a sort or a live re-sort compares two keys with
// one plain string comparison instead of rebuilding and case folding both texts on every
// comparison. The order is exactly TableFilterProxyModel::naturalCompare's on the texts
// (natural, case-insensitive, then plain, so it is total). QVariant::toString() and text() give
// the text back. Cheap to copy (one shared string); a null key stands for the empty text.
class NaturalSortKey {
public:
    NaturalSortKey() = default;
    explicit NaturalSortKey(QStringView text);

    bool isNull() const { return m_key.isNull(); }
    QString text() const { return textView().toString(); }
    QStringView textView() const;

    // Negative, zero or positive like TableFilterProxyModel::naturalCompare(a.text(), b.text()).
    static int compare(const NaturalSortKey& a, const NaturalSortKey& b);

    friend bool operator==(const NaturalSortKey& a, const NaturalSortKey& b) {
        return a.m_key == b.m_key;
    }
    friend bool operator!=(const NaturalSortKey& a, const NaturalSortKey& b) { return !(a == b); }

private:
    // One of
    //   u'\x01' <ordering units, none of them 0> u'\x00' <text>  (a plain comparison of two
    //                                                             such strings is the order)
    //   u'\x00' <text>  (text a digit run of which starts with a non-ASCII digit, or holding
    //                    U+0000: compared with naturalCompare on the texts)
    QString m_key;
};

// Implemented by models that keep a NaturalSortKey per row for their text columns and their
// rows' object keys as UTF-8, so that TableFilterProxyModel compares those where they are
// instead of through data() and QVariant copies.
class SortKeySource {
public:
    virtual ~SortKeySource() = default;
    // The key `column` of `row` sorts by, or nullptr when that column does not sort by one (then
    // SortRole tells). Valid until the model changes.
    virtual const NaturalSortKey* naturalSortKeyAt(int row, int column) const = 0;
    // ObjectKeyRole of `row` in UTF-8. Valid until the model changes.
    virtual std::string_view objectKeyAt(int row) const = 0;
};

}  // namespace scaledeck::ui

Q_DECLARE_TYPEINFO(scaledeck::ui::NaturalSortKey, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(scaledeck::ui::NaturalSortKey)
