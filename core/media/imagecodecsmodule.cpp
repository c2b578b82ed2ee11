// The module imagecodecs: what a worker needs of libopencv_imgcodecs, loaded on first use.

#include "imagecodecsmodule.h"
#include "workermodule.h"

#include <opencv2/imgcodecs.hpp>

namespace {

cv::Mat readColor(const std::string &path)
{
    return cv::imread(path, cv::IMREAD_COLOR);
}

const fp::ImageCodecsModule kImageCodecs{&readColor};

} // namespace

FRAMEPOOL_MODULE_ENTRY(fp::ImageCodecsModule, kImageCodecs)
