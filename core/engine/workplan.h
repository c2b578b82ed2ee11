#pragma once

#include "runtypes.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace fp {

// One item as the planner sees it: what it is estimated to cost and where it may be cut.
struct PlanItem
{
    double cost = 0;          // estimated work (frames x pixels)
    qint64 units = 0;         // frames of a video, images of a set
    QList<qint64> cuts;       // units a piece may start at (a video's keyframes), sorted
    bool cutAnywhere = false; // an image set: a piece may start at any image
    qint64 minPieceUnits = 1; // no piece is cut smaller than this
};

// Decides how to cut items so that `workers` workers, each taking the largest piece left
// when free, finish together. Fills workers to the fair share (total cost / workers) largest
// item first, cutting an item only where it would overfill one (McNaughton's wrap-around rule):
// at most workers - 1 cuts in all, since each piece costs a seek, a partial state to ship and
// a merge. Equal items are never cut; one long video among short ones is cut once so that its
// two pieces fill the gaps the short ones leave.
//
// Returns, per item, the first unit of each of its pieces in order ({0}: the item runs whole).
[[nodiscard]] QList<QList<qint64>> planPieces(const QList<PlanItem> &items, int workers);

// What a run learns about its items' costs as their pieces finish: per class of item (videos
// of one codec tag, image sets) the seconds measured per unit of prior estimate
// (StreamInfo::costEstimate). The rest are estimated from their class's rate, else from the
// rate of everything measured so far, else from the prior alone; so a codec that decodes
// slower than the prior assumed moves its waiting pieces forward once one piece of it has run.
class CostModel
{
public:
    [[nodiscard]] static QString classOf(const StreamInfo &info);
    // A finished piece: its prior estimate and the seconds it took.
    void observe(const QString &costClass, double prior, double seconds);
    // Estimated seconds of work whose prior estimate is `prior`.
    [[nodiscard]] double estimate(const QString &costClass, double prior) const;
    // The same from measured rates only: nullopt before the run has measured anything.
    [[nodiscard]] std::optional<double> measured(const QString &costClass, double prior) const;
    void clear();

private:
    struct Rate
    {
        double prior = 0;
        double seconds = 0;
    };
    QHash<QString, Rate> m_byClass;
    Rate m_all;
};

// The order in which to start waiting pieces: `pinned` ones (merges, items moved to the front)
// first, in the order given, then the rest longest estimate first (ties keep their order).
// Returns indices into `estimates`.
[[nodiscard]] QList<qsizetype> startOrder(const QList<double> &estimates, const QList<bool> &pinned);

} // namespace fp
