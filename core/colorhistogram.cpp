#include "colorhistogram.h"

#include <QtEndian>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <limits>
#include <mutex>
#include <new>

#include <sys/mman.h>

namespace fp {

namespace {

constexpr std::size_t kColorSpace = std::size_t(1) << 24;
constexpr quint32 kMaxRgb = 0xFFFFFF;
constexpr quint64 kCounterMax = std::numeric_limits<quint32>::max();
constexpr qsizetype kEntryBytes = sizeof(quint32) + sizeof(quint64);

// Calls visit(rgb, count) once per colour with a non-zero count, where count is the table
// counter plus whatever earlier drains left in the sparse map. Order is unspecified.
template<typename Visit>
void forEachColor(const ColorTable &table, const std::vector<quint32> &touched,
                  const std::unordered_map<quint32, quint64> &sparse, Visit visit)
{
    for (const quint32 rgb : touched) {
        const auto drained = sparse.find(rgb);
        visit(rgb, quint64(table[rgb]) + (drained == sparse.end() ? 0 : drained->second));
    }
    for (const auto &[rgb, count] : sparse) {
        // Colours still in the table were visited above with their drained part included.
        const bool inTable = !table.empty() && table[rgb] != 0;
        if (!inTable)
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

} // namespace

namespace {

std::size_t tableBytes(int countersPerColor)
{
    return kColorSpace * sizeof(quint32) * std::size_t(countersPerColor);
}

// Released, all-zero tables kept for the next histogram of this process.
struct TablePool
{
    struct Table
    {
        quint32 *counts;
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
    m_counts = static_cast<quint32 *>(memory);
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

void ColorHistogram::addFrame(const cv::Mat &bgr)
{
    cv::Mat converted;
    const cv::Mat frame = asBgr(bgr, converted);
    if (frame.empty())
        return;
    acquireTable();

    const quint64 rowPixels = quint64(frame.cols);
    const std::size_t stride = m_layout == StreamAndImageCounts ? 2 : 1;
    quint32 *const table = m_table.data();
    for (int y = 0; y < frame.rows; ++y) {
        // Checked per row rather than per frame so even a frame of more than 4G pixels stays
        // exact: no counter can exceed m_tableTotal, which stays within 32 bits.
        if (m_tableTotal + rowPixels > kCounterMax)
            drainTable();
        const uchar *pixel = frame.ptr<uchar>(y);
        const uchar *const rowEnd = pixel + 3 * frame.cols;
        for (; pixel != rowEnd; pixel += 3) {
            const quint32 rgb = (quint32(pixel[2]) << 16) | (quint32(pixel[1]) << 8) | pixel[0];
            if (table[rgb * stride]++ == 0)
                m_touched.push_back(rgb);
        }
        m_tableTotal += rowPixels;
    }
    m_total += quint64(frame.rows) * rowPixels;
}

ColorCount ColorHistogram::addImage(const cv::Mat &bgr)
{
    cv::Mat converted;
    const cv::Mat frame = asBgr(bgr, converted);
    if (frame.empty())
        return {};
    const quint64 pixels = quint64(frame.total());
    if (m_layout != StreamAndImageCounts || pixels > kCounterMax) {
        // No image counters here (or the image could overflow one): count it on its own.
        ColorHistogram image;
        image.addFrame(frame);
        merge(image);
        return image.dominant();
    }
    if (m_tableTotal + pixels > kCounterMax)
        drainTable();
    acquireTable();

    // Counter 1 of each entry counts this image; it is folded into counter 0 below.
    quint32 *const table = m_table.data();
    for (int y = 0; y < frame.rows; ++y) {
        const uchar *pixel = frame.ptr<uchar>(y);
        const uchar *const rowEnd = pixel + 3 * frame.cols;
        for (; pixel != rowEnd; pixel += 3) {
            const quint32 rgb = (quint32(pixel[2]) << 16) | (quint32(pixel[1]) << 8) | pixel[0];
            if (table[2 * std::size_t(rgb) + 1]++ == 0)
                m_imageTouched.push_back(rgb);
        }
    }

    ColorCount best;
    for (const quint32 rgb : m_imageTouched) {
        quint32 *const entry = table + 2 * std::size_t(rgb);
        const quint32 count = entry[1];
        if (count > best.count || (count == best.count && rgb < best.rgb))
            best = {rgb, count};
        if (entry[0] == 0)
            m_touched.push_back(rgb);
        entry[0] += count;
        entry[1] = 0;
    }
    m_imageTouched.clear();
    m_tableTotal += pixels;
    m_total += pixels;
    return best;
}

void ColorHistogram::add(quint32 rgb, quint64 count)
{
    if (count == 0 || rgb > kMaxRgb)
        return;
    m_total += count;
    if (count > kCounterMax) {
        // Could never fit a table counter; the sparse map holds 64-bit counts.
        m_sparse[rgb] += count;
        return;
    }
    if (m_tableTotal + count > kCounterMax)
        drainTable();
    acquireTable();
    if (m_table[rgb] == 0)
        m_touched.push_back(rgb);
    m_table[rgb] += quint32(count);
    m_tableTotal += count;
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
    m_tableTotal = 0;
    m_sparse.clear();
    m_total = 0;
}

qsizetype ColorHistogram::distinctColors() const
{
    qsizetype distinct = 0;
    forEachColor(m_table, m_touched, m_sparse, [&distinct](quint32, quint64) { ++distinct; });
    return distinct;
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
    ColorCounts all;
    all.reserve(m_touched.size() + m_sparse.size());
    forEachColor(m_table, m_touched, m_sparse,
                 [&all](quint32 rgb, quint64 count) { all.push_back({rgb, count}); });
    std::sort(all.begin(), all.end(),
              [](const ColorCount &a, const ColorCount &b) { return a.rgb < b.rgb; });
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

QByteArray colorCountsToBytes(const ColorCounts &counts)
{
    QByteArray bytes(qsizetype(counts.size()) * kEntryBytes, Qt::Uninitialized);
    uchar *out = reinterpret_cast<uchar *>(bytes.data());
    for (const ColorCount &c : counts) {
        qToLittleEndian<quint32>(c.rgb, out);
        qToLittleEndian<quint64>(c.count, out + sizeof(quint32));
        out += kEntryBytes;
    }
    return bytes;
}

std::optional<ColorCounts> colorCountsFromBytes(const QByteArray &bytes)
{
    if (bytes.size() % kEntryBytes != 0)
        return std::nullopt;
    ColorCounts counts;
    counts.reserve(std::size_t(bytes.size() / kEntryBytes));
    const auto *const begin = reinterpret_cast<const uchar *>(bytes.constData());
    const auto *const end = begin + bytes.size();
    quint64 total = 0;
    qint64 previousRgb = -1;
    for (const uchar *in = begin; in != end; in += kEntryBytes) {
        const quint32 rgb = qFromLittleEndian<quint32>(in);
        const quint64 count = qFromLittleEndian<quint64>(in + sizeof(quint32));
        const bool sortedAndUnique = qint64(rgb) > previousRgb;
        const bool totalOverflows = count > std::numeric_limits<quint64>::max() - total;
        if (rgb > kMaxRgb || count == 0 || !sortedAndUnique || totalOverflows)
            return std::nullopt;
        total += count;
        previousRgb = rgb;
        counts.push_back({rgb, count});
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

void ColorHistogram::drainTable()
{
    for (const quint32 rgb : m_touched) {
        m_sparse[rgb] += m_table[rgb];
        m_table[rgb] = 0;
    }
    m_touched.clear();
    m_tableTotal = 0;
}

} // namespace fp
