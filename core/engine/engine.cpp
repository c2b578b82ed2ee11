#include "engine.h"

#include "mediaprobe.h"
#include "systemload.h"
#include "workerprocess.h"

#include <QJsonArray>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>
#include <utility>

namespace fp {

AnalysisInfo defaultAnalysis()
{
    AnalysisInfo info;
    info.name = QStringLiteral("dominant-color");
    return info;
}

namespace {

constexpr qsizetype kMaxItemLogBytes = 1024 * 1024;
// Automatic video segments: never shorter than this, so the seek and merge stay cheap.
constexpr qint64 kMinSegmentFrames = 50;
// A launcher that cannot start any worker this many times in a row fails the run's items
// instead of retrying forever.
constexpr int kMaxStartFailures = 3;
// A working worker sends progress ten times a second; silent this long, its machine is asked
// after (once per silence), so that a lost cluster node is noticed long before the hang timeout.
constexpr qint64 kMachineCheckSilenceMs = 2000;
// Work stealing: what taking over a rest costs beyond its frames (the thief opens the stream and
// seeks to the rest's keyframe) until the run has measured it (Engine::takeOverSeconds): on the
// development VM 0.07-0.08 s for a 768x576 H.264 clip sought to frame 475 or 525, 0.02-0.03 s from
// its start; and the least a steal must shorten the run by.
constexpr double kDefaultTakeOverSeconds = 0.08;
constexpr double kMinStealGainSeconds = 0.05;
// How far a worker gets between its last progress and a narrow request reaching it, beyond
// what its rate says: the message's way there, and decoding the frame it is on.
constexpr double kNarrowLeadSeconds = 0.03;

// The unit (frame or image) before which the piece `task` of the item `info` ends, `done` units in.
qint64 pieceEnd(const protocol::Task &task, const StreamInfo &info, qint64 done)
{
    if (task.kind != StreamKind::Video)
        return task.firstFrame + task.images.size();
    return task.frameCount >= 0 ? task.firstFrame + task.frameCount : std::max(info.frameEstimate, task.firstFrame + done);
}

// When the last of the workers is done, each free `freeIn` seconds from now, once the waiting
// pieces (`waiting`: seconds each, in queue order) have gone to whichever is free first.
double lastDone(QList<double> freeIn, const QList<double> &waiting)
{
    for (const double seconds : waiting)
        *std::min_element(freeIn.begin(), freeIn.end()) += seconds;
    return *std::max_element(freeIn.begin(), freeIn.end());
}

// The prior estimate of `frames` frames (images) of an item.
double piecePrior(const StreamInfo &info, qint64 frames)
{
    return info.costEstimate() / double(std::max<qint64>(1, info.frameEstimate)) * double(std::max<qint64>(1, frames));
}

QString withFrame(const QString &reason, qint64 frame)
{
    return frame >= 0 ? QStringLiteral("%1 at frame %2").arg(reason).arg(frame) : reason;
}

} // namespace

Engine::Engine(QObject *parent)
    : QObject(parent), m_launcher(std::make_unique<LocalLauncher>())
{
    m_watchdog.setInterval(500);
    connect(&m_watchdog, &QTimer::timeout, this, &Engine::checkHungWorkers);
    connect(&m_listing, &QFutureWatcher<QList<StreamInfo>>::finished, this, &Engine::onListed);
}

Engine::~Engine()
{
    m_listing.waitForFinished();
    // WorkerProcess's destructor kills its process and reaps it.
    for (Slot &slot : m_slots)
        delete slot.process;
    qDeleteAll(m_pool);
}

void Engine::setLauncher(std::unique_ptr<WorkerLauncher> launcher)
{
    if (!launcher)
        return;
    m_launcher = std::move(launcher);
    endKeptWorkers();
}

void Engine::setKeepWorkers(bool keep)
{
    m_keepWorkers = keep;
    if (!keep)
        endKeptWorkers();
}

int Engine::effectiveWorkers(const EngineOptions &options)
{
    if (options.mode == RunMode::Serial)
        return 1;
    return options.workers > 0 ? options.workers : usableCores();
}

bool Engine::start(const QStringList &paths, const EngineOptions &options)
{
    if (isRunning() || paths.isEmpty())
        return false;
    m_options = options;
    m_workerLimit = effectiveWorkers(options);
    m_items.clear();
    m_work.clear();
    m_tasks.clear();
    m_queue.clear();
    m_costs.clear();
    m_takeOverSeconds = {};
    m_takeOverCount = {};
    m_stealAheadDue = false;
    m_promoted.clear();
    m_slots = QList<Slot>(m_workerLimit);
    m_nextDelivery = 0;
    m_startFailures = 0;
    m_anyWorkerReady = false;
    m_warmWorkers = 0;
    m_paused = false;
    m_draining = false;
    ++m_runNumber;
    m_pausedMs = 0;
    m_wallSeconds = 0;
    m_started = QDateTime::currentDateTime();
    m_loadAverage = currentLoadAverage();
    m_setup = setupOf(options, m_workerLimit);
    appendItems(paths);
    m_phase = Phase::Listing;
    m_clock.start();
    Q_EMIT runStarted(options.mode, m_workerLimit, int(m_items.size()));
    m_listing.setFuture(listInBackground(paths));
    // Not after the listing: a worker takes far longer to load than most folders to list. One
    // per path, as most paths are one item each; pump() starts more if a set is split.
    startWorkers(std::min(m_workerLimit, int(paths.size())));
    return true;
}

int Engine::addItems(const QStringList &paths)
{
    if (paths.isEmpty() || !isRunning() || m_phase == Phase::Stopping)
        return -1;
    const int first = appendItems(paths);
    for (int i = first; i < m_items.size(); ++i)
        m_items[i].addedMidRun = true;
    auto *watcher = new QFutureWatcher<QList<StreamInfo>>(this);
    connect(watcher, &QFutureWatcher<QList<StreamInfo>>::finished, this, [this, watcher, first, run = m_runNumber] {
        watcher->deleteLater();
        // The run may have ended, or another begun, while the folders were listed.
        if (run != m_runNumber || !isRunning() || m_phase == Phase::Stopping)
            return;
        acceptListed(first, watcher->result());
        pump();
    });
    watcher->setFuture(listInBackground(paths));
    Q_EMIT itemsAdded(first, int(paths.size()));
    return first;
}

// Records for `paths`, numbered after the items already there; returns the first number.
int Engine::appendItems(const QStringList &paths)
{
    const int first = int(m_items.size());
    for (const QString &path : paths) {
        ItemRecord record;
        record.index = int(m_items.size());
        record.path = path;
        m_items << record;
        m_work << ItemWork{};
    }
    return first;
}

// Listing folders can be slow (large or network folders): keep it off the event loop.
QFuture<QList<StreamInfo>> Engine::listInBackground(const QStringList &paths) const
{
    return QtConcurrent::run([paths, recursive = m_options.recursive] {
        QList<StreamInfo> infos;
        for (const QString &path : paths)
            infos << listStream(path, recursive);
        return infos;
    });
}

void Engine::onListed()
{
    if (m_phase != Phase::Listing)
        return; // cancelled while listing
    acceptListed(0, m_listing.result());
    m_phase = Phase::Probing;
    m_watchdog.start();
    pump();
}

// Items first, first + 1, ... are listed: they fail, wait for their probe, or (added to a run
// that is already working) are planned at once.
void Engine::acceptListed(int first, const QList<StreamInfo> &infos)
{
    const bool working = m_phase == Phase::Working;
    QList<int> ready;
    QList<int> videos;
    for (int k = 0; k < infos.size(); ++k) {
        const int i = first + k;
        if (isTerminal(i))
            continue; // cancelled while it was listed
        ItemWork &work = m_work[i];
        ItemRecord &record = m_items[i];
        work.info = infos.at(k);
        work.listed = true;
        record.kind = work.info.kind;
        record.framesTotal = work.info.frameEstimate;
        Q_EMIT itemQueued(i, work.info);
        if (!work.info.ok()) {
            failItem(i, work.info.error);
        } else if (work.info.kind == StreamKind::Video && !working) {
            videos << i;
        } else if (work.info.kind == StreamKind::Video) {
            // A probe is short: in a working run it goes before the planned pieces.
            m_queue.push_front(probePiece(i));
        } else if (working) {
            ready << i;
        }
    }
    if (!ready.isEmpty())
        planItems(ready);
    if (videos.isEmpty())
        return;
    // The run's first videos. Those that will run whole are probed by the task that decodes
    // them; the rest, which the plan may cut, are probed first.
    const QList<int> inTheirTask = videosProbedInTheirTask(videos);
    for (int i : videos) {
        if (inTheirTask.contains(i))
            continue;
        m_queue.push_back(probePiece(i));
    }
    if (!runsInQueueOrder() && !inTheirTask.isEmpty()) {
        // Largest first: it starts decoding at once while the others are probed and planned,
        // and work stealing cuts it if the run's end needs that.
        for (const PlannedPiece &planned : cutItem(inTheirTask.first(), {0}))
            m_queue.push_front(planned.piece);
    }
}

// A task that only reads the video's header and keyframes, in a worker: a hostile file must not
// crash this process.
Engine::Piece Engine::probePiece(int item) const
{
    Piece probe;
    probe.item = item;
    probe.task.kind = StreamKind::Video;
    probe.task.path = m_work[item].info.path;
    probe.task.probeOnly = true;
    return probe;
}

// Which of a run's first `videos` are probed by the task that decodes them: all, when the run
// takes items whole in queue order (serial, or queue order with no fixed segment size); else the
// largest file, which starts while the rest are probed. None when every video has to be cut
// where the user's segment size says.
QList<int> Engine::videosProbedInTheirTask(const QList<int> &videos) const
{
    if (m_options.segmentFrames > 0 && m_options.mode != RunMode::Serial)
        return {};
    if (runsInQueueOrder())
        return videos;
    const auto largest = std::max_element(videos.begin(), videos.end(), [this](int a, int b) {
        return m_work[a].info.bytes < m_work[b].info.bytes;
    });
    return {*largest};
}

// How the planner may cut an item: videos at keyframes (where a worker seeks exactly and
// cheaply), image sets at any image; never when the run is serial or the user fixed the sizes.
PlanItem Engine::planItem(const StreamInfo &info) const
{
    PlanItem item;
    item.cost = info.costEstimate();
    if (info.kind == StreamKind::Video) {
        item.units = info.frameEstimate;
        item.minPieceUnits = kMinSegmentFrames;
        if (m_options.segmentFrames == 0 && info.keyframes.size() >= 2 && !m_options.analysis.wholeVideos)
            item.cuts = info.keyframes;
    } else {
        item.units = info.images.size();
        item.cutAnywhere = m_options.chunkSize == 0;
    }
    return item;
}

// The first unit (frame or image) of each piece of an item the user gave a fixed piece size:
// --segment-frames (cut at the keyframe nearest each multiple) or --chunk-size. {0} otherwise.
QList<qint64> Engine::fixedPieceStarts(const StreamInfo &info) const
{
    QList<qint64> starts{0};
    if (info.kind != StreamKind::Video) {
        for (qint64 first = m_options.chunkSize; m_options.chunkSize > 0 && first < info.images.size(); first += m_options.chunkSize)
            starts << first;
        return starts;
    }
    const qint64 frames = info.frameEstimate;
    if (m_options.segmentFrames <= 0 || info.keyframes.size() < 2 || frames <= 1 || m_options.analysis.wholeVideos)
        return starts;
    const qint64 pieces = (frames + m_options.segmentFrames - 1) / m_options.segmentFrames;
    for (qint64 j = 1; j < pieces; ++j) {
        const qint64 ideal = j * frames / pieces;
        // The keyframe nearest to the ideal cut.
        const auto after = std::lower_bound(info.keyframes.begin(), info.keyframes.end(), ideal);
        qint64 cut = after != info.keyframes.end() ? *after : info.keyframes.last();
        if (after != info.keyframes.begin() && (after == info.keyframes.end() || ideal - *(after - 1) < *after - ideal))
            cut = *(after - 1);
        if (cut > starts.last() && cut < frames)
            starts << cut;
    }
    return starts;
}

// The task for a whole stream; pieces narrow it down.
protocol::Task Engine::wholeTask(const StreamInfo &info) const
{
    protocol::Task task;
    task.analysis = m_options.analysis.name;
    task.parameters = m_options.parameters;
    task.kind = info.kind;
    task.path = info.path;
    task.frameEstimate = info.frameEstimate;
    task.thumbnailIntervalMs = m_options.thumbnailIntervalMs;
    return task;
}

// The first plan of a run, once every probe is back: all items that are listed and alive,
// with the video that started decoding while the others were probed.
void Engine::planWork()
{
    QList<int> items;
    for (int i = 0; i < m_items.size(); ++i) {
        const ItemWork &work = m_work[i];
        const bool startedWhole = work.planned && work.probed && work.pieces.size() == 1 && work.piecesDone == 0;
        if (work.listed && (!work.planned || startedWhole) && !isTerminal(i))
            items << i;
    }
    planItems(items);
    m_phase = Phase::Working;
}

// Which of `items` run, cut into which pieces, queued in which order. Called once for the items
// a run starts with, and again for each item added while it works.
void Engine::planItems(const QList<int> &items)
{
    const bool queueOrder = runsInQueueOrder();
    const QList<int> order = inPlanOrder(items, queueOrder);
    const QList<QList<qint64>> plannedStarts = plannedPieceStarts(order, queueOrder);
    QList<PlannedPiece> planned;
    for (qsizetype k = 0; k < order.size(); ++k) {
        // An item that started whole before the plan is weighed with the rest but not cut here:
        // a narrow request can only end a piece sooner, so its cut waits for stealAhead, which
        // places it by the paces the run has measured, where the plan has only the prior.
        if (!m_work[order[k]].planned)
            planned << cutItem(order[k], plannedStarts[k]);
    }
    queuePieces(std::move(planned), queueOrder);
    // Items moved to the front before they were planned (while probing).
    for (int item : std::as_const(m_promoted))
        if (items.contains(item))
            toFrontOfQueue(item);
}

bool Engine::runsInQueueOrder() const
{
    return m_options.mode == RunMode::Serial || m_options.schedule == Schedule::QueueOrder;
}

// `items` in queue order or largest estimated work first.
QList<int> Engine::inPlanOrder(QList<int> items, bool queueOrder) const
{
    // Largest estimated work first, so a long item does not start last and stretch the run.
    if (!queueOrder) {
        std::stable_sort(items.begin(), items.end(), [this](int a, int b) {
            return m_work[a].info.costEstimate() > m_work[b].info.costEstimate();
        });
    }
    return items;
}

// Where each item of `order` would be cut to fill the workers evenly (planPieces).
QList<QList<qint64>> Engine::plannedPieceStarts(const QList<int> &order, bool queueOrder) const
{
    QList<PlanItem> planItems;
    for (int i : order)
        planItems << planItem(m_work[i].info);
    // Cutting items only pays with largest-first; in queue order each item runs whole.
    return planPieces(planItems, queueOrder ? 1 : m_workerLimit);
}

// Cuts `item` where the user's fixed piece size says, else at `plannedStarts`; makes room for
// its pieces' progress and results, and returns the pieces with their estimated cost.
QList<Engine::PlannedPiece> Engine::cutItem(int item, const QList<qint64> &plannedStarts)
{
    ItemWork &work = m_work[item];
    const StreamInfo &info = work.info;
    const QList<qint64> fixed = m_options.mode == RunMode::Serial ? QList<qint64>{0} : fixedPieceStarts(info);
    const QList<qint64> &starts = fixed.size() > 1 ? fixed : plannedStarts;
    QList<PlannedPiece> pieces;
    for (int j = 0; j < starts.size(); ++j) {
        protocol::Task task = pieceTask(info, starts, j);
        task.probeFirst = info.kind == StreamKind::Video && !work.probed;
        work.pieceDone << 0;
        work.pieceTotal << task.frameEstimate;
        pieces << PlannedPiece{Piece{item, j, task, 0}, piecePrior(info, task.frameEstimate)};
    }
    work.pieces = QList<protocol::Result>(pieces.size());
    work.planned = true;
    return pieces;
}

// The task of piece `j` of `info`, from starts[j] up to the next start.
protocol::Task Engine::pieceTask(const StreamInfo &info, const QList<qint64> &starts, int j) const
{
    const bool last = j + 1 == starts.size();
    protocol::Task task = wholeTask(info);
    task.firstFrame = starts[j];
    if (info.kind == StreamKind::Video) {
        // The last segment runs to the end, whatever the estimate said.
        task.frameCount = last ? -1 : starts[j + 1] - starts[j];
        task.frameEstimate = last ? std::max<qint64>(0, info.frameEstimate - starts[j]) : task.frameCount;
    } else {
        task.images = info.images.mid(starts[j], last ? -1 : starts[j + 1] - starts[j]);
        task.frameEstimate = task.images.size();
        if (starts[j] > 0 && m_options.analysis.pairwise)
            task.primingImage = info.images.at(starts[j] - 1);
    }
    // A piece of a split item ships its mergeable state.
    task.wantState = starts.size() > 1;
    return task;
}

void Engine::queuePieces(QList<PlannedPiece> planned, bool queueOrder)
{
    // Longest piece first (LPT): the classic rule that keeps the makespan near the ideal.
    if (!queueOrder) {
        std::stable_sort(planned.begin(), planned.end(),
                         [](const PlannedPiece &a, const PlannedPiece &b) { return a.cost > b.cost; });
    }
    for (const PlannedPiece &next : std::as_const(planned))
        m_queue.push_back(next.piece);
    // Pieces of items added to a working run take their place among those already waiting.
    reorderQueue();
}

int Engine::aliveWorkers() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(), [](const Slot &s) { return s.process; }));
}

