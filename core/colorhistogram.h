#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <unordered_map>
#include <vector>

namespace cv { class Mat; }

namespace fp {

struct ColorCount
{
    quint32 rgb = 0;    // 0xRRGGBB
    quint64 count = 0;
};

// 16M 32-bit counters, one per 24-bit colour: 64 MiB of address space. Zero-filled pages come
// straight from mmap (no 64 MiB memset) and are backed by huge pages where the kernel allows,
// because counting is a random access per pixel and 4 KiB pages would miss the TLB on most of
// them. A process can keep released tables (cleared by their owner) for the next histogram:
// a worker analysing thousands of small images then pays for the table once, not per image.
class ColorTable
{
public:
    ColorTable() = default;
    ~ColorTable();
    ColorTable(const ColorTable &) = delete;
    ColorTable &operator=(const ColorTable &) = delete;

    // The table must be all zero again before it is released (the histogram clears what it
    // touched).
    void acquire();
    [[nodiscard]] bool empty() const { return m_counts == nullptr; }
    [[nodiscard]] quint32 *data() { return m_counts; }
    quint32 &operator[](quint32 rgb) { return m_counts[rgb]; }
    quint32 operator[](quint32 rgb) const { return m_counts[rgb]; }

    // How many released tables this process keeps for reuse (0 by default: a GUI process
    // should not hold 64 MiB it no longer needs; the worker keeps two).
    static void setPoolSize(int tables);

private:
    quint32 *m_counts = nullptr;
};

// Exact pixel counts per 24-bit colour over any number of frames.
//
// Counting goes into one ColorTable per histogram (never one per frame), with a list of the colours touched so that reading and clearing costs the number
// of distinct colours, not 16M. Before a 32-bit counter could overflow, the table is drained
// into a sparse 64-bit map, so counts stay exact for arbitrarily long videos.
class ColorHistogram
{
public:
    ColorHistogram();
    ~ColorHistogram();
    ColorHistogram(const ColorHistogram &) = delete;
    ColorHistogram &operator=(const ColorHistogram &) = delete;

    void addFrame(const cv::Mat &bgr); // CV_8UC3, BGR
    void add(quint32 rgb, quint64 count);
    void merge(const ColorHistogram &other);
    void clear();

    [[nodiscard]] quint64 totalPixels() const { return m_total; }
    [[nodiscard]] qsizetype distinctColors() const;
    // Most frequent colour; ties go to the smallest 0xRRGGBB. count == 0 when empty.
    [[nodiscard]] ColorCount dominant() const;
    // All colours with their counts, sorted by rgb.
    [[nodiscard]] std::vector<ColorCount> counts() const;

    // Compact, exact serialisation (little-endian rgb:u32, count:u64 pairs, sorted by rgb).
    [[nodiscard]] QByteArray toBytes() const;
    static bool fromBytes(const QByteArray &bytes, ColorHistogram &into);

private:
    void drainTable();

    ColorTable m_table;             // acquired on first use
    std::vector<quint32> m_touched; // colours whose table counter is non-zero
    quint64 m_tableTotal = 0;       // pixels counted in m_table since the last drain
    std::unordered_map<quint32, quint64> m_sparse;
    quint64 m_total = 0;
};

} // namespace fp
