#include "framehelpers.h"

#include <QJsonArray>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <limits>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace fp::analyses {

namespace {
const QString kAnalysisKey = QStringLiteral("analysis");
const QString kErrorKey = QStringLiteral("error");

// OpenCV 4.6's COLOR_BGR2GRAY for 8-bit pixels, to the bit: (3735 b + 19235 g + 9798 r + 2^14)
// >> 15, the same in its vector and scalar paths (checked over all 2^24 colours, and against
// cvtColor by tst_analysis).
constexpr int kGrayBlue = 3735;
constexpr int kGrayGreen = 19235;
constexpr int kGrayRed = 9798;
constexpr int kGrayShift = 15;

inline uchar grayOf(const uchar *bgr)
{
    return uchar((bgr[0] * kGrayBlue + bgr[1] * kGrayGreen + bgr[2] * kGrayRed + (1 << (kGrayShift - 1))) >> kGrayShift);
}

#if defined(__x86_64__)
// 16 pixels' gray from their channels as 16-bit words, in the order of the words.
__attribute__((target("avx2"))) inline __m256i grayWords(__m256i blue, __m256i green, __m256i red)
{
    const __m256i blueGreen = _mm256_set1_epi32((kGrayGreen << 16) | kGrayBlue);
    const __m256i redHalf = _mm256_set1_epi32(((1 << (kGrayShift - 1)) << 16) | kGrayRed);
    const __m256i one = _mm256_set1_epi16(1);
    const __m256i low = _mm256_add_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(blue, green), blueGreen),
                                         _mm256_madd_epi16(_mm256_unpacklo_epi16(red, one), redHalf));
    const __m256i high = _mm256_add_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(blue, green), blueGreen),
                                          _mm256_madd_epi16(_mm256_unpackhi_epi16(red, one), redHalf));
    return _mm256_packs_epi32(_mm256_srli_epi32(low, kGrayShift), _mm256_srli_epi32(high, kGrayShift));
}

// One channel's bytes out of a lane's three 16-byte pieces of BGR pixels.
__attribute__((target("avx2"))) inline __m256i channelBytes(__m256i piece0, __m256i piece1, __m256i piece2, __m256i pick0,
                                                            __m256i pick1, __m256i pick2)
{
    return _mm256_or_si256(_mm256_or_si256(_mm256_shuffle_epi8(piece0, pick0), _mm256_shuffle_epi8(piece1, pick1)),
                           _mm256_shuffle_epi8(piece2, pick2));
}

// One row, 32 pixels a step: each 128-bit lane takes 16 pixels (48 bytes) and picks their blue,
// green and red bytes out of its three 16-byte pieces. OpenCV 4.6's own conversion takes twice
// as long (0.18 against 0.08 ms for a 768×576 frame): a worker's brightness, motion or
// sharpness spent a fifth of its time in it.
__attribute__((target("avx2"))) void bgrRowToGrayAvx2(const uchar *bgr, uchar *gray, int width)
{
    const __m256i blue0 = _mm256_broadcastsi128_si256(_mm_setr_epi8(0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
    const __m256i blue1 = _mm256_broadcastsi128_si256(_mm_setr_epi8(-1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14, -1, -1, -1, -1, -1));
    const __m256i blue2 = _mm256_broadcastsi128_si256(_mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 4, 7, 10, 13));
    const __m256i green0 = _mm256_broadcastsi128_si256(_mm_setr_epi8(1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
    const __m256i green1 = _mm256_broadcastsi128_si256(_mm_setr_epi8(-1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15, -1, -1, -1, -1, -1));
    const __m256i green2 = _mm256_broadcastsi128_si256(_mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 2, 5, 8, 11, 14));
    const __m256i red0 = _mm256_broadcastsi128_si256(_mm_setr_epi8(2, 5, 8, 11, 14, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1));
    const __m256i red1 = _mm256_broadcastsi128_si256(_mm_setr_epi8(-1, -1, -1, -1, -1, 1, 4, 7, 10, 13, -1, -1, -1, -1, -1, -1));
    const __m256i red2 = _mm256_broadcastsi128_si256(_mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 3, 6, 9, 12, 15));
    const __m256i zero = _mm256_setzero_si256();
    int x = 0;
    for (; x + 32 <= width; x += 32) {
        const uchar *p = bgr + 3 * x;
        const __m256i piece0 = _mm256_loadu2_m128i(reinterpret_cast<const __m128i *>(p + 48), reinterpret_cast<const __m128i *>(p));
        const __m256i piece1 = _mm256_loadu2_m128i(reinterpret_cast<const __m128i *>(p + 64), reinterpret_cast<const __m128i *>(p + 16));
        const __m256i piece2 = _mm256_loadu2_m128i(reinterpret_cast<const __m128i *>(p + 80), reinterpret_cast<const __m128i *>(p + 32));
        const __m256i blue = channelBytes(piece0, piece1, piece2, blue0, blue1, blue2);
        const __m256i green = channelBytes(piece0, piece1, piece2, green0, green1, green2);
        const __m256i red = channelBytes(piece0, piece1, piece2, red0, red1, red2);
        const __m256i low = grayWords(_mm256_unpacklo_epi8(blue, zero), _mm256_unpacklo_epi8(green, zero), _mm256_unpacklo_epi8(red, zero));
        const __m256i high = grayWords(_mm256_unpackhi_epi8(blue, zero), _mm256_unpackhi_epi8(green, zero), _mm256_unpackhi_epi8(red, zero));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(gray + x), _mm256_packus_epi16(low, high));
    }
    for (; x < width; ++x)
        gray[x] = grayOf(bgr + 3 * x);
}

