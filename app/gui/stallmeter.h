#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

// Measures how long the event loop goes without turning: a precise heartbeat timer notes the gap
// between its ticks. A gap much longer than the interval is a stall a person would feel as a
// frozen window. Used by `framepool --measure-stalls FILE` (issue 5's GUI target).
class StallMeter : public QObject
{
    Q_OBJECT

public:
    explicit StallMeter(QObject *parent = nullptr);

    void start();
    // Writes {"max_stall_ms", "p99_stall_ms", "rss_mb", "items", ...} to `path`.
    bool writeReport(const QString &path, int items, QString *error) const;

private:
    void tick();

    QTimer m_heartbeat;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    std::vector<double> m_gapsMs;
    double m_maxGapMs = 0;
    double m_maxGapAtS = 0; // when the longest gap ended, seconds since start()
};
