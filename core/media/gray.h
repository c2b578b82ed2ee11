#pragma once

// 8-bit gray frames exactly as OpenCV 4.6's COLOR_BGR2GRAY gives them (the gray analyses'
// known answers): from BGR, and straight from a decoder's YUV 4:2:0 picture without the BGR
// frame in between, for analyses that look at nothing else.

#include <opencv2/core.hpp>

#include <cstdint>

namespace fp {

// cv::cvtColor(bgr, gray, COLOR_BGR2GRAY) for an 8-bit BGR frame, twice as fast where the
// processor has AVX2. `gray` is reused when it has the size.
void bgrToGray(const cv::Mat &bgr, cv::Mat &gray);

// How swscale turns 8-bit YUV into BGR on its unscaled path (the conversion a VideoReader
// frame went through): 16-bit fixed point, the coefficients of one colour space and range.
struct YuvToBgrCoefficients
{
    int16_t yOffset = 0, yScale = 0;
    int16_t uOffset = 0, vOffset = 0;
    int16_t blueFromU = 0, greenFromU = 0, greenFromV = 0, redFromV = 0;

    // swscale's (libswscale 6: ff_yuv2rgb_c_init_tables) from what sws_getColorspaceDetails
    // reports: `inverseTable` its 4 entries, contrast and saturation in 16.16 fixed point.
    static YuvToBgrCoefficients fromColorspaceDetails(const int inverseTable[4], bool fullRange, int brightness,
                                                      int contrast, int saturation);
};

// Σ and Σ² of the 3 × 3 Laplacian [0 1 0; 1 −4 1; 0 1 0] of an 8-bit gray frame with OpenCV's
// default border (reflect 101): the values cv::Laplacian(gray, out, CV_64F) gives, summed
// exactly, without writing them (a tenth of the time of that and cv::meanStdDev, with AVX2).
struct LaplacianSums
{
    int64_t sum = 0;
    int64_t squares = 0;
};
[[nodiscard]] LaplacianSums laplacianSums(const cv::Mat &gray);

// One 4:2:0 picture's planes, 8 bits a sample; chroma rows and columns are halved, rounding up.
struct Yuv420Planes
{
    const uint8_t *y = nullptr, *u = nullptr, *v = nullptr;
    int yStride = 0, uStride = 0, vStride = 0;
    int width = 0, height = 0;
};

// COLOR_BGR2GRAY of the BGR picture swscale's SSSE3 yuv420 → bgr24 converter would write with
// `coefficients`, pixel for pixel, without writing it: 0.43 of the time of that conversion
// and the gray conversion after it (0.10 against 0.23 ms for a 768×576 frame). Needs AVX2 (yuv420GrayAvailable()); `gray`
// is reused when it has the size.
[[nodiscard]] bool yuv420GrayAvailable();
void yuv420ToGray(const Yuv420Planes &planes, const YuvToBgrCoefficients &coefficients, cv::Mat &gray);

} // namespace fp
