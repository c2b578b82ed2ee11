#pragma once

#include <string>

namespace cv { class Mat; }

namespace fp {

// The module imagecodecs (workermodule.h): OpenCV's image codecs, for the images a worker does
// not decode itself (jpegcodec.h): other formats, and JPEGs with EXIF data, CMYK or damage.
struct ImageCodecsModule
{
    static constexpr const char *name = "imagecodecs";
    static constexpr int version = 1;
    static constexpr bool global = false;

    // cv::imread(path, cv::IMREAD_COLOR), throwing what it throws.
    cv::Mat (*readColor)(const std::string &path);
};

} // namespace fp
