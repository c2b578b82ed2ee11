#include "workplan.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <queue>
#include <vector>

namespace fp {

namespace {

// A piece fits a worker when it overfills the fair share by no more than this: cutting off a
// sliver costs more than it balances.
constexpr double kFitTolerance = 0.05;

struct Span
{
    int item;
    qint64 first; // units [first, end)
    qint64 end;
    double cost;
};

// Where to end a piece of `span` that starts at span.first and should cover `units` units; -1
// when no cut leaves both sides at least the minimum size.
qint64 cutPoint(const PlanItem &item, const Span &span, qint64 units)
{
    const qint64 lowest = span.first + item.minPieceUnits;
    const qint64 highest = span.end - item.minPieceUnits;
    if (lowest > highest)
        return -1;
    const qint64 target = std::clamp(span.first + units, lowest, highest);
    if (item.cutAnywhere)
        return target;
    // The allowed cut nearest to the target, within [lowest, highest].
    qint64 best = -1;
    for (const qint64 cut : item.cuts) {
        if (cut < lowest || cut > highest)
            continue;
        if (best < 0 || std::abs(cut - target) < std::abs(best - target))
            best = cut;
    }
    return best;
}

} // namespace

QList<QList<qint64>> planPieces(const QList<PlanItem> &items, int workers)
{
    QList<QList<qint64>> starts(items.size(), QList<qint64>{0});
    double total = 0;
    for (const PlanItem &item : items)
        total += std::max(0.0, item.cost);
    if (workers <= 1 || total <= 0)
        return starts;
    const double fairShare = total / workers;

    const auto smaller = [](const Span &a, const Span &b) { return a.cost < b.cost; };
    std::priority_queue<Span, std::vector<Span>, decltype(smaller)> spans(smaller);
    for (int i = 0; i < items.size(); ++i) {
        if (items[i].units > 0)
            spans.push({i, 0, items[i].units, std::max(0.0, items[i].cost)});
    }
    std::priority_queue<double, std::vector<double>, std::greater<>> loads; // least loaded on top
    for (int w = 0; w < workers; ++w)
        loads.push(0);

    // Exact cuts need workers - 1 at most; cuts that snap to a keyframe short of the fair
    // share could otherwise chain into more, each one a piece to ship and merge.
    int cutsLeft = workers - 1;
    while (!spans.empty()) {
        Span span = spans.top();
        spans.pop();
        double load = loads.top();
        loads.pop();
        const double room = fairShare - load;
        const PlanItem &item = items[span.item];
        const bool splittable = item.cutAnywhere || !item.cuts.isEmpty();
        if (splittable && cutsLeft > 0 && room > 0 && span.cost > room * (1 + kFitTolerance)) {
            const double costPerUnit = span.cost / double(span.end - span.first);
            const qint64 cut = cutPoint(item, span, qint64(std::llround(room / costPerUnit)));
            if (cut > span.first) {
                --cutsLeft;
                starts[span.item] << cut;
                const double pieceCost = costPerUnit * double(cut - span.first);
                loads.push(load + pieceCost);
                spans.push({span.item, cut, span.end, span.cost - pieceCost});
                continue;
            }
        }
        loads.push(load + span.cost);
    }
    for (QList<qint64> &itemStarts : starts)
        std::sort(itemStarts.begin(), itemStarts.end());
    return starts;
}

QString CostModel::classOf(const StreamInfo &info)
{
    return info.kind == StreamKind::Images ? QStringLiteral("images") : QStringLiteral("video:") + info.codec;
}

void CostModel::observe(const QString &costClass, double prior, double seconds)
{
    if (!(prior > 0) || !(seconds >= 0))
        return;
    Rate &rate = m_byClass[costClass];
    rate.prior += prior;
    rate.seconds += seconds;
    m_all.prior += prior;
    m_all.seconds += seconds;
}

double CostModel::estimate(const QString &costClass, double prior) const
{
    // The prior counts nanoseconds of a typical machine; measured rates replace that guess.
    constexpr double kPriorSecondsPerUnit = 1e-9;
    return measured(costClass, prior).value_or(prior * kPriorSecondsPerUnit);
}

std::optional<double> CostModel::measured(const QString &costClass, double prior) const
{
    const auto found = m_byClass.constFind(costClass);
    const Rate &rate = found != m_byClass.constEnd() ? *found : m_all;
    if (rate.prior <= 0)
        return std::nullopt;
    return prior * rate.seconds / rate.prior;
}

void CostModel::clear()
{
    m_byClass.clear();
    m_all = {};
}

QList<qsizetype> startOrder(const QList<double> &estimates, const QList<bool> &pinned)
{
    QList<qsizetype> order(estimates.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    const auto rest = std::stable_partition(order.begin(), order.end(), [&pinned](qsizetype i) { return pinned.value(i); });
    std::stable_sort(rest, order.end(), [&estimates](qsizetype a, qsizetype b) { return estimates[a] > estimates[b]; });
    return order;
}

} // namespace fp
