#include "ui/dashboard/table_section.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/models/table_filter_proxy_model.h"

namespace scaledeck::ui {

namespace {

// Widths a column may take when fitted: wide enough for a pod name, never the whole table.
constexpr int kMaxFittedColumnWidth = 420;

}  // namespace

TableSection::TableSection(QAbstractItemModel* model, const Options& options, QWidget* parent)
    : QWidget(parent), m_stretchColumn(options.stretchColumn) {
    setObjectName(options.name + QStringLiteral("Section"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(8);
    m_heading = new QLabel(this);
    m_heading->setObjectName(options.name + QStringLiteral("Heading"));
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(options.name + QStringLiteral("Filter"));
    m_filter->setPlaceholderText(options.filterHint);
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(280);
    m_problemsOnly = new QCheckBox(options.problemsLabel, this);
    m_problemsOnly->setObjectName(options.name + QStringLiteral("ProblemsOnly"));
    bar->addWidget(m_heading);
    bar->addStretch(1);
    bar->addWidget(m_problemsOnly);
    bar->addWidget(m_filter);
    layout->addLayout(bar);

    m_proxy = new TableFilterProxyModel(this);
    m_proxy->setSourceModel(model);

    m_view = new QTableView(this);
    m_view->setObjectName(options.name + QStringLiteral("Table"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    if (m_stretchColumn < 0)
        m_view->horizontalHeader()->setStretchLastSection(true);
    if (options.sortable) {
        m_view->setSortingEnabled(true);
        m_view->sortByColumn(options.sortColumn, options.sortOrder);
    }
    layout->addWidget(m_view, 1);
    m_note = new QLabel(this);
    m_note->setObjectName(options.name + QStringLiteral("Note"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TableFilterProxyModel::setFilterText);
    connect(m_problemsOnly, &QCheckBox::toggled, m_proxy, &TableFilterProxyModel::setProblemsOnly);
    connect(m_proxy, &TableFilterProxyModel::filterChanged, this, &TableSection::filterChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TableSection::fitColumnsOnce);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TableSection::fitColumnsOnce);
}

void TableSection::setHeading(const QString& text) {
    m_heading->setText(text);
}

void TableSection::growColumnToContents(int column) {
    QHeaderView* header = m_view->horizontalHeader();
    // Public in QAbstractItemView; QTableView only narrows its access.
    const QAbstractItemView* view = m_view;
    const int wanted = std::min(view->sizeHintForColumn(column) + 16, kMaxFittedColumnWidth);
    if (wanted > header->sectionSize(column))
        header->resizeSection(column, wanted);
}

void TableSection::setNote(const QString& text) {
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void TableSection::fitColumnsOnce() {
    if (m_fitted || m_proxy->rowCount() == 0)
        return;
    m_fitted = true;
    QHeaderView* header = m_view->horizontalHeader();
    for (int column = 0; column < m_proxy->columnCount(); ++column) {
        m_view->resizeColumnToContents(column);
        header->resizeSection(column,
                              std::min(header->sectionSize(column) + 16, kMaxFittedColumnWidth));
    }
    if (m_stretchColumn >= 0)
        header->setSectionResizeMode(m_stretchColumn, QHeaderView::Stretch);
}

}  // namespace scaledeck::ui
