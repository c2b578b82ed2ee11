#include "colorcounting.h"

#include <opencv2/core.hpp>

namespace fp::colorcounting {

template<int Stride>
void countDirect(const cv::Mat &bgr, const Target &target)
{
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar *pixel = bgr.ptr<uchar>(y);
        const uchar *const rowEnd = pixel + 3 * bgr.cols;
        for (; pixel != rowEnd; pixel += 3) {
            const quint32 rgb = (quint32(pixel[2]) << 16) | (quint32(pixel[1]) << 8) | pixel[0];
            countPixel(target.table[std::size_t(rgb) * Stride], rgb, target);
        }
    }
}

template void countDirect<1>(const cv::Mat &, const Target &);
template void countDirect<2>(const cv::Mat &, const Target &);

} // namespace fp::colorcounting
