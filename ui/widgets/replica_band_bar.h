// ReplicaBandBar: an HPA's replicas against its bounds, painted on a scale from 0 to max: the
// allowed band min..max is shaded, the current replicas fill the bar, the desired count is a
// triangle marker (it points where the controller is heading), and "min N" / "max N" are written
// under their ticks. The same facts are in text() ("7 current · 9 desired · min 3 · max 10"), which
// is also the accessible name and tooltip, so the picture is never the only way to read them.
// At max the fill takes the warning tone (the HPA cannot add capacity), outside min..max (after
// someone changed the bounds) the error tone.
#pragma once

#include <QWidget>

namespace scaledeck::ui {

class ReplicaBandBar final : public QWidget {
    Q_OBJECT

public:
    explicit ReplicaBandBar(QWidget* parent = nullptr);

    void setReplicas(int current, int desired, int minReplicas, int maxReplicas);
    int current() const { return m_current; }
    int desired() const { return m_desired; }
    int minimum() const { return m_min; }
    int maximum() const { return m_max; }
    QString text() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int m_current = 0;
    int m_desired = 0;
    int m_min = 1;
    int m_max = 1;
};

}  // namespace scaledeck::ui
