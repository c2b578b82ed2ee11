#pragma once

#include <QList>
#include <QString>

#include <opencv2/core.hpp>

#include <memory>

namespace fp {

// Reads a video file with FFmpeg's own libraries (libavformat, libavcodec, libswscale): the
// frames cv::VideoCapture's FFmpeg backend gives (OpenCV 4.6: the same decoder, the same BGR
// conversion, sws_scale with SWS_BICUBIC over the coded size, and quarter turns as the
// stream's display matrix says), bit for bit, without what VideoCapture costs besides:
// - VideoCapture converts each frame into a buffer of its own and copies it into the caller's
//   Mat (0.13 ms for a 768×576 frame); here sws_scale writes into the Mat read() hands out;
// - linking OpenCV's videoio loads GStreamer and ~100 more shared libraries at every start.
// Frames are numbered as they are decoded, from 0. Segments of a video start at keyframes
// that the probe found safe to cut at (scanPackets()), and seekToFrame() lands on exactly
// the frame the probe numbered.
class VideoReader
{
public:
    VideoReader();
    ~VideoReader();
    VideoReader(const VideoReader &) = delete;
    VideoReader &operator=(const VideoReader &) = delete;

    enum class Mode {
        Decode,  // frames: read(), seekToFrame()
        Packets, // the container's packets, undecoded: scanPackets() (a probe)
    };
    // Why open() failed.
    enum class Failure {
        None,
        NotAVideo,   // FFmpeg recognises no format in it, or cannot read its streams
        NoPicture,   // no video stream, or one of zero size
        NoDecoder,   // FFmpeg here has no decoder for its codec
        DecoderFailed,
    };
    // Opens the file's first video stream and checks that its codec can be decoded; Decode
    // mode also opens the decoder, with `threads` threads (0: FFmpeg's choice). False with
    // failure() and error() saying why.
    bool open(const QString &path, Mode mode, int threads = 1);
    [[nodiscard]] Failure failure() const;
    [[nodiscard]] const QString &error() const; // for an item's error: "no decoder for codec ..."

    // What the container declares, as VideoCapture's properties report it.
    [[nodiscard]] double fps() const;            // CAP_PROP_FPS; 0 when unknown
    [[nodiscard]] double declaredFrames() const; // CAP_PROP_FRAME_COUNT: the header's count, or duration × fps
    [[nodiscard]] int width() const;             // as the frames come out (after rotation)
    [[nodiscard]] int height() const;
    [[nodiscard]] QString codecTag() const;      // CAP_PROP_FOURCC as text ("avc1"); empty when none

    // Packets mode: demuxes the stream without decoding. `packets` is the number of video
    // packets (one frame each, in any stream FFmpeg decodes frame by frame); `cuts` the
    // keyframes (packet numbers) where a segment can start exactly: every packet before has an
    // earlier presentation time and every packet from it a later one (no B-frame reordering
    // across it, no leading pictures that refer back), so decoding from it gives the same
    // frames, and frame numbers, as decoding the file from the start. At most `maxCuts`.
    struct PacketScan
    {
        qint64 packets = 0;
        QList<qint64> cuts;
    };
    [[nodiscard]] PacketScan scanPackets(qsizetype maxCuts);

    // Decode mode, right after open(): positions the reader so that the next read() decodes
    // frame `frame` (packet `frame`, when it is a cut: a damaged one fails that read, as it
    // would reading from the start). With `before`, puts there the frame a reading from the
    // start gives an analysis just before it (frame `frame` - 1, or the last before it that
    // decodes): pairwise analyses count the pair. Seeks by the container's index where it has
    // one entry per packet (MP4, AVI), else demuxes up to the cut without decoding; decodes
    // from the start where `frame` is not a keyframe. False when the video ends first, or
    // nothing before `frame` decodes.
    bool seekToFrame(qint64 frame, cv::Mat *before = nullptr);

    // What read() and seekToFrame() hand out.
    enum class Pixels {
        Bgr,  // 8-bit BGR, as VideoCapture gives them
        Gray, // 8-bit gray: COLOR_BGR2GRAY of those BGR frames, exactly
    };
    void setPixels(Pixels pixels);

    // The next frame. False when its data did not decode (the next call goes on with the frame
    // after it) or the stream has ended (every call fails), as VideoCapture::read().
    // `frame` shares the reader's buffer; the next read() decodes into it again unless
    // something else holds it, so an analyzer that keeps a reference keeps its pixels.
    bool read(cv::Mat &frame);
    // The frame read last in BGR, whatever setPixels() says (a thumbnail of a gray run).
    bool retrieveBgr(cv::Mat &frame);

    // Whether gray frames of this pixel format (FFmpeg's name: "yuv420p") and coded size come
    // straight from the decoder's YUV picture (fp::yuv420ToGray) rather than through BGR:
    // YUV 4:2:0 on a processor with AVX2, where swscale's own conversion of a calibration
    // picture `calibrationRows` high gives the same gray. Each (Y, U, V) occurs in a
    // 4096 × 4096 picture; readers check 64 rows, once per format and size in a process.
    [[nodiscard]] static bool grayStraightFromYuv(const char *pixelFormat, int codedWidth, int codedHeight,
                                                  int calibrationRows = 64);
    // The timestamp of the frame read last, in milliseconds from the stream's start.
    [[nodiscard]] double frameMs() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace fp
