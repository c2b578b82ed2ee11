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

// Exact pixel counts per 24-bit colour over any number of frames.
//
// Counting goes into one 16M-entry table of 32-bit counters allocated once per histogram (not
// per frame), with a list of the colours touched so that reading and clearing costs the number
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

    std::vector<quint32> m_table;   // 1 << 24 counters, lazily allocated
    std::vector<quint32> m_touched; // colours whose table counter is non-zero
    quint64 m_tableTotal = 0;       // pixels counted in m_table since the last drain
    std::unordered_map<quint32, quint64> m_sparse;
    quint64 m_total = 0;
};

} // namespace fp
