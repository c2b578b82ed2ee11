#include "colorhistogram.h"

#include "colorcounting.h"

#include <QtEndian>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <type_traits>

#include <sys/mman.h>

namespace fp {

namespace {

constexpr std::size_t kColorSpace = std::size_t(1) << 24;
constexpr quint32 kMaxRgb = 0xFFFFFF;
using colorcounting::Counter;
using colorcounting::kCounterFull;
static_assert(std::is_same_v<Counter, ColorTable::Counter>);

// Calls visit(rgb, count) once per colour with a non-zero count: the table counter plus any
// part spilled into the sparse map (a spilled colour always keeps a non-zero counter, so every
// colour is in `touched`). Order is unspecified.
template<typename Visit>
void forEachColor(const ColorTable &table, const std::vector<quint32> &touched,
                  const std::unordered_map<quint32, quint64> &sparse, Visit visit)
{
    for (const quint32 rgb : touched) {
        quint64 count = table[rgb];
        if (!sparse.empty()) {
            if (const auto spilled = sparse.find(rgb); spilled != sparse.end())
                count += spilled->second;
        }
        visit(rgb, count);
    }
}

// The frame as 8-bit BGR, converting gray and BGRA; empty when it cannot be counted.
cv::Mat asBgr(const cv::Mat &frame, cv::Mat &converted)
{
    if (frame.empty() || frame.depth() != CV_8U)
        return {};
    switch (frame.channels()) {
    case 3:
        return frame;
    case 1:
        cv::cvtColor(frame, converted, cv::COLOR_GRAY2BGR);
        return converted;
    case 4:
        cv::cvtColor(frame, converted, cv::COLOR_BGRA2BGR);
        return converted;
    default:
        return {};
    }
}

std::size_t tableBytes(int countersPerColor)
{
    return kColorSpace * sizeof(Counter) * std::size_t(countersPerColor);
}

// Released, all-zero tables kept for the next histogram of this process.
struct TablePool
{
    struct Table
    {
        Counter *counts;
        int countersPerColor;
    };
    std::mutex mutex;
    std::vector<Table> free;
    std::size_t capacity = 0;
};

TablePool &tablePool()
{
    static TablePool pool;
    return pool;
}

} // namespace

void ColorTable::setPoolSize(int tables)
{
    TablePool &pool = tablePool();
    const std::lock_guard lock(pool.mutex);
    pool.capacity = std::size_t(std::max(0, tables));
    while (pool.free.size() > pool.capacity) {
        ::munmap(pool.free.back().counts, tableBytes(pool.free.back().countersPerColor));
        pool.free.pop_back();
    }
}

void ColorTable::acquire(int countersPerColor)
{
    if (m_counts)
        return;
    m_countersPerColor = countersPerColor;
    {
        TablePool &pool = tablePool();
        const std::lock_guard lock(pool.mutex);
        const auto sameShape = std::find_if(pool.free.begin(), pool.free.end(), [&](const TablePool::Table &table) {
            return table.countersPerColor == countersPerColor;
        });
        if (sameShape != pool.free.end()) {
            m_counts = sameShape->counts;
            pool.free.erase(sameShape);
            return;
        }
    }
    const std::size_t bytes = tableBytes(countersPerColor);
    void *memory = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        throw std::bad_alloc();
    ::madvise(memory, bytes, MADV_HUGEPAGE); // a hint: fine if the kernel says no
    m_counts = static_cast<Counter *>(memory);
}

ColorTable::~ColorTable()
{
    if (!m_counts)
        return;
    TablePool &pool = tablePool();
    const std::lock_guard lock(pool.mutex);
    if (pool.free.size() < pool.capacity)
        pool.free.push_back({m_counts, m_countersPerColor});
    else
        ::munmap(m_counts, tableBytes(m_countersPerColor));
}

ColorHistogram::ColorHistogram(Layout layout) : m_layout(layout) {}

ColorHistogram::~ColorHistogram()
{
    clear(); // the table goes back to the pool all zero
}

void ColorHistogram::acquireTable()
{
    m_table.acquire(m_layout == StreamAndImageCounts ? 2 : 1);
}

namespace {

// Adds `count` (> 0) to a colour's counter, spilling what does not fit as
// colorcounting::countPixel() does.
inline void addCount(Counter &counter, quint32 rgb, quint64 count, std::vector<quint32> &touched,
                     std::unordered_map<quint32, quint64> &sparse)
{
    if (counter == 0)
        touched.push_back(rgb);
    const quint64 sum = counter + count;
    if (sum <= kCounterFull) {
        counter = Counter(sum);
    } else {
        sparse[rgb] += sum - 1;
        counter = 1;
    }
}

template<int CountersPerColor>
void countFrame(const cv::Mat &frame, Counter *table, std::vector<quint32> &touched,
                std::unordered_map<quint32, quint64> &sparse)
{
    colorcounting::countDirect<CountersPerColor>(frame, colorcounting::Target{table, touched, sparse});
}

} // namespace

void ColorHistogram::addFrame(const cv::Mat &bgr)
{
    cv::Mat converted;
    const cv::Mat frame = asBgr(bgr, converted);
    if (frame.empty())
        return;
    acquireTable();
    if (m_layout == StreamAndImageCounts)
        countFrame<2>(frame, m_table.data(), m_touched, m_sparse);
    else
        countFrame<1>(frame, m_table.data(), m_touched, m_sparse);
    m_total += quint64(frame.total());
}

ColorCount ColorHistogram::addImage(const cv::Mat &bgr)
{
    cv::Mat converted;
    const cv::Mat frame = asBgr(bgr, converted);
    if (frame.empty())
        return {};
    if (m_layout != StreamAndImageCounts) {
        // No image counters here: count the image on its own.
        ColorHistogram image;
        image.addFrame(frame);
        merge(image);
        return image.dominant();
    }
    acquireTable();

    // The second counter of each entry counts this image; it is added to the first below.
    Counter *const table = m_table.data();
    countFrame<2>(frame, table + 1, m_imageTouched, m_imageSparse);

    ColorCount best;
    for (const quint32 rgb : m_imageTouched) {
        Counter *const entry = table + 2 * std::size_t(rgb);
        quint64 count = entry[1];
        if (!m_imageSparse.empty()) {
            if (const auto spilled = m_imageSparse.find(rgb); spilled != m_imageSparse.end())
                count += spilled->second;
        }
        if (count > best.count || (count == best.count && rgb < best.rgb))
            best = {rgb, count};
        addCount(entry[0], rgb, count, m_touched, m_sparse);
        entry[1] = 0;
    }
    m_imageTouched.clear();
    m_imageSparse.clear();
    m_total += quint64(frame.total());
    return best;
}

void ColorHistogram::add(quint32 rgb, quint64 count)
{
    if (count == 0 || rgb > kMaxRgb)
        return;
    acquireTable();
    m_total += count;
    addCount(m_table[rgb], rgb, count, m_touched, m_sparse);
}

void ColorHistogram::merge(const ColorHistogram &other)
{
    if (&other == this) {
        // add() below would grow the very lists being walked; work from a copy instead.
        for (const ColorCount &c : counts())
            add(c.rgb, c.count);
        return;
    }
    forEachColor(other.m_table, other.m_touched, other.m_sparse,
                 [this](quint32 rgb, quint64 count) { add(rgb, count); });
}

void ColorHistogram::clear()
{
    for (const quint32 rgb : m_touched)
        m_table[rgb] = 0;
    m_touched.clear();
    m_sparse.clear();
    m_total = 0;
}

qsizetype ColorHistogram::distinctColors() const
{
    return qsizetype(m_touched.size()); // every colour counted is listed there once
}

ColorCount ColorHistogram::dominant() const
{
    ColorCount best;
    forEachColor(m_table, m_touched, m_sparse, [&best](quint32 rgb, quint64 count) {
        if (count > best.count || (count == best.count && rgb < best.rgb))
            best = {rgb, count};
    });
    return best;
}

ColorCounts ColorHistogram::counts() const
{
    // Colours in rgb order: sorted, or, when there are many (a video has hundreds of
    // thousands), read off the table in one forward sweep, ten times cheaper than sorting them.
    std::vector<quint32> sorted;
    if (m_touched.size() > kColorSpace / 128) {
        sorted.reserve(m_touched.size());
        // Four counters per 64-bit load; most words are all zero. (Image counters are zero
        // between images, so a StreamAndImageCounts table sweeps the same way.)
        const std::size_t stride = m_layout == StreamAndImageCounts ? 2 : 1;
        const Counter *const table = m_table.data();
        constexpr std::size_t kPerWord = sizeof(quint64) / sizeof(Counter);
        for (std::size_t at = 0; at < kColorSpace * stride; at += kPerWord) {
            quint64 word;
            std::memcpy(&word, table + at, sizeof word);
            if (word == 0)
                continue;
            for (std::size_t k = at; k < at + kPerWord; k += stride) {
                if (table[k] != 0)
                    sorted.push_back(quint32(k / stride));
            }
        }
    } else {
        sorted = m_touched;
        std::sort(sorted.begin(), sorted.end());
    }
    ColorCounts all;
    all.reserve(sorted.size());
    for (const quint32 rgb : sorted)
        all.push_back({rgb, m_table[rgb]});
    // The few colours counted past a table counter's range, found by halving the sorted list
    // rather than one lookup in the spill map for each of hundreds of thousands of colours.
    for (const auto &[rgb, spilled] : m_sparse) {
        const auto at = std::lower_bound(all.begin(), all.end(), rgb,
                                         [](const ColorCount &c, quint32 value) { return c.rgb < value; });
        at->count += spilled;
    }
    return all;
}

QByteArray ColorHistogram::toBytes() const
{
    return colorCountsToBytes(counts());
}

bool ColorHistogram::fromBytes(const QByteArray &bytes, ColorHistogram &into)
{
    // Validated before `into` is touched, so a rejected input leaves it as it was.
    const std::optional<ColorCounts> counts = colorCountsFromBytes(bytes);
    if (!counts)
        return false;
    into.clear();
    for (const ColorCount &c : *counts)
        into.add(c.rgb, c.count);
    return true;
}

namespace {

// Unsigned LEB128: seven bits a byte, low bits first, the top bit set on all but the last.
uchar *putVarint(uchar *out, quint64 value)
{
    while (value >= 0x80) {
        *out++ = uchar(value | 0x80);
        value >>= 7;
    }
    *out++ = uchar(value);
    return out;
}

// Reads one varint from [in, end), advancing `in`; false when the bytes end inside it or it
// does not fit 64 bits.
bool getVarint(const uchar *&in, const uchar *end, quint64 &value)
{
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (in == end)
            return false;
        const uchar byte = *in++;
        if (shift == 63 && byte > 1)
            return false;
        value |= quint64(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

constexpr int kMaxVarintBytes = 10;

} // namespace

QByteArray colorCountsToBytes(const ColorCounts &counts)
{
    QByteArray bytes(qsizetype(counts.size()) * 2 * kMaxVarintBytes, Qt::Uninitialized);
    uchar *const begin = reinterpret_cast<uchar *>(bytes.data());
    uchar *out = begin;
    qint64 previous = -1;
    for (const ColorCount &c : counts) {
        out = putVarint(out, quint64(qint64(c.rgb) - previous - 1));
        out = putVarint(out, c.count);
        previous = c.rgb;
    }
    bytes.truncate(out - begin);
    return bytes;
}

std::optional<ColorCounts> colorCountsFromBytes(const QByteArray &bytes)
{
    ColorCounts counts;
    // At least two bytes a colour: reserving that many grows the list once, not twenty times
    // (a video's state holds hundreds of thousands of colours; pages never written cost nothing).
    counts.reserve(size_t(bytes.size()) / 2);
    const auto *in = reinterpret_cast<const uchar *>(bytes.constData());
    const auto *const end = in + bytes.size();
    quint64 total = 0;
    qint64 previous = -1;
    while (in != end) {
        quint64 gap = 0;
        quint64 count = 0;
        if (!getVarint(in, end, gap) || !getVarint(in, end, count))
            return std::nullopt;
        // The gap makes colours strictly increasing; it must not carry one past 24 bits.
        const qint64 room = qint64(kMaxRgb) - previous - 1;
        if (room < 0 || gap > quint64(room) || count == 0 || count > std::numeric_limits<quint64>::max() - total)
            return std::nullopt;
        previous += qint64(gap) + 1;
        total += count;
        counts.push_back({quint32(previous), count});
    }
    return counts;
}

quint64 totalOf(const ColorCounts &counts)
{
    quint64 total = 0;
    for (const ColorCount &c : counts)
        total += c.count;
    return total;
}

ColorCount dominantOf(const ColorCounts &counts)
{
    // Sorted by rgb, so the first of equal counts is the smallest colour.
    ColorCount best;
    for (const ColorCount &c : counts) {
        if (c.count > best.count)
            best = c;
    }
    return best;
}

ColorCounts mergeColorCounts(const ColorCounts &a, const ColorCounts &b)
{
    ColorCounts sum;
    sum.reserve(a.size() + b.size());
    auto left = a.begin();
    auto right = b.begin();
    while (left != a.end() && right != b.end()) {
        if (left->rgb < right->rgb) {
            sum.push_back(*left++);
        } else if (right->rgb < left->rgb) {
            sum.push_back(*right++);
        } else {
            sum.push_back({left->rgb, left->count + right->count});
            ++left;
            ++right;
        }
    }
    sum.insert(sum.end(), left, a.end());
    sum.insert(sum.end(), right, b.end());
    return sum;
}

} // namespace fp
