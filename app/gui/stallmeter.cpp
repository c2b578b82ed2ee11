#include "stallmeter.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace {

// Short enough to resolve a 50 ms stall well, long enough not to keep a core busy.
constexpr int kHeartbeatMs = 5;

// The peak resident set of this process (VmHWM), in MiB; -1 if unknown.
double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

StallMeter::StallMeter(QObject *parent)
    : QObject(parent)
{
    m_heartbeat.setTimerType(Qt::PreciseTimer);
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &StallMeter::tick);
}

void StallMeter::start()
{
    m_gapsMs.clear();
    m_maxGapMs = 0;
    m_maxGapAtS = 0;
    m_gapsMs.reserve(1 << 16);
    m_clock.start();
    m_lastNs = m_clock.nsecsElapsed();
    m_heartbeat.start();
}

void StallMeter::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double gap = double(now - m_lastNs) / 1e6;
    m_gapsMs.push_back(gap);
    if (gap > m_maxGapMs) {
        m_maxGapMs = gap;
        m_maxGapAtS = double(now) / 1e9;
    }
    m_lastNs = now;
}

bool StallMeter::writeReport(const QString &path, int items, QString *error) const
{
    std::vector<double> gaps = m_gapsMs;
    std::sort(gaps.begin(), gaps.end());
    const auto quantile = [&gaps](double q) {
        return gaps.empty() ? 0.0 : gaps.at(std::min(gaps.size() - 1, size_t(q * double(gaps.size()))));
    };
    // A "stall" is the longest gap between heartbeats, the heartbeat interval included.
    const QJsonObject report{
        {QStringLiteral("max_stall_ms"), gaps.empty() ? 0.0 : gaps.back()},
        {QStringLiteral("max_stall_at_s"), m_maxGapAtS},
        {QStringLiteral("p99_stall_ms"), quantile(0.99)},
        {QStringLiteral("median_gap_ms"), quantile(0.5)},
        {QStringLiteral("heartbeat_ms"), kHeartbeatMs},
        {QStringLiteral("samples"), qint64(gaps.size())},
        {QStringLiteral("seconds"), double(m_clock.elapsed()) / 1000.0},
        {QStringLiteral("rss_mb"), peakRssMb()},
        {QStringLiteral("items"), items},
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(report).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}
