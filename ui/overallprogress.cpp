#include "overallprogress.h"

#include "formatting.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace fp {

namespace {
constexpr int kBarSteps = 1000;
} // namespace

OverallProgress::OverallProgress(QWidget *parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_time(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar->setRange(0, kBarSteps);
    m_bar->setAccessibleName(tr("Overall progress"));
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_time->setAccessibleName(tr("Time remaining"));
    // Wide enough for the longest text it shows, so the bar beside it never changes width.
    const QString widest = tr("ETA %1 (elapsed %1)").arg(formatDuration(99 * 3600 + 59 * 60 + 59));
    m_time->setFixedWidth(m_time->fontMetrics().horizontalAdvance(widest) + m_time->fontMetrics().averageCharWidth());
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_time);
}

void OverallProgress::restart()
{
    m_eta.reset();
}

void OverallProgress::showNoRun()
{
    m_bar->setValue(0);
    m_bar->setFormat(tr("No run yet"));
    m_time->clear();
}

QString OverallProgress::countsText(const RunProgress &progress, RunState state)
{
    QStringList parts{tr("%L1 of %L2 done").arg(progress.done).arg(progress.total())};
    if (progress.failed > 0)
        parts << tr("%L1 failed").arg(progress.failed);
    if (progress.cancelled > 0)
        parts << tr("%L1 cancelled").arg(progress.cancelled);
    if (progress.remaining > 0)
        parts << (state == RunState::Finished ? tr("%L1 left queued") : tr("%L1 to go")).arg(progress.remaining);
    return parts.join(tr(", ", "between the counts of a run"));
}

void OverallProgress::setProgress(const RunProgress &progress, bool serial, RunState state, double activeSeconds,
                                  double wallSeconds)
{
    if (progress.total() == 0) {
        showNoRun();
        return;
    }
    m_bar->setValue(int(progress.fraction() * kBarSteps));
    m_bar->setFormat((serial ? tr("Serial run: %1 (%p%)") : tr("Parallel run: %1 (%p%)")).arg(countsText(progress, state)));
    switch (state) {
    case RunState::Finished:
        m_time->setText(tr("took %1").arg(formatDuration(wallSeconds)));
        return;
    case RunState::Paused:
        m_time->setText(tr("paused"));
        return;
    case RunState::Running:
        m_eta.update(activeSeconds, progress.fractionOfRemainingRun());
        if (m_eta.remainingSeconds() >= 0)
            m_time->setText(tr("ETA %1 (elapsed %2)")
                                .arg(formatDuration(m_eta.remainingSeconds()), formatDuration(activeSeconds)));
        else
            m_time->setText(tr("elapsed %1").arg(formatDuration(activeSeconds)));
        return;
    }
}

QString OverallProgress::text() const
{
    return m_bar->text();
}

QString OverallProgress::timeText() const
{
    return m_time->text();
}

} // namespace fp
