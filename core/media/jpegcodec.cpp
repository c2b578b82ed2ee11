#include "jpegcodec.h"

#include <QFile>

#include <opencv2/core.hpp>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <jpeglib.h>

namespace fp {

namespace {

// OpenCV refuses wider or taller images than this (CV_IO_MAX_IMAGE_WIDTH and _HEIGHT).
constexpr quint64 kMaxSide = quint64(1) << 20;

struct ErrorHandler
{
    jpeg_error_mgr manager;
    std::jmp_buf jump;
};

[[noreturn]] void jumpOut(j_common_ptr info)
{
    std::longjmp(reinterpret_cast<ErrorHandler *>(info->err)->jump, 1);
}

// Counts warnings (level -1) and prints nothing: a file with any goes to cv::imread, which
// says what it says about it.
void countWarning(j_common_ptr info, int level)
{
    if (level < 0)
        ++info->err->num_warnings;
}

bool hasExif(const jpeg_decompress_struct &info)
{
    static constexpr char kExif[] = "Exif\0"; // "Exif\0\0"
    for (jpeg_saved_marker_ptr marker = info.marker_list; marker; marker = marker->next) {
        if (marker->marker == JPEG_APP0 + 1 && marker->data_length >= 6 && std::memcmp(marker->data, kExif, 6) == 0)
            return true;
    }
    return false;
}

// The decoding itself, with nothing in this frame that a longjmp out of libjpeg would skip
// the destructor of.
bool decode(std::FILE *file, quint64 maxPixels, cv::Mat &bgr)
{
    jpeg_decompress_struct info;
    ErrorHandler errors;
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jumpOut;
    errors.manager.emit_message = countWarning;
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_stdio_src(&info, file);
    jpeg_save_markers(&info, JPEG_APP0 + 1, 6); // enough to tell EXIF
    jpeg_read_header(&info, TRUE);
    const quint64 width = info.image_width;
    const quint64 height = info.image_height;
    if (info.num_components == 4 || hasExif(info) || width > kMaxSide || height > kMaxSide
        || (maxPixels > 0 && width * height > maxPixels) || errors.manager.num_warnings > 0) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    info.out_color_space = JCS_EXT_BGR;
    jpeg_start_decompress(&info);
    try {
        bgr.create(int(info.output_height), int(info.output_width), CV_8UC3);
    } catch (...) {
        jpeg_destroy_decompress(&info);
        throw; // out of memory: the caller says so
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = bgr.ptr<uchar>(int(info.output_scanline));
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    const bool clean = errors.manager.num_warnings == 0;
    jpeg_destroy_decompress(&info);
    return clean;
}

// As decode(): nothing with a destructor in this frame.
bool encode(const cv::Mat &bgr, int quality, unsigned char **bytes, unsigned long *size)
{
    jpeg_compress_struct info;
    ErrorHandler errors;
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jumpOut;
    if (setjmp(errors.jump)) {
        jpeg_destroy_compress(&info);
        return false;
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, bytes, size);
    info.image_width = JDIMENSION(bgr.cols);
    info.image_height = JDIMENSION(bgr.rows);
    info.input_components = 3;
    // OpenCV swaps each row to RGB and has libjpeg convert that: the same conversion to YCbCr.
    info.in_color_space = JCS_EXT_BGR;
    // OpenCV's settings for IMWRITE_JPEG_QUALITY alone: libjpeg's defaults (4:2:0, Huffman
    // tables of the standard, no restart markers), the quality's tables limited to baseline.
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<uchar *>(bgr.ptr<uchar>(int(info.next_scanline)));
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return true;
}

} // namespace

QByteArray encodeJpeg(const cv::Mat &bgr, int quality)
{
    CV_Assert(bgr.type() == CV_8UC3);
    unsigned char *bytes = nullptr;
    unsigned long size = 0;
    QByteArray jpeg;
    if (encode(bgr, quality, &bytes, &size))
        jpeg = QByteArray(reinterpret_cast<const char *>(bytes), qsizetype(size));
    std::free(bytes); // jpeg_mem_dest's buffer, also when libjpeg failed on the way
    return jpeg;
}

bool readPlainJpeg(const QString &path, quint64 maxPixels, cv::Mat &bgr)
{
    std::FILE *file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!file)
        return false;
    unsigned char start[3] = {};
    const bool isJpeg = std::fread(start, 1, 3, file) == 3 && start[0] == 0xFF && start[1] == 0xD8 && start[2] == 0xFF;
    bool decoded = false;
    if (isJpeg && std::fseek(file, 0, SEEK_SET) == 0) {
        try {
            decoded = decode(file, maxPixels, bgr);
        } catch (...) {
            std::fclose(file);
            throw;
        }
    }
    std::fclose(file);
    if (!decoded)
        bgr.release();
    return decoded;
}

} // namespace fp
