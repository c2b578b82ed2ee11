#pragma once

#include "etaestimator.h"
#include "runprogress.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace fp {

// The bar under the queue: the run's items by outcome, and beside it the time left (smoothed)
// or the time the run took. The time label has a fixed width, so the bar keeps its width as the
// text changes.
class OverallProgress : public QWidget
{
    Q_OBJECT

public:
    enum class RunState { Running, Paused, Finished };

    explicit OverallProgress(QWidget *parent = nullptr);

    // A new engine run starts: the time estimate starts over.
    void restart();
    void showNoRun();
    // `activeSeconds` leaves paused time out; `wallSeconds` is what a finished run took.
    void setProgress(const RunProgress &progress, bool serial, RunState state, double activeSeconds, double wallSeconds);

    [[nodiscard]] QString text() const;
    [[nodiscard]] QString timeText() const;
    [[nodiscard]] QProgressBar *bar() const { return m_bar; }

    // Items still queued when a run has ended (held, or left by Finish Running Items) are
    // "left queued", not "to go": nothing is going to run them.
    [[nodiscard]] static QString countsText(const RunProgress &progress, RunState state);

private:
    QProgressBar *m_bar;
    QLabel *m_time;
    EtaEstimator m_eta;
};

} // namespace fp
