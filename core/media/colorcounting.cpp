#include "colorcounting.h"

#include <opencv2/core.hpp>

namespace fp::colorcounting {

namespace {

quint32 rgbAt(const uchar *bgrPixel)
{
    return (quint32(bgrPixel[2]) << 16) | (quint32(bgrPixel[1]) << 8) | bgrPixel[0];
}

} // namespace

template<int Stride>
void countDirect(const cv::Mat &bgr, const Target &target)
{
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar *pixel = bgr.ptr<uchar>(y);
        const uchar *const rowEnd = pixel + 3 * bgr.cols;
        const uchar *const prefetchEnd = bgr.cols > kPrefetchAhead ? rowEnd - 3 * kPrefetchAhead : pixel;
        for (; pixel != prefetchEnd; pixel += 3) {
            __builtin_prefetch(target.table + std::size_t(rgbAt(pixel + 3 * kPrefetchAhead)) * Stride, 1);
            const quint32 rgb = rgbAt(pixel);
            countPixel(target.table[std::size_t(rgb) * Stride], rgb, target);
        }
        for (; pixel != rowEnd; pixel += 3) {
            const quint32 rgb = rgbAt(pixel);
            countPixel(target.table[std::size_t(rgb) * Stride], rgb, target);
        }
    }
}

template void countDirect<1>(const cv::Mat &, const Target &);
template void countDirect<2>(const cv::Mat &, const Target &);

} // namespace fp::colorcounting