int Engine::busyWorkers() const
{
    return int(std::count_if(m_slots.begin(), m_slots.end(), [](const Slot &s) { return s.current.has_value(); }));
}

void Engine::pump()
{
    if (m_phase != Phase::Probing && m_phase != Phase::Working)
        return;
    if (m_phase == Phase::Probing && !probesOutstanding())
        planWork();
    if (!m_paused) {
        const auto startable = [this](const Piece &p) { return mayStart(p); };
        bool assigned = false;
        for (int s = 0; s < m_slots.size(); ++s) {
            Slot &slot = m_slots[s];
            if (!slot.isFree())
                continue;
            const auto next = std::find_if(m_queue.begin(), m_queue.end(), startable);
            if (next == m_queue.end())
                break;
            Piece piece = *next;
            m_queue.erase(next);
            assign(s, piece);
            assigned = true;
        }
        m_stealAheadDue = m_stealAheadDue || assigned;
        stealForIdleWorkers();
        stealAhead();
        auto waiting = std::count_if(m_queue.begin(), m_queue.end(), startable);
        // Start workers for the work that is waiting, never more than the limit.
        int starting = int(std::count_if(m_slots.begin(), m_slots.end(),
                                         [](const Slot &sl) { return sl.process && !sl.process->isReady(); }));
        // A running piece that may be cut is work waiting too when no worker is free to take
        // its rest (one long video alone in the run): work stealing needs a thief.
        const bool thiefWanted = waiting == 0 && starting == 0
            && std::none_of(m_slots.begin(), m_slots.end(), [](const Slot &sl) { return sl.isFree(); })
            && std::any_of(m_slots.begin(), m_slots.end(), [this](const Slot &sl) { return mayNarrow(sl); });
        if (thiefWanted)
            waiting = 1;
        for (int s = 0; s < m_slots.size() && waiting > starting; ++s) {
            if (!m_slots[s].process) {
                spawn(s);
                ++starting;
            }
        }
    }
    maybeFinish();
}

