#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>
#include <unordered_map>
#include <vector>

namespace cv { class Mat; }

namespace fp {

struct ColorCount
{
    quint32 rgb = 0;    // 0xRRGGBB
    quint64 count = 0;
};

// Colour counts sorted by rgb, each colour once, none zero: a histogram as it travels between
// processes, and the form the engine merges in. Merging sorted lists is linear in the colours
// present and needs no 16M table, whose fresh pages alone cost more to fault in and zero than
// the whole merge.
using ColorCounts = std::vector<ColorCount>;

// Compact, exact serialisation: per colour, in order, two unsigned LEB128 varints: the gap to
// the previous colour (rgb - previous - 1, the first one's previous being -1) and the count.
// Colours are dense and most counts small, so a video's 360,000 colours take about 1 MB
// instead of 4.3 MB as fixed 12-byte pairs (the bytes then go through base64 inside JSON).
[[nodiscard]] QByteArray colorCountsToBytes(const ColorCounts &counts);
// Nothing unless the bytes are a valid serialisation (whole varints, colours within 24 bits,
// non-zero counts, a total that fits 64 bits): they come from another process.
[[nodiscard]] std::optional<ColorCounts> colorCountsFromBytes(const QByteArray &bytes);
[[nodiscard]] quint64 totalOf(const ColorCounts &counts);
// Most frequent colour; ties go to the smallest 0xRRGGBB. count == 0 when empty.
[[nodiscard]] ColorCount dominantOf(const ColorCounts &counts);
// The colour-wise sum of two sorted lists, sorted. The caller keeps the total within 64 bits.
[[nodiscard]] ColorCounts mergeColorCounts(const ColorCounts &a, const ColorCounts &b);

// 16M entries of one or two 16-bit counters, one entry per 24-bit colour: 32 or 64 MiB of
// address space. Small counters because counting is a random access per pixel: half the
// memory is twice the colours per cache line and half the fresh pages to fault in and zero
// (which costs more than the counting itself on a VM that hands memory back to its host).
// Pages come zero-filled from mmap and are backed by huge pages where the kernel allows, as
// 4 KiB pages would miss the TLB on most accesses. A process can keep released tables (cleared
// by their owner) for the next histogram: a worker analysing thousands of small images then
// pays for the table once, not per image.
class ColorTable
{
public:
    using Counter = quint16;

    ColorTable() = default;
    ~ColorTable();
    ColorTable(const ColorTable &) = delete;
    ColorTable &operator=(const ColorTable &) = delete;

    // The table must be all zero again before it is released (the histogram clears what it
    // touched). An entry's first counter is the colour's count; a second one, when asked for,
    // sits beside it in the same cache line.
    void acquire(int countersPerColor);
    [[nodiscard]] bool empty() const { return m_counts == nullptr; }
    [[nodiscard]] Counter *data() { return m_counts; }
    [[nodiscard]] const Counter *data() const { return m_counts; }
    Counter &operator[](quint32 rgb) { return m_counts[std::size_t(rgb) * m_countersPerColor]; }
    Counter operator[](quint32 rgb) const { return m_counts[std::size_t(rgb) * m_countersPerColor]; }

    // How many released tables this process keeps for reuse (0 by default: a GUI process
    // should not hold memory it no longer needs; the worker keeps two).
    static void setPoolSize(int tables);

private:
    Counter *m_counts = nullptr;
    int m_countersPerColor = 1;
};

// Exact pixel counts per 24-bit colour over any number of frames.
//
// Counting goes into one ColorTable per histogram (never one per frame), with a list of the
// colours touched so that reading and clearing costs the number of distinct colours, not 16M.
// A 16-bit counter that is full spills into a sparse 64-bit map (once per 65535 pixels of a
// colour), so counts stay exact for arbitrarily long videos.
class ColorHistogram
{
public:
    enum Layout {
        StreamCounts,
        // Each table entry also holds the colour's count in the current image, so addImage()
        // finds an image's own dominant colour in the same pass that counts it into the
        // histogram: one random access per pixel instead of one into an image table and
        // another into the set's. Twice the table memory.
        StreamAndImageCounts,
    };

    explicit ColorHistogram(Layout layout = StreamCounts);
    ~ColorHistogram();
    ColorHistogram(const ColorHistogram &) = delete;
    ColorHistogram &operator=(const ColorHistogram &) = delete;

    void addFrame(const cv::Mat &bgr); // CV_8UC3, BGR (gray and BGRA are converted)
    // Counts the frame like addFrame() and returns the most frequent colour of this frame alone
    // (ties to the smallest 0xRRGGBB; count == 0 for a frame that cannot be counted).
    ColorCount addImage(const cv::Mat &bgr);
    void add(quint32 rgb, quint64 count);
    void merge(const ColorHistogram &other);
    void clear();

    [[nodiscard]] quint64 totalPixels() const { return m_total; }
    [[nodiscard]] qsizetype distinctColors() const;
    // Most frequent colour; ties go to the smallest 0xRRGGBB. count == 0 when empty.
    [[nodiscard]] ColorCount dominant() const;
    // All colours with their counts, sorted by rgb.
    [[nodiscard]] ColorCounts counts() const;

    // colorCountsToBytes(counts()).
    [[nodiscard]] QByteArray toBytes() const;
    static bool fromBytes(const QByteArray &bytes, ColorHistogram &into);

private:
    void acquireTable();

    const Layout m_layout;
    ColorTable m_table;             // acquired on first use
    std::vector<quint32> m_touched; // colours whose table counter is non-zero
    // A colour's count is its table counter plus its spilled part here.
    std::unordered_map<quint32, quint64> m_sparse;
    quint64 m_total = 0;
    // StreamAndImageCounts: the current image's colours and its spilled counts.
    std::vector<quint32> m_imageTouched;
    std::unordered_map<quint32, quint64> m_imageSparse;
};

} // namespace fp
