#pragma once

#include "runtypes.h"

#include <QList>
#include <QString>

namespace fp {

// What every drawing of a run's timeline shows, computed once: the GUI's Gantt chart, the
// HTML report's SVG and the PDF report all draw from this, so they always agree on lanes,
// bars, the end of the run, the time axis and the colour of each item.
//
// Lanes: one per worker slot of the run (workers are numbered from 1 by their slot in the
// pool), so an idle worker shows as an empty lane; a worker numbered beyond the run's worker
// count still gets a lane rather than vanishing, and work with no worker number (< 1) goes to
// one last "unknown worker" lane.
// Bars: every task in run order (finished, or cancelled where it stopped), then every item
// still running, growing up to the run's current wall time.
class Timeline
{
public:
    struct Lane
    {
        int worker = -1;  // -1: the lane of work that named no worker
        QString host;     // the machine it ran on, from its first task that names one

        [[nodiscard]] QString name() const;  // "worker 3", "unknown worker"
        [[nodiscard]] QString label() const; // the name, and " · node7" when the host is known
    };

    struct Bar
    {
        int item = -1;
        int lane = -1;
        int worker = -1;
        double start = 0; // seconds since the run started
        double end = 0;
        qint64 frames = 0;
        QString host;     // only finished tasks know their host
        ItemState state = ItemState::Running; // the item's state (Running for growing bars)
        bool running = false;
        bool cancelled = false; // work stopped by a cancel: drawn hatched, up to where it stopped
        QString failure;        // an attempt that ended without a result, and why: drawn as failed

        // Drawn as failed work: a failed attempt, or any work of an item that failed.
        [[nodiscard]] bool failed() const { return !failure.isEmpty() || state == ItemState::Failed; }

        [[nodiscard]] double seconds() const { return end - start; }
    };

    // An item's colour as HSL: stable across runs and exports, well spread (golden-angle hue
    // steps from the item index), a little lighter on a dark background.
    struct Colour
    {
        double hue = 0;        // degrees, 0..360
        double saturation = 0; // 0..1
        double lightness = 0;  // 0..1

        [[nodiscard]] QString css() const; // "hsl(137,62%,52%)"
    };

    // `axisSeconds` is the length of the time axis wanted by the caller (0: the run's own end);
    // timelines given the same value can be compared by length.
    explicit Timeline(const RunTiming &run, double axisSeconds = 0);

    [[nodiscard]] const QList<Lane> &lanes() const { return m_lanes; }
    [[nodiscard]] const QList<Bar> &bars() const { return m_bars; }
    // The item a bar belongs to; nullptr when the run does not list it.
    [[nodiscard]] const ItemRecord *item(int index) const;
    // When the last thing in the run happened: its wall time, or a bar that ended later.
    [[nodiscard]] double endSeconds() const { return m_end; }
    // The length of the time axis: the wanted length or the end, whichever is later; 1 s for a
    // run with no time yet, so that nothing divides by zero and an empty chart reads as one.
    [[nodiscard]] double axisSeconds() const { return m_axis; }
    // The run's current wall time: where growing bars are heading.
    [[nodiscard]] double nowSeconds() const { return m_now; }
    [[nodiscard]] bool isRunning() const;
    // A live run that is paused: its growing bars stand still.
    [[nodiscard]] bool isPaused() const { return m_paused; }
    // Tick positions for about `targetTicks` ticks over the axis, at tickStep() intervals.
    [[nodiscard]] QList<double> ticks(double targetTicks) const;
    // "item path\n2.000 s, 100 frames, worker 1 on node7\nfailed: why", for tooltips; a
    // cancelled bar says "cancelled after 2.000 s, ...", a growing one "running for ..." (or
    // "paused after ...").
    [[nodiscard]] QString describe(const Bar &bar) const;
    // Why the work of `bar` failed: its attempt's own failure, else its failed item's error;
    // empty for work that did not fail.
    [[nodiscard]] QString failureOf(const Bar &bar) const;

    // 1, 2 or 5 times a power of ten, giving about `targetTicks` ticks over `span`.
    [[nodiscard]] static double tickStep(double span, double targetTicks);
    // Every multiple of `step` from 0 up to `span`, the end included.
    [[nodiscard]] static QList<double> ticks(double span, double step);
    // How an axis labels a tick: "0", "2.5", "10".
    [[nodiscard]] static QString tickLabel(double seconds);
    [[nodiscard]] static Colour itemColour(int itemIndex, bool darkBackground = false);

private:
    void collectBars(const RunTiming &run);
    void assignLanes(const RunTiming &run);

    QList<Lane> m_lanes;
    QList<Bar> m_bars;
    QList<ItemRecord> m_items;
    double m_end = 0;
    double m_axis = 1;
    double m_now = 0;
    bool m_paused = false;
};

} // namespace fp