bool Engine::Slot::isFree() const
{
    return process && process->isReady() && !current;
}

// Whether a free worker may take `piece` now. An item under way is always finished; one not
// started waits while it is held (its probe may run: it starts nothing) or the run drains.
bool Engine::mayStart(const Piece &piece) const
{
    const ItemRecord &record = m_items[piece.item];
    if (record.state != ItemState::Queued)
        return true;
    return !m_draining && (piece.task.probeOnly || !record.held);
}

// Not started and not going to be in this run as things stand: held, or the run drains.
bool Engine::isWaitingOut(int item) const
{
    const ItemRecord &record = m_items[item];
    return record.state == ItemState::Queued && (record.held || m_draining);
}

void Engine::startWorkers(int count)
{
    for (int s = 0; s < count && s < m_slots.size(); ++s)
        if (!m_slots[s].process)
            spawn(s);
}

// What each of the `workers` workers of a run with `options` is given.
WorkerSettings Engine::workerSettings(const EngineOptions &options, int workers)
{
    WorkerSettings settings;
    settings.threads = options.threadsPerWorker > 0 ? options.threadsPerWorker : std::max(1, usableCores() / workers);
    settings.memoryLimitMb = options.memoryLimitMb >= 0 ? options.memoryLimitMb : defaultMemoryLimitMb(workers);
    return settings;
}

// How a run with `options` and `workers` workers starts each of them.
LaunchCommand Engine::workerCommand(const EngineOptions &options, int workers) const
{
    return m_launcher->command(workerSettings(options, workers));
}

// What the run's timing records of how it was set up: what it takes to run it the same way.
RunSetup Engine::setupOf(const EngineOptions &options, int workers) const
{
    RunSetup setup;
    setup.parameters = options.parameters;
    setup.threadsPerWorker = workerSettings(options, workers).threads;
    setup.schedule = options.mode == RunMode::Serial ? Schedule::QueueOrder : options.schedule;
    setup.chunkSize = options.chunkSize;
    setup.segmentFrames = options.segmentFrames;
    setup.launcher = m_launcher->name();
    return setup;
}

void Engine::spawn(int slotIndex)
{
    const LaunchCommand command = workerCommand(m_options, m_workerLimit);
    if (WorkerProcess *kept = takeKeptWorker(command)) {
        kept->setId(slotIndex + 1);
        attach(slotIndex, kept);
        // One still starting (prepareWorkers) says hello to the slot like a new one.
        if (kept->isReady()) {
            ++m_warmWorkers;
            // Reported from the event loop, as a fresh worker's hello would be: the caller may be
            // pump() itself.
            QMetaObject::invokeMethod(this, [this, worker = QPointer<WorkerProcess>(kept), slotIndex] {
                if (worker && m_slots[slotIndex].process == worker)
                    onWorkerReady(worker);
            }, Qt::QueuedConnection);
        }
        return;
    }
    auto *process = new WorkerProcess(slotIndex + 1, command, this);
    attach(slotIndex, process);
    process->start();
}

void Engine::onWorkerReady(WorkerProcess *process)
{
    m_anyWorkerReady = true;
    m_startFailures = 0;
    Q_EMIT workerStarted(process->id(), process->pid());
    pump();
}

// Puts `process` in slot `slotIndex` and listens to it there.
void Engine::attach(int slotIndex, WorkerProcess *process)
{
    Slot &slot = m_slots[slotIndex];
    slot = Slot{};
    slot.process = process;
    process->setMaxLineBytes(m_options.maxMessageBytes);
    connect(process, &WorkerProcess::ready, this, [this, process] { onWorkerReady(process); });
    connect(process, &WorkerProcess::messageReceived, this, [this, slotIndex](const protocol::Message &m) {
        onMessage(slotIndex, m);
    });
    connect(process, &WorkerProcess::protocolViolation, this, [this, slotIndex](const QString &reason) {
        m_slots[slotIndex].violation = reason;
    });
    connect(process, &WorkerProcess::diagnostics, this, [this, slotIndex](const QByteArray &text) {
        const Slot &slot = m_slots[slotIndex];
        if (!slot.current)
            return;
        const int item = slot.current->item;
        QString &log = m_work[item].log;
        if (log.size() >= kMaxItemLogBytes)
            return;
        const QString chunk = QString::fromLocal8Bit(text).left(kMaxItemLogBytes - log.size());
        log += chunk;
        Q_EMIT itemLog(item, chunk);
    });
    connect(process, &WorkerProcess::finished, this, [this, slotIndex](const QString &cause, bool expected) {
        onWorkerFinished(slotIndex, cause, expected);
    });
}

WorkerProcess *Engine::takeKeptWorker(const LaunchCommand &command)
{
    const auto match = std::find_if(m_pool.begin(), m_pool.end(),
                                    [&command](const WorkerProcess *p) { return p->command() == command; });
    if (match == m_pool.end())
        return nullptr;
    WorkerProcess *process = *match;
    m_pool.erase(match);
    process->disconnect(this);
    return process;
}

// Only a worker known to be sound and idle: between tasks (or still starting: a short run can
// end before its last worker's hello), never out of protocol or ended by the engine, after a
// run of a built-in analysis.
bool Engine::mayKeep(const Slot &slot) const
{
    return m_keepWorkers && m_launcher->canKeepWorkers() && !m_options.analysis.isUserAnalysis()
        && !slot.current && slot.violation.isEmpty() && slot.engineCause.isEmpty();
}

// Idle in the pool, a worker has no task: whatever it says breaks the protocol and ends it,
// and a worker that ends there is simply gone (the next run starts a fresh one).
void Engine::keep(WorkerProcess *process, int startTimeoutMs)
{
    process->disconnect(this);
    if (!process->isReady()) {
        // A worker that never says hello is not waited for.
        QTimer::singleShot(std::max<qint64>(0, startTimeoutMs - process->silentMs()), process,
                           [process, startTimeoutMs, grace = m_options.stopGraceMs] {
            if (!process->isReady())
                process->terminate(QStringLiteral("worker did not start within %1 s").arg(startTimeoutMs / 1000.0), grace);
        });
    }
    connect(process, &WorkerProcess::messageReceived, this, [this, process] {
        process->terminate(QStringLiteral("worker sent a message while kept idle"), m_options.stopGraceMs);
    });
    connect(process, &WorkerProcess::ready, this, [this] {
        if (!isPreparingWorkers())
            Q_EMIT workersPrepared();
    });
    connect(process, &WorkerProcess::finished, this, [this, process] {
        const bool wasKept = m_pool.removeAll(process) > 0;
        process->deleteLater();
        if (wasKept && !process->isReady() && !isPreparingWorkers())
            Q_EMIT workersPrepared();
    });
    m_pool << process;
    // Room for a Compare's workers of both kinds.
    m_mostWorkers = std::max(m_mostWorkers, m_workerLimit);
    const int maxKept = std::max(usableCores(), m_mostWorkers) + 1;
    while (m_pool.size() > maxKept)
        m_pool.takeFirst()->stop(m_options.stopGraceMs); // its finished() deletes it
}

bool Engine::prepareWorkers(const EngineOptions &options)
{
    if (isRunning() || !m_keepWorkers || !m_launcher->canKeepWorkers() || options.analysis.isUserAnalysis())
        return false;
    const int workers = effectiveWorkers(options);
    m_mostWorkers = std::max(m_mostWorkers, workers);
    const LaunchCommand command = workerCommand(options, workers);
    auto have = std::count_if(m_pool.begin(), m_pool.end(), [&command](const WorkerProcess *p) { return p->command() == command; });
    for (; have < workers; ++have) {
        auto *process = new WorkerProcess(0, command, this);
        process->setMaxLineBytes(options.maxMessageBytes);
        process->start();
        keep(process, options.startTimeoutMs > 0                    ? options.startTimeoutMs
                      : m_launcher->defaultStartTimeoutMs() > 0 ? m_launcher->defaultStartTimeoutMs()
                                                                : options.hangTimeoutMs);
    }
    return isPreparingWorkers();
}

