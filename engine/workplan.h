#pragma once

#include <QList>
#include <QtGlobal>

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

} // namespace fp