bool hasAvx2()
{
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}
#endif

} // namespace

bool isUsableFrame(const cv::Mat &frame)
{
    const int channels = frame.channels();
    return !frame.empty() && frame.depth() == CV_8U && (channels == 1 || channels == 3 || channels == 4);
}

cv::Mat bgrView(const cv::Mat &frame, cv::Mat &buffer)
{
    if (frame.channels() == 3)
        return frame;
    cv::cvtColor(frame, buffer, frame.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
    return buffer;
}

void toGray(const cv::Mat &frame, cv::Mat &gray)
{
    switch (frame.channels()) {
    case 1:
        frame.copyTo(gray);
        break;
    case 3:
#if defined(__x86_64__)
        if (hasAvx2()) {
            gray.create(frame.size(), CV_8UC1);
            for (int y = 0; y < frame.rows; ++y)
                bgrRowToGrayAvx2(frame.ptr<uchar>(y), gray.ptr<uchar>(y), frame.cols);
            break;
        }
#endif
        cv::cvtColor(frame, gray, cv::COLOR_BGR2GRAY);
        break;
    default:
        cv::cvtColor(frame, gray, cv::COLOR_BGRA2GRAY);
        break;
    }
}

QString hexColor(quint32 rgb)
{
    return QStringLiteral("#%1").arg(rgb & 0xFFFFFFu, 6, 16, QLatin1Char('0'));
}

void insertColor(QJsonObject &object, quint32 rgb)
{
    object.insert(QStringLiteral("rgb"),
                  QJsonArray{int((rgb >> 16) & 0xFF), int((rgb >> 8) & 0xFF), int(rgb & 0xFF)});
    object.insert(QStringLiteral("hex"), hexColor(rgb));
}

double percentOf(quint64 part, quint64 whole)
{
    return whole > 0 ? 100.0 * double(part) / double(whole) : 0.0;
}

QJsonValue countValue(quint64 count)
{
    return QJsonValue(qint64(std::min<quint64>(count, quint64(std::numeric_limits<qint64>::max()))));
}

std::optional<quint64> countFrom(const QJsonValue &value)
{
    const qint64 count = value.toInteger(-1);
    if (count < 0)
        return std::nullopt;
    return quint64(count);
}

QJsonObject errorObject(const QString &why)
{
    return {{kErrorKey, why}};
}

QJsonObject stateHeader(const QString &analysis)
{
    return {{kAnalysisKey, analysis}};
}

QString stateError(const QString &analysis, const QJsonObject &state)
{
    if (state.contains(kErrorKey))
        return state.value(kErrorKey).toString(QStringLiteral("invalid state"));
    if (state.value(kAnalysisKey).toString() != analysis)
        return QStringLiteral("state is not a %1 state").arg(analysis);
    return {};
}

} // namespace fp::analyses