bool Engine::isPreparingWorkers() const
{
    return std::any_of(m_pool.begin(), m_pool.end(), [](const WorkerProcess *p) { return !p->isReady(); });
}

void Engine::endKeptWorkers()
{
    // Out of the pool at once: a worker on its way out must not be taken by the next run.
    for (WorkerProcess *process : std::exchange(m_pool, {}))
        process->stop(m_options.stopGraceMs); // its finished() deletes it
}

void Engine::assign(int slotIndex, Piece piece)
{
    Slot &slot = m_slots[slotIndex];
    piece.task.id = m_nextTaskId++;
    slot.current = piece;
    slot.taskStart = activeSeconds();
    slot.progressAt = slot.taskStart;
    slot.openFrom = slot.taskStart;
    slot.firstProgressAt = -1;
    slot.firstProgressDone = 0;
    slot.lastFrame = -1;
    slot.narrowPending = false;
    slot.process->send(piece.task);
    if (piece.task.probeOnly || piece.task.isMerge())
        return;
    ItemRecord &record = m_items[piece.item];
    if (record.state == ItemState::Queued) {
        record.state = ItemState::Running;
        record.start = slot.taskStart;
        record.worker = slot.process->id();
        record.host = slot.process->host();
        Q_EMIT itemStarted(piece.item, record.worker);
    } else if (piece.attempts > 0 && m_work[piece.item].pieces.size() == 1) {
        // A whole item retried elsewhere (its worker crashed, its node was lost) runs there now.
        record.worker = slot.process->id();
        record.host = slot.process->host();
    }
}

void Engine::onMessage(int slotIndex, const protocol::Message &message)
{
    Slot &slot = m_slots[slotIndex];
    slot.machineChecked = false;
    const auto outOfProtocol = [&](const QString &why) {
        slot.violation = why;
        slot.process->terminate(why, m_options.stopGraceMs);
    };
    if (!slot.current) {
        outOfProtocol(QStringLiteral("worker sent a message while it had no task"));
        return;
    }
    const qint64 taskId = slot.current->task.id;
    const int item = slot.current->item;
    const int piece = slot.current->piece;
    // Probe and merge tasks have no frames of their own to show.
    const bool probe = slot.current->task.probeOnly || slot.current->task.isMerge();

    if (const auto *p = std::get_if<protocol::Progress>(&message)) {
        if (p->task != taskId)
            return outOfProtocol(QStringLiteral("worker sent progress for task %1 while on task %2").arg(p->task).arg(taskId));
        slot.lastFrame = slot.current->task.firstFrame + p->done;
        if (probe || slot.abandoned)
            return;
        ItemWork &work = m_work[item];
        work.pieceDone[piece] = p->done;
        work.pieceTotal[piece] = std::max(p->total, p->done);
        slot.progressAt = activeSeconds();
        if (slot.firstProgressAt < 0) {
            // The first progress comes with the first frame: what came before it is the cost of
            // taking over a piece.
            slot.firstProgressAt = slot.progressAt;
            slot.firstProgressDone = p->done;
            const bool seeks = slot.current->task.firstFrame > 0;
            m_takeOverSeconds[seeks] += slot.firstProgressAt - slot.openFrom;
            ++m_takeOverCount[seeks];
        }
        updateProgress(item);
        // A worker may have found nothing to take over while this one had not yet measured its
        // pace.
        stealForIdleWorkers();
        stealAhead();
    } else if (const auto *p = std::get_if<protocol::Partial>(&message)) {
        if (p->task != taskId)
            return outOfProtocol(QStringLiteral("worker sent a partial result for another task"));
        if (!probe && !slot.abandoned && m_work[item].pieces.size() == 1) {
            m_items[item].result = p->result;
            m_items[item].summary = p->summary;
            Q_EMIT itemPartialResult(item, p->result);
        }
    } else if (const auto *t = std::get_if<protocol::Thumbnail>(&message)) {
        if (t->task != taskId)
            return outOfProtocol(QStringLiteral("worker sent a thumbnail for another task"));
        if (!slot.abandoned)
            Q_EMIT itemThumbnail(item, t->jpeg);
    } else if (const auto *n = std::get_if<protocol::Narrowed>(&message)) {
        if (n->task != taskId || slot.narrowAsked != taskId || !slot.narrowPending)
            return outOfProtocol(QStringLiteral("worker answered a narrow request it was not sent"));
        if (n->end != -1 && n->end != slot.narrowEnd)
            return outOfProtocol(QStringLiteral("worker narrowed task %1 to end at %2, not at %3 as asked")
                                     .arg(taskId).arg(n->end).arg(slot.narrowEnd));
        onNarrowed(slotIndex, n->end);
    } else if (const auto *p = std::get_if<protocol::Probe>(&message)) {
        const protocol::Task &task = slot.current->task;
        if (p->task != taskId || !(task.probeOnly || task.probeFirst))
            return outOfProtocol(QStringLiteral("worker sent a probe answer for a task that is not a probe"));
        if (task.probeOnly) {
            onProbe(slotIndex, *p);
        } else if (!slot.abandoned && !isTerminal(item)) {
            // Probed by the task that decodes it: its totals are known now, and where it may be cut.
            recordProbe(item, *p);
            slot.current->task.probeFirst = false; // nor again, should it be retried
            slot.openFrom = activeSeconds();
            m_work[item].pieceTotal[piece] = p->frames;
            updateProgress(item);
            pump(); // the first plan may have waited for it
        }
    } else if (const auto *r = std::get_if<protocol::Result>(&message)) {
        if (slot.current->task.probeOnly)
            return outOfProtocol(QStringLiteral("worker answered a probe task with a result"));
        if (r->task != taskId)
            return outOfProtocol(QStringLiteral("worker sent a result for task %1 while on task %2").arg(r->task).arg(taskId));
        onTaskResult(slotIndex, *r);
    } else if (const auto *e = std::get_if<protocol::Error>(&message)) {
        if (e->task != taskId)
            return outOfProtocol(QStringLiteral("worker sent an error for another task"));
        const bool abandoned = slot.abandoned;
        const QString reason = withFrame(e->reason.isEmpty() ? QStringLiteral("worker reported an error") : e->reason,
                                         e->frame);
        if (!abandoned)
            recordFailedTask(slot, reason);
        slot.current.reset();
        slot.abandoned = false;
        if (!abandoned)
            failItem(item, reason);
        pump();
    } else {
        outOfProtocol(QStringLiteral("worker sent a message only the engine may send"));
    }
}

void Engine::onProbe(int slotIndex, const protocol::Probe &probe)
{
    Slot &slot = m_slots[slotIndex];
    const int item = slot.current->item;
    const bool abandoned = slot.abandoned;
    slot.current.reset();
    slot.abandoned = false;
    if (!abandoned && !isTerminal(item)) {
        recordProbe(item, probe);
        // An item added to a working run is planned as soon as it is known.
        if (m_phase == Phase::Working)
            planItems({item});
    }
    pump();
}

void Engine::recordProbe(int item, const protocol::Probe &probe)
{
    ItemWork &work = m_work[item];
    StreamInfo &info = work.info;
    info.frameEstimate = probe.frames;
    info.width = probe.width;
    info.height = probe.height;
    info.fps = probe.fps;
    info.keyframes = probe.keyframes;
    info.codec = probe.codec;
    work.probed = true;
    m_items[item].framesTotal = info.frameEstimate;
    Q_EMIT itemProbed(item, info);
}

// Probes waiting or running, alone or as the start of a task: the first plan waits for them.
bool Engine::probesOutstanding() const
{
    const auto isProbe = [](const Piece &piece) { return piece.task.probeOnly || piece.task.probeFirst; };
    return std::any_of(m_queue.begin(), m_queue.end(), isProbe)
        || std::any_of(m_slots.begin(), m_slots.end(), [&](const Slot &slot) { return slot.current && isProbe(*slot.current); });
}

void Engine::onTaskResult(int slotIndex, const protocol::Result &result)
{
    Slot &slot = m_slots[slotIndex];
    const Piece piece = *slot.current;
    const bool abandoned = slot.abandoned;
    slot.current.reset();
    slot.abandoned = false;
    if (abandoned || isTerminal(piece.item)) {
        pump();
        return;
    }
    ItemWork &work = m_work[piece.item];
    if (piece.task.isMerge()) {
        finishItem(piece.item, result);
        pump();
        return;
    }
    m_tasks << taskTiming(slot, piece, result.frames);
    learnCost(slot, piece, result.frames);

    work.pieceDone[piece.piece] = result.frames;
    work.pieceTotal[piece.piece] = result.frames;
    work.pieces[piece.piece] = result;
    ++work.piecesDone;
    updateProgress(piece.item);
    if (work.piecesDone == work.pieces.size())
        completeItem(piece.item);
    pump();
}

// Work stealing at the tail. Longest first with planned cuts evens the workers out only as far
// as the estimates are right; when a worker falls idle with nothing left to start, the busy
// worker with the most work ahead of it is asked to stop halfway through what it has left, and
// the rest becomes a piece of its own for the idle one. The item's pieces then merge as if the
// plan had cut it there, so the result is the same.
void Engine::stealForIdleWorkers()
{
    if (m_phase != Phase::Working || m_paused || m_options.mode == RunMode::Serial)
        return;
    int idle = 0;
    int answersDue = 0; // each accepted request is a piece for an idle worker
    for (const Slot &slot : std::as_const(m_slots)) {
        if (slot.isFree())
            ++idle;
        if (slot.current && slot.narrowPending && slot.narrowAsked == slot.current->task.id)
            ++answersDue;
    }
    const bool workWaits = std::any_of(m_queue.begin(), m_queue.end(), [this](const Piece &p) { return mayStart(p); });
    for (int wanted = idle - answersDue; wanted > 0 && !workWaits; --wanted) {
        int victim = -1;
        qint64 cut = -1;
        double mostGained = 0;
        for (int s = 0; s < m_slots.size(); ++s) {
            double gain = 0;
            const std::optional<qint64> end = mayNarrow(m_slots[s]) ? stealPoint(m_slots[s], &gain) : std::nullopt;
            if (end && gain > mostGained) {
                victim = s;
                cut = *end;
                mostGained = gain;
            }
        }
        if (victim < 0)
            return;
        askToNarrow(m_slots[victim], cut);
    }
}

// Work stealing ahead of the tail. Each time a worker takes a piece, the engine forecasts the
// run's end by what it has measured: each busy worker is free when its piece is done (by the
// pace the piece shows, or, before that, the pace of its item's other pieces or of its kind of
// item), and each waiting piece goes to whichever worker is free first. When cutting a running
// piece short ends the forecast run kMinStealGainSeconds sooner or more, its worker is asked to
// stop there: the rest goes to the front of the queue or, when the piece after it was planned and
// has not started, joins that one (no piece more to open and merge). Either way it is ready before
// any worker falls idle. Looked at once per piece taken (progress calls again while a pace is
// still unknown), so that a piece is not cut back and forth as the estimates wobble.
void Engine::stealAhead()
{
    if (!m_stealAheadDue || m_phase != Phase::Working || m_paused || m_options.mode == RunMode::Serial)
        return;
    QList<int> workers;
    QList<double> freeIn; // per worker of `workers`, seconds from now
    for (int s = 0; s < m_slots.size(); ++s) {
        const Slot &slot = m_slots[s];
        if (!slot.process || !slot.process->isReady())
            continue;
        // A rest on its way to the queue changes the forecast: it is looked at again then.
        if (slot.current && slot.narrowPending && slot.narrowAsked == slot.current->task.id)
            return;
        const std::optional<double> seconds = secondsUntilFree(slot);
        if (!seconds)
            return;
        workers << s;
        freeIn << *seconds;
    }
    QList<const Piece *> waiting;
    QList<double> waitingSeconds; // take-over included
    for (const Piece &piece : m_queue) {
        if (!mayStart(piece))
            continue;
        // Probes and merges are short: little more than a take-over.
        const std::optional<double> seconds = piece.task.probeOnly || piece.task.isMerge()
            ? 0.0
            : measuredSeconds(piece.item, piece.task.frameEstimate);
        if (!seconds)
            return;
        waiting << &piece;
        waitingSeconds << *seconds + takeOverSeconds(piece.task.firstFrame > 0);
    }
    m_stealAheadDue = false;
    if (workers.size() < 2)
        return;
    const double forecast = lastDone(freeIn, waitingSeconds);
    int victim = -1;
    qint64 cut = -1;
    double soonest = forecast - kMinStealGainSeconds;
    for (qsizetype w = 0; w < workers.size(); ++w) {
        const Slot &slot = m_slots[workers[w]];
        if (!mayNarrow(slot))
            continue;
        // A piece that has not shown its pace yet (a worker that took its last item early in
        // the run, before the long piece beside it reported twice) is looked at again when it
        // has: its next progress brings this back.
        if (!runningPace(slot)) {
            m_stealAheadDue = true;
            continue;
        }
        double done = 0;
        const std::optional<qint64> at = cutAhead(slot, w, freeIn, waiting, waitingSeconds, &done);
        if (at && done <= soonest) {
            victim = workers[w];
            cut = *at;
            soonest = done;
        }
    }
    if (victim >= 0)
        askToNarrow(m_slots[victim], cut);
}

// Where to cut the running piece of `slot`, worker `w` of the forecast (`freeIn`, `waiting`,
// `waitingSeconds` as stealAhead has them), for the soonest forecast end, which goes to `done`:
// at a keyframe for a video, at any image for a set. Nullopt when its pace is not measured yet
// or no cut is possible.
std::optional<qint64> Engine::cutAhead(const Slot &slot, qsizetype w, const QList<double> &freeIn,
                                       const QList<const Piece *> &waiting, const QList<double> &waitingSeconds,
                                       double *done) const
{
    const std::optional<double> pace = runningPace(slot);
    if (!pace)
        return std::nullopt;
    const Piece &piece = *slot.current;
    const StreamInfo &info = m_work[piece.item].info;
    const qint64 end = pieceEnd(piece.task, info, m_work[piece.item].pieceDone.value(piece.piece));
    const double position = positionIn(slot, *pace, 0);
    // Past where the piece is when the request reaches it.
    const double reachable = positionIn(slot, *pace, kNarrowLeadSeconds);
    QList<qint64> cuts;
    if (piece.task.kind == StreamKind::Video) {
        for (const qint64 key : info.keyframes)
            if (double(key) > reachable && key < end)
                cuts << key;
    } else {
        for (qint64 unit = qint64(reachable) + 1; unit < end; ++unit)
            cuts << unit;
    }
    if (cuts.isEmpty())
        return std::nullopt;
    const auto planned = std::find_if(waiting.begin(), waiting.end(), [&piece](const Piece *p) {
        return p->item == piece.item && p->piece == piece.piece + 1;
    });
    const auto forecastWith = [&](qint64 cut) {
        QList<double> free = freeIn;
        free[w] = (double(cut) - position) / *pace;
        QList<double> pieces = waitingSeconds;
        const double rest = double(end - cut) / *pace;
        if (planned != waiting.end())
            pieces[planned - waiting.begin()] += rest;
        else
            pieces.prepend(rest + takeOverSeconds(true));
        return lastDone(free, pieces);
    };
    // Coarse, then every cut between the best coarse one's neighbours.
    const qsizetype step = std::max<qsizetype>(1, cuts.size() / 16);
    qsizetype best = 0;
    *done = forecastWith(cuts[best]);
    const auto tryCut = [&](qsizetype i) {
        if (const double forecast = forecastWith(cuts[i]); forecast < *done) {
            best = i;
            *done = forecast;
        }
    };
    for (qsizetype i = step; i < cuts.size(); i += step)
        tryCut(i);
    const qsizetype around = best;
    for (qsizetype i = std::max<qsizetype>(0, around - step + 1); i < std::min(cuts.size(), around + step); ++i)
        tryCut(i);
    return cuts[best];
}

// The answer comes as a `narrowed` message (onNarrowed); the task is not asked again meanwhile.
void Engine::askToNarrow(Slot &slot, qint64 end)
{
    slot.narrowAsked = slot.current->task.id;
    slot.narrowEnd = end;
    slot.narrowPending = true;
    slot.process->send(protocol::Narrow{slot.narrowAsked, end});
}

// Whether the task `slot` runs may be cut short and its rest handed to another worker.
bool Engine::mayNarrow(const Slot &slot) const
{
    if (!slot.current || slot.abandoned || !slot.process->canNarrow() || slot.narrowAsked == slot.current->task.id)
        return false;
    const protocol::Task &task = slot.current->task;
    const ItemWork &work = m_work[slot.current->item];
    // A video whose segments did not line up runs whole; fixed piece sizes stay as the user set them.
    if (task.probeOnly || task.isMerge() || !work.unsplitNote.isEmpty())
        return false;
    if (task.kind == StreamKind::Video)
        return m_options.segmentFrames == 0 && !m_options.analysis.wholeVideos && work.info.keyframes.size() >= 2;
    return m_options.chunkSize == 0;
}

// Where to cut the running piece of `slot` so that it and its stolen rest, which starts later by
// the cost of taking it over, end together by its pace (runningPace): at the nearest keyframe for
// a video. Nullopt when that would not end the piece at least kMinStealGainSeconds sooner.
// `gain`: by how much sooner.
std::optional<qint64> Engine::stealPoint(const Slot &slot, double *gain) const
{
    const std::optional<double> pace = runningPace(slot);
    if (!pace)
        return std::nullopt;
    const double rate = *pace; // frames or images per second
    const Piece &piece = *slot.current;
    const protocol::Task &task = piece.task;
    const StreamInfo &info = m_work[piece.item].info;
    const qint64 end = pieceEnd(task, info, m_work[piece.item].pieceDone.value(piece.piece));
    const double position = positionIn(slot, rate, kNarrowLeadSeconds);
    const double secondsLeft = (double(end) - position) / rate;
    const double half = position + rate * (secondsLeft + takeOverSeconds(true)) / 2;
    qint64 cut = qint64(std::llround(half));
    if (task.kind == StreamKind::Video) {
        // The keyframe that splits the rest most evenly.
        const QList<qint64> &keys = info.keyframes;
        const auto after = std::lower_bound(keys.begin(), keys.end(), cut);
        cut = -1;
        for (auto it = after == keys.begin() ? after : after - 1; it != keys.end() && it <= after; ++it) {
            if (double(*it) > position && *it < end && (cut < 0 || std::abs(double(*it) - half) < std::abs(double(cut) - half)))
                cut = *it;
        }
    }
    if (cut <= position || cut >= end)
        return std::nullopt;
    const double kept = (double(cut) - position) / rate;
    const double stolen = double(end - cut) / rate;
    *gain = secondsLeft - std::max(kept, takeOverSeconds(true) + stolen);
    if (*gain < kMinStealGainSeconds)
        return std::nullopt;
    return cut;
}

// Where the running piece of `slot`, going at `pace`, is `ahead` seconds from now.
double Engine::positionIn(const Slot &slot, double pace, double ahead) const
{
    const Piece &piece = *slot.current;
    const qint64 done = m_work[piece.item].pieceDone.value(piece.piece);
    // Before its first frame the worker opens the stream, which takes about a take-over.
    const double since = slot.firstProgressAt >= 0 ? slot.progressAt : slot.openFrom + takeOverSeconds(piece.task.firstFrame > 0);
    return double(piece.task.firstFrame + done) + pace * std::max(0.0, activeSeconds() + ahead - since);
}

// Units (frames or images) per second of the running piece of `slot`, between its first and its
// latest progress (so without the opening of its stream); nullopt until it has shown a pace.
std::optional<double> Engine::measuredPace(const Slot &slot) const
{
    const Piece &piece = *slot.current;
    const qint64 done = m_work[piece.item].pieceDone.value(piece.piece);
    const double seconds = slot.progressAt - slot.firstProgressAt;
    if (slot.firstProgressAt < 0 || !(seconds > 0) || done <= slot.firstProgressDone)
        return std::nullopt;
    return double(done - slot.firstProgressDone) / seconds;
}

// Units per second of `item` as its finished and running pieces showed after their first frame;
// nullopt before any did.
std::optional<double> Engine::itemPace(int item) const
{
    double units = m_work[item].pacedUnits;
    double seconds = m_work[item].pacedSeconds;
    for (const Slot &slot : m_slots) {
        if (slot.current && slot.current->item == item && !slot.current->task.isMerge() && measuredPace(slot)) {
            units += double(m_work[item].pieceDone.value(slot.current->piece) - slot.firstProgressDone);
            seconds += slot.progressAt - slot.firstProgressAt;
        }
    }
    if (!(units > 0) || !(seconds > 0))
        return std::nullopt;
    return units / seconds;
}

// Seconds that `units` units of `item` take by what the run measured: the item's own pace, else
// the rate of its kind of item (CostModel); nullopt while neither is known.
std::optional<double> Engine::measuredSeconds(int item, qint64 units) const
{
    if (const std::optional<double> pace = itemPace(item))
        return double(units) / *pace;
    const StreamInfo &info = m_work[item].info;
    return m_costs.measured(CostModel::classOf(info), piecePrior(info, units));
}

// Seconds until the worker of `slot` is done with its piece (0 when idle); nullopt when it is on
// a probe or a merge, or its piece's pace is not known yet.
std::optional<double> Engine::secondsUntilFree(const Slot &slot) const
{
    if (!slot.current)
        return 0.0;
    const Piece &piece = *slot.current;
    if (piece.task.probeOnly || piece.task.isMerge())
        return std::nullopt;
    const qint64 end = pieceEnd(piece.task, m_work[piece.item].info, m_work[piece.item].pieceDone.value(piece.piece));
    // Before its first frame the worker opens the stream, which takes about a take-over.
    const double opening = slot.firstProgressAt < 0
        ? std::max(0.0, slot.openFrom + takeOverSeconds(piece.task.firstFrame > 0) - activeSeconds())
        : 0.0;
    if (const std::optional<double> pace = runningPace(slot))
        return opening + std::max(0.0, double(end) - positionIn(slot, *pace, 0)) / *pace;
    // A kind of item measured before, not this one.
    const std::optional<double> seconds = measuredSeconds(piece.item, end - piece.task.firstFrame - m_work[piece.item].pieceDone.value(piece.piece));
    if (!seconds)
        return std::nullopt;
    return opening + *seconds;
}

// Units per second of the running piece of `slot`: as it shows them, else as its item's other
// pieces did (a rest just taken over goes at the pace of the piece it was cut from).
std::optional<double> Engine::runningPace(const Slot &slot) const
{
    if (const std::optional<double> pace = measuredPace(slot))
        return pace;
    return itemPace(slot.current->item);
}

// What it costs a worker to take over a piece before its first frame is analysed (start the
// task, open the stream and, for a piece that `seeks` into it, seek to the piece's keyframe), as
// this run's pieces of that kind measured it; kDefaultTakeOverSeconds before one has. A stolen
// rest always seeks.
double Engine::takeOverSeconds(bool seeks) const
{
    return m_takeOverCount[seeks] > 0 ? m_takeOverSeconds[seeks] / m_takeOverCount[seeks] : kDefaultTakeOverSeconds;
}

// The worker of `slotIndex` answered a narrow request: its task now ends before `end` (or, at
// -1, it was too late). The rest of its piece becomes the piece after it, at the front of the
// queue, and the pieces after it move up one.
void Engine::onNarrowed(int slotIndex, qint64 end)
{
    Slot &slot = m_slots[slotIndex];
    slot.narrowPending = false;
    const int item = slot.current->item;
    if (end < 0 || slot.abandoned || isTerminal(item)) {
        pump();
        return;
    }
    slot.narrowAsked = 0; // its shorter piece may be narrowed again
    Piece &running = *slot.current;
    protocol::Task &task = running.task;
    const int next = running.piece + 1;
    const qint64 kept = end - task.firstFrame;
    ItemWork &work = m_work[item];
    const auto planned = std::find_if(m_queue.begin(), m_queue.end(), [item, next](const Piece &p) {
        return p.item == item && p.piece == next;
    });
    Piece *rest = nullptr;
    if (planned != m_queue.end()) {
        // The piece after it was planned and has not started: it starts earlier instead, and no
        // piece more has to be opened, shipped and merged.
        rest = &*planned;
        protocol::Task &later = rest->task;
        if (task.kind == StreamKind::Video) {
            const qint64 moved = task.frameCount - kept;
            later.frameCount = later.frameCount < 0 ? -1 : later.frameCount + moved;
            later.frameEstimate += moved;
        } else {
            later.images = task.images.mid(kept) + later.images;
            later.frameEstimate = later.images.size();
        }
        later.firstFrame = end;
        work.pieceTotal[next] = later.frameEstimate;
    } else {
        for (Piece &waiting : m_queue)
            if (waiting.item == item && waiting.piece >= next)
                ++waiting.piece;
        for (Slot &other : m_slots)
            if (other.current && other.current->item == item && other.current->piece >= next)
                ++other.current->piece;
        m_queue.push_front(Piece{item, next, task, 0});
        rest = &m_queue.front();
        rest->task.firstFrame = end;
        rest->task.probeFirst = false;
        rest->task.wantState = true;
        if (task.kind == StreamKind::Video) {
            rest->task.frameCount = task.frameCount < 0 ? -1 : task.frameCount - kept;
            rest->task.frameEstimate = task.frameCount < 0 ? std::max<qint64>(0, work.info.frameEstimate - end)
                                                           : rest->task.frameCount;
        } else {
            rest->task.images = task.images.mid(kept);
            rest->task.frameEstimate = rest->task.images.size();
        }
        work.pieces.insert(next, protocol::Result{});
        work.pieceDone.insert(next, 0);
        work.pieceTotal.insert(next, rest->task.frameEstimate);
    }
    if (task.kind == StreamKind::Video) {
        task.frameCount = kept;
    } else {
        if (m_options.analysis.pairwise)
            rest->task.primingImage = task.images.at(kept - 1);
        task.images = task.images.first(kept);
    }
    // As the worker now runs it, should it have to be run again.
    task.frameEstimate = kept;
    task.wantState = true;
    work.pieceTotal[running.piece] = std::max(kept, work.pieceDone[running.piece]);
    const QString note = QStringLiteral("framepool: work stealing: from %1 %2 on, the next free worker takes over\n")
                             .arg(task.kind == StreamKind::Video ? QStringLiteral("frame") : QStringLiteral("image"))
                             .arg(end);
    work.log += note;
    Q_EMIT itemLog(item, note);
    updateProgress(item);
    pump();
}

// What the piece `slot` finished cost after its first frame (so without taking it over) updates
// the paces its item's and its kind's waiting pieces are estimated by, and so their order.
void Engine::learnCost(const Slot &slot, const Piece &piece, qint64 frames)
{
    const qint64 units = frames - slot.firstProgressDone;
    const double seconds = activeSeconds() - slot.firstProgressAt;
    if (slot.firstProgressAt >= 0 && units > 0 && seconds > 0) {
        ItemWork &work = m_work[piece.item];
        work.pacedUnits += double(units);
        work.pacedSeconds += seconds;
        m_costs.observe(CostModel::classOf(work.info), piecePrior(work.info, units), seconds);
    }
    reorderQueue();
}

// Longest estimated piece first, by what the run has measured so far. Merges, probes and
// items the user moved to the front keep their places ahead of the rest; queue order keeps
// the user's order.
void Engine::reorderQueue()
{
    if (m_phase != Phase::Working || m_options.mode == RunMode::Serial || m_options.schedule == Schedule::QueueOrder)
        return;
    QList<double> estimates;
    QList<bool> pinned;
    for (const Piece &piece : m_queue) {
        const StreamInfo &info = m_work[piece.item].info;
        estimates << measuredSeconds(piece.item, piece.task.frameEstimate)
                         .value_or(m_costs.estimate(CostModel::classOf(info), piecePrior(info, piece.task.frameEstimate)));
        pinned << (piece.task.probeOnly || piece.task.isMerge() || m_promoted.contains(piece.item));
    }
    std::deque<Piece> ordered;
    for (const qsizetype i : startOrder(estimates, pinned))
        ordered.push_back(std::move(m_queue[std::size_t(i)]));
    m_queue.swap(ordered);
}

TaskTiming Engine::taskTiming(const Slot &slot, const Piece &piece, qint64 frames) const
{
    TaskTiming timing;
    timing.item = piece.item;
    timing.worker = slot.process->id();
    timing.start = slot.taskStart;
    timing.end = activeSeconds();
    timing.frames = frames;
    timing.host = slot.process->host();
    return timing;
}

// Work cut short by a cancel (or a removed row) still took its worker's time: it stays in the
// run's tasks, marked cancelled, up to where it stopped, so the timelines do not show an idle
// worker where one was busy.
void Engine::recordCancelledTasks(int item, double end)
{
    for (int s = 0; s < m_slots.size(); ++s) {
        const Slot &slot = m_slots[s];
        if (!slot.current || slot.abandoned || (item >= 0 && slot.current->item != item))
            continue;
        if (std::optional<TaskTiming> timing = cutShortTiming(slot)) {
            timing->end = end;
            timing->cancelled = true;
            m_tasks << *timing;
        }
    }
}

std::optional<TaskTiming> Engine::cutShortTiming(const Slot &slot) const
{
    const Piece &piece = *slot.current;
    if (piece.task.probeOnly || piece.task.isMerge())
        return std::nullopt;
    return taskTiming(slot, piece, m_work[piece.item].pieceDone.value(piece.piece));
}

// A task that ended without a result (the worker's error, a crash, a hang, a broken protocol)
// took its worker's time too: it stays in the run's tasks with the reason, so the timelines show
// the failed attempt (and the retry after it) instead of an idle worker.
void Engine::recordFailedTask(const Slot &slot, const QString &failure)
{
    if (std::optional<TaskTiming> timing = cutShortTiming(slot)) {
        timing->failure = failure;
        m_tasks << *timing;
    }
}

void Engine::updateProgress(int item)
{
    const ItemWork &work = m_work[item];
    ItemRecord &record = m_items[item];
    const qint64 done = std::accumulate(work.pieceDone.begin(), work.pieceDone.end(), qint64(0));
    const qint64 total = std::accumulate(work.pieceTotal.begin(), work.pieceTotal.end(), qint64(0));
    record.framesDone = done;
    // Headers lie: a total below what was decoded grows with it, so progress never passes 100%.
    record.framesTotal = std::max(total, done);
    Q_EMIT itemProgress(item, record.framesDone, record.framesTotal);
}

// OpenCV seeks by timestamp while segments are cut at frame numbers; the two agree for
// constant frame rates but not for variable ones. Each segment reports the timestamp of its
// first frame and of the frame after its last, so the cuts are verified, not trusted.
bool Engine::segmentsMeet(const ItemWork &work)
{
    for (qsizetype k = 1; k < work.pieces.size(); ++k) {
        const std::optional<protocol::SegmentBounds> &before = work.pieces[k - 1].segment;
        const std::optional<protocol::SegmentBounds> &after = work.pieces[k].segment;
        if (!before || !after || before->nextMs < 0 || before->nextMs != after->firstMs)
            return false;
    }
    return true;
}

void Engine::analyseWhole(int item)
{
    ItemWork &work = m_work[item];
    Piece whole;
    whole.item = item;
    whole.task = wholeTask(work.info);
    work.pieces = QList<protocol::Result>(1);
    work.pieceDone = {0};
    work.pieceTotal = {work.info.frameEstimate};
    work.piecesDone = 0;
    work.unsplitNote = QStringLiteral("its segments did not line up (variable frame rate?), so it was analysed in one piece");
    const QString note = QStringLiteral("framepool: %1\n").arg(work.unsplitNote);
    work.log += note;
    Q_EMIT itemLog(item, note);
    m_queue.push_front(whole);
}

void Engine::completeItem(int item)
{
    ItemWork &work = m_work[item];
    // The pieces of a split set report unreadable images as warnings, even when none of theirs
    // could be read; the set fails only when that is so for all of them.
    if (work.info.kind == StreamKind::Images && std::accumulate(work.pieceDone.begin(), work.pieceDone.end(), qint64(0)) == 0) {
        const QStringList warnings = work.pieces.value(0).warnings;
        failItem(item, QStringLiteral("none of the %1 images could be decoded (%2)").arg(work.info.images.size()).arg(warnings.value(0)));
        return;
    }
    if (work.pieces.size() > 1 && work.info.kind == StreamKind::Video && !segmentsMeet(work)) {
        analyseWhole(item);
        return;
    }
    if (work.pieces.size() == 1)
        finishItem(item, work.pieces.first());
    else
        mergePieces(item);
}

// The pieces' states merge in a worker, which knows the analysis (this process does not) and,
// for a user's script, runs its reduce(); the event loop stays free meanwhile. The merge goes
// first in the queue: the item is done but for it.
void Engine::mergePieces(int item)
{
    const ItemWork &work = m_work[item];
    Piece merge;
    merge.item = item;
    merge.piece = -1;
    merge.task = wholeTask(work.info);
    merge.task.thumbnailIntervalMs = 0;
    for (const protocol::Result &piece : work.pieces)
        merge.task.mergeStates << piece.state;
    m_queue.push_front(merge);
}

void Engine::finishItem(int item, const protocol::Result &answer)
{
    ItemWork &work = m_work[item];
    ItemRecord &record = m_items[item];
    QJsonObject result = answer.result;
    QStringList warnings;
    for (const protocol::Result &piece : work.pieces)
        warnings << piece.warnings;
    if (!work.unsplitNote.isEmpty())
        warnings << work.unsplitNote;
    if (!warnings.isEmpty())
        result[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    record.result = result;
    record.summary = answer.summary;
    // The decoded count is the truth, whatever the header said.
    record.framesTotal = record.framesDone;
    record.state = ItemState::Done;
    record.end = activeSeconds();
    record.error.clear();
    markTerminal(item);
}

void Engine::failItem(int item, const QString &reason)
{
    ItemRecord &record = m_items[item];
    if (isTerminal(item))
        return;
    record.state = ItemState::Failed;
    record.error = reason;
    record.end = activeSeconds();
    abandonPieces(item, QStringLiteral("item failed"));
    markTerminal(item);
}

void Engine::abandonPieces(int item, const QString &why)
{
    m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(), [item](const Piece &p) { return p.item == item; }),
                  m_queue.end());
    for (Slot &slot : m_slots) {
        if (slot.current && slot.current->item == item && !slot.abandoned) {
            slot.abandoned = true;
            slot.process->terminate(why, m_options.stopGraceMs);
        }
    }
}

void Engine::markTerminal(int item)
{
    if (m_items[item].start >= 0 && m_items[item].end < 0)
        m_items[item].end = activeSeconds();
    deliverReady();
}

bool Engine::isTerminal(int item) const
{
    const ItemState s = m_items[item].state;
    return s == ItemState::Done || s == ItemState::Failed || s == ItemState::Cancelled;
}

void Engine::deliverReady()
{
    switch (m_options.mode) {
    case RunMode::Serial:
    case RunMode::Completed:
        for (int i = 0; i < m_items.size(); ++i)
            if (isTerminal(i) && !m_work[i].delivered)
                deliver(i);
        break;
    case RunMode::Input:
        while (m_nextDelivery < m_items.size() && isTerminal(m_nextDelivery))
            deliver(m_nextDelivery++);
        break;
    case RunMode::Batch:
        break; // everything at the end, in maybeFinish()
    }
}

void Engine::deliver(int item)
{
    ItemWork &work = m_work[item];
    if (work.delivered)
        return;
    work.delivered = true;
    const ItemRecord &record = m_items[item];
    switch (record.state) {
    case ItemState::Done: Q_EMIT itemFinished(item); break;
    case ItemState::Failed: Q_EMIT itemFailed(item, record.error); break;
    default: Q_EMIT itemCancelled(item); break;
    }
}

void Engine::maybeFinish()
{
    if (m_phase == Phase::Idle || m_phase == Phase::Listing)
        return;
    for (int i = 0; i < m_items.size(); ++i)
        if (!isTerminal(i) && !isWaitingOut(i))
            return;
    if (m_phase != Phase::Stopping) {
        m_phase = Phase::Stopping;
        m_wallSeconds = activeSeconds();
        m_watchdog.stop();
        if (m_paused) {
            m_pausedMs += m_pauseClock.elapsed();
            m_paused = false;
            Q_EMIT pausedChanged(false);
        }
        // Batch mode delivers here, input order what waited behind a held item; items left
        // queued (held, or not started when the run drained) are not delivered at all.
        for (int i = 0; i < m_items.size(); ++i)
            if (isTerminal(i))
                deliver(i);
        stopWorkers();
    }
    // The run ends when its last worker is gone, so the next run starts from zero processes.
    if (aliveWorkers() == 0) {
        m_phase = Phase::Idle;
        Q_EMIT runFinished(timing());
    }
}

// At the run's end. A worker still busy can only be probing an item the run leaves queued:
// that answer no longer matters.
void Engine::stopWorkers()
{
    for (Slot &slot : m_slots) {
        if (!slot.process)
            continue;
        slot.process->resume();
        if (mayKeep(slot)) {
            keep(slot.process, startTimeoutMs());
            slot = Slot{};
        } else if (slot.current && !slot.abandoned) {
            slot.abandoned = true;
            slot.process->terminate(QStringLiteral("run ended"), m_options.stopGraceMs);
        } else {
            slot.process->stop(m_options.stopGraceMs);
        }
    }
}

void Engine::onWorkerFinished(int slotIndex, const QString &cause, bool expected)
{
    Slot slot = m_slots[slotIndex];
    m_slots[slotIndex] = Slot{};
    const int workerId = slot.process->id();
    const bool everReady = slot.process->isReady();
    // A worker that ended unasked may have lost its machine (a cluster node): say so, in the
    // launcher's words, rather than how the local srun exited.
    const QString lostMachine = expected ? QString()
                                         : m_launcher->machineLost({slot.process->host(), slot.process->job()},
                                                                   slot.process->stderrTail());
    slot.process->deleteLater();
    Q_EMIT workerExited(workerId, lostMachine.isEmpty() ? cause : lostMachine);

    // Ended by the engine's watchdog is a fault too (a start that timed out), not a stop.
    const bool fault = !expected || !slot.engineCause.isEmpty();
    if (!everReady && fault && !m_anyWorkerReady && ++m_startFailures >= kMaxStartFailures) {
        // The worker program cannot run at all: fail what is left rather than retry forever.
        m_queue.clear();
        for (int i = 0; i < m_items.size(); ++i)
            failItem(i, cause);
    }

    if (slot.current && !slot.abandoned && !isTerminal(slot.current->item)) {
        Piece piece = *slot.current;
        const int item = piece.item;
        if (!slot.violation.isEmpty()) {
            // A worker that breaks the protocol would break it again: no retry.
            recordFailedTask(slot, slot.violation);
            failItem(item, slot.violation);
        } else {
            QString fault = !slot.engineCause.isEmpty() ? slot.engineCause : !lostMachine.isEmpty() ? lostMachine : cause;
            if (slot.lastFrame >= 0 && !piece.task.probeOnly)
                fault = withFrame(fault, slot.lastFrame);
            recordFailedTask(slot, fault);
            if (piece.attempts < m_options.maxRetries) {
                ++piece.attempts;
                ++m_items[item].attempts;
                Q_EMIT itemRetried(item, fault);
                const QString note = QStringLiteral("framepool: %1; retrying on a fresh worker\n").arg(fault);
                m_work[item].log += note;
                Q_EMIT itemLog(item, note);
                m_queue.push_front(piece);
            } else {
                failItem(item, piece.attempts > 0 ? QStringLiteral("%1 (after %2 attempts)").arg(fault).arg(piece.attempts + 1)
                                                  : fault);
            }
        }
    }
    pump();
    maybeFinish();
}

int Engine::startTimeoutMs() const
{
    if (m_options.startTimeoutMs > 0)
        return m_options.startTimeoutMs;
    const int launcherDefault = m_launcher->defaultStartTimeoutMs();
    return launcherDefault > 0 ? launcherDefault : m_options.hangTimeoutMs;
}

void Engine::checkHungWorkers()
{
    if (m_paused)
        return;
    for (int s = 0; s < m_slots.size(); ++s) {
        Slot &slot = m_slots[s];
        if (!slot.process || !slot.engineCause.isEmpty())
            continue;
        const bool starting = !slot.process->isReady();
        if (!starting && !slot.current)
            continue; // idle
        const int limitMs = starting ? startTimeoutMs() : m_options.hangTimeoutMs;
        // A working worker that is busy (using CPU) is not hung, only a silent idle one.
        if (starting ? slot.process->silentMs() > limitMs : slot.process->looksHung(limitMs)) {
            slot.engineCause = starting ? QStringLiteral("worker did not start within %1 s").arg(limitMs / 1000.0)
                                        : QStringLiteral("worker hung: no progress for %1 s").arg(limitMs / 1000.0);
            slot.process->terminate(slot.engineCause, m_options.stopGraceMs);
        } else if (!starting && !slot.machineChecked && slot.process->silentMs() > kMachineCheckSilenceMs) {
            checkMachine(s);
        }
    }
}

// The answer comes later, and only while the worker is alive (it is the question's context); a
// lost machine ends the worker as a fault, so that its task is retried elsewhere at once.
void Engine::checkMachine(int slotIndex)
{
    Slot &slot = m_slots[slotIndex];
    slot.machineChecked = true;
    WorkerProcess *process = slot.process;
    m_launcher->checkMachine({process->host(), process->job()}, process, [this, slotIndex, process](const QString &reason) {
        Slot &current = m_slots[slotIndex];
        if (current.process != process || !current.engineCause.isEmpty())
            return;
        current.engineCause = reason;
        process->terminate(reason, m_options.stopGraceMs);
    });
}

void Engine::cancelItem(int item)
{
    if (item < 0 || item >= m_items.size() || isTerminal(item) || !isRunning())
        return;
    ItemRecord &record = m_items[item];
    record.state = ItemState::Cancelled;
    record.error = QStringLiteral("cancelled");
    // Its bars end where the item does.
    const double now = activeSeconds();
    if (record.start >= 0)
        record.end = now;
    recordCancelledTasks(item, now);
    abandonPieces(item, QStringLiteral("cancelled"));
    markTerminal(item);
    pump();
}

void Engine::moveToFront(int item)
{
    if (item < 0 || item >= m_items.size() || isTerminal(item) || !isRunning())
        return;
    m_promoted.removeAll(item);
    m_promoted << item;
    toFrontOfQueue(item);
}

void Engine::toFrontOfQueue(int item)
{
    std::stable_partition(m_queue.begin(), m_queue.end(), [item](const Piece &p) { return p.item == item; });
}

void Engine::cancelAll()
{
    if (!isRunning())
        return;
    if (m_phase == Phase::Listing) {
        m_phase = Phase::Probing; // onListed() will see it is no longer listing
        m_listing.cancel();
    }
    m_queue.clear();
    const double now = activeSeconds();
    for (int i = 0; i < m_items.size(); ++i) {
        ItemRecord &record = m_items[i];
        if (!isTerminal(i)) {
            record.state = ItemState::Cancelled;
            record.error = QStringLiteral("cancelled");
            if (record.start >= 0)
                record.end = now;
        }
    }
    recordCancelledTasks(-1, now);
    for (Slot &slot : m_slots) {
        if (slot.process) {
            slot.abandoned = true;
            slot.process->terminate(QStringLiteral("cancelled"), m_options.stopGraceMs);
        }
    }
    for (int i = 0; i < m_items.size(); ++i)
        markTerminal(i);
    maybeFinish();
}

bool Engine::setHeld(int item, bool held)
{
    if (item < 0 || item >= m_items.size() || !isRunning() || m_phase == Phase::Stopping
        || m_items[item].state != ItemState::Queued)
        return false;
    if (m_items[item].held != held) {
        m_items[item].held = held;
        Q_EMIT itemHeldChanged(item, held);
        // Released, it may start now; held, it may have been all the run had left to do.
        pump();
    }
    return true;
}

void Engine::finishRunning()
{
    if (!isRunning() || m_phase == Phase::Stopping || m_draining)
        return;
    m_draining = true;
    if (m_phase == Phase::Listing) {
        m_phase = Phase::Probing; // nothing has started: onListed() will see it is no longer listing
        m_listing.cancel();
    }
    pump();
}

void Engine::pause()
{
    if (!isRunning() || m_paused || m_phase == Phase::Stopping || !m_launcher->canPause())
        return;
    m_paused = true;
    m_pauseClock.start();
    for (Slot &slot : m_slots)
        if (slot.process)
            slot.process->pause();
    Q_EMIT pausedChanged(true);
}

void Engine::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    m_pausedMs += m_pauseClock.elapsed();
    for (Slot &slot : m_slots)
        if (slot.process)
            slot.process->resume();
    Q_EMIT pausedChanged(false);
    pump();
}

double Engine::activeSeconds() const
{
    if (!m_clock.isValid())
        return 0;
    qint64 paused = m_pausedMs + (m_paused ? m_pauseClock.elapsed() : 0);
    return (m_clock.elapsed() - paused) / 1000.0;
}

QString Engine::itemLog(int index) const
{
    return index >= 0 && index < m_work.size() ? m_work[index].log : QString();
}

RunTiming Engine::timing() const
{
    RunTiming t;
    t.mode = m_options.mode;
    t.analysis = m_options.analysis.name;
    t.workers = m_workerLimit;
    t.wallSeconds = m_phase == Phase::Idle || m_phase == Phase::Stopping ? m_wallSeconds : activeSeconds();
    t.pausedSeconds = (m_pausedMs + (m_paused ? m_pauseClock.elapsed() : 0)) / 1000.0;
    t.started = m_started;
    t.loadAverage = m_loadAverage;
    t.warmWorkers = m_warmWorkers;
    t.setup = m_setup;
    t.paused = m_paused;
    t.items = m_items;
    t.tasks = m_tasks;
    return t;
}

} // namespace fp
