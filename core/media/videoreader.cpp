#include "videoreader.h"

#include "gray.h"

#include <QFile>

#include <opencv2/core.hpp>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <new>
#include <optional>
#include <tuple>
#include <vector>

namespace fp {

namespace {

// What VideoCapture tolerates within one read before it gives up: packets of other streams
// (OPENCV_FFMPEG_READ_ATTEMPTS) and packets that produced no frame (OPENCV_FFMPEG_DECODE_ATTEMPTS).
constexpr int kMaxReadAttempts = 4096;
constexpr int kMaxDecodeAttempts = 64;
// A seek demuxes ahead from the keyframe before its target and holds those packets; past this
// (keyframes far apart in a high-rate stream) it decodes from the start instead.
constexpr size_t kMaxQueuedBytes = size_t(64) << 20;
// seekByIndex() found no index to use, and read nothing; or it read and missed.
constexpr qint64 kNoIndex = -1;
constexpr qint64 kIndexMissedIt = -2;
// Failed reads in a row that end a video (see WorkerSession's kMaxFailedReadsInARow).
constexpr int kMaxFailedReadsInARow = 25;

double ratio(AVRational r)
{
    return r.num == 0 || r.den == 0 ? 0.0 : double(r.num) / double(r.den);
}

// A codec tag as text ("avc1"), or empty when it is none or not printable.
QString fourccText(quint32 tag)
{
    QString text;
    for (int shift = 0; shift < 32; shift += 8) {
        const char c = char((tag >> shift) & 0xFF);
        if (c < 0x20 || c > 0x7E)
            return {};
        text += QLatin1Char(c);
    }
    return text.trimmed();
}

// Bytes a row of the BGR frame sws_scale writes: 32-byte aligned, as av_frame_get_buffer()
// aligns OpenCV's buffer (SIMD paths of swscale depend on it), and room for the 8-pixel steps
// its 4:2:0 converter takes (with less, it leaves a row's last pixels unwritten).
int bgrRowBytes(int codedWidth)
{
    return FFALIGN(FFALIGN(codedWidth, 8) * 3, 32);
}

// A buffer an analyzer still holds (it kept the last frame) is left to it.
void reclaim(cv::Mat &buffer)
{
    if (buffer.u && buffer.u->refcount > 1)
        buffer.release();
}

// The coefficients fp::yuv420ToGray needs to give what swscale's BGR and bgrToGray give, for
// pictures of this format and coded size; nothing where it cannot (see grayStraightFromYuv).
std::optional<YuvToBgrCoefficients> calibrateStraightGray(AVPixelFormat format, int codedWidth, int codedHeight,
                                                          int rows)
{
    // swscale takes its unscaled 4:2:0 path, whose arithmetic yuv420ToGray repeats, only for
    // these formats and an even height; otherwise it scales, with other arithmetic.
    if ((format != AV_PIX_FMT_YUV420P && format != AV_PIX_FMT_YUVJ420P) || codedHeight % 2 != 0
        || codedWidth <= 0 || !yuv420GrayAvailable())
        return std::nullopt;
    rows = std::max(2, rows + rows % 2);
    SwsContext *scaler = sws_getContext(codedWidth, rows, format, codedWidth, rows, AV_PIX_FMT_BGR24, SWS_BICUBIC,
                                        nullptr, nullptr, nullptr);
    if (!scaler)
        return std::nullopt;
    int *inverseTable = nullptr;
    int *table = nullptr;
    int sourceRange = 0, bgrRange = 0, brightness = 0, contrast = 0, saturation = 0;
    if (sws_getColorspaceDetails(scaler, &inverseTable, &sourceRange, &table, &bgrRange, &brightness, &contrast,
                                 &saturation) < 0) {
        sws_freeContext(scaler);
        return std::nullopt;
    }
    const YuvToBgrCoefficients coefficients = YuvToBgrCoefficients::fromColorspaceDetails(
        inverseTable, sourceRange != 0, brightness, contrast, saturation);

    // The calibration picture: chroma sample k has the (U, V) pair (k / 64) × 40503 mod 2^16
    // (an odd factor: 2^16 blocks of 64 samples take every pair once, and a few rows already
    // spread over the range) and its 2 × 2 luma block the values 4 (k mod 64) + 0…3, so every
    // (Y, U, V) occurs in 4096 × 4096 pixels. Planes padded for the converter's 16-pixel reads.
    const int chromaWidth = (codedWidth + 1) / 2;
    const int lumaStride = FFALIGN(codedWidth, 64) + 64;
    const int chromaStride = FFALIGN(chromaWidth, 64) + 64;
    std::vector<uint8_t> luma(size_t(lumaStride) * rows), blueDifference(size_t(chromaStride) * rows / 2),
        redDifference(size_t(chromaStride) * rows / 2);
    for (int row = 0; row < rows / 2; ++row) {
        for (int column = 0; column < chromaWidth; ++column) {
            const unsigned sample = unsigned(row) * unsigned(chromaWidth) + unsigned(column);
            const unsigned pair = ((sample >> 6) * 40503u) & 0xFFFFu;
            blueDifference[size_t(row) * chromaStride + column] = uint8_t(pair & 0xFF);
            redDifference[size_t(row) * chromaStride + column] = uint8_t(pair >> 8);
            for (int dy = 0; dy < 2; ++dy)
                for (int dx = 0; dx < 2 && 2 * column + dx < codedWidth; ++dx)
                    luma[size_t(2 * row + dy) * lumaStride + 2 * column + dx] = uint8_t(4 * (sample & 63) + 2 * dy + dx);
        }
    }
    const uint8_t *const planes[4] = {luma.data(), blueDifference.data(), redDifference.data(), nullptr};
    const int strides[4] = {lumaStride, chromaStride, chromaStride, 0};
    const int rowBytes = bgrRowBytes(codedWidth);
    cv::Mat bgrBuffer(rows + 1, rowBytes, CV_8UC1);
    uint8_t *const bgrPlanes[4] = {bgrBuffer.data, nullptr, nullptr, nullptr};
    const int bgrStrides[4] = {rowBytes, 0, 0, 0};
    sws_scale(scaler, planes, strides, 0, rows, bgrPlanes, bgrStrides);
    sws_freeContext(scaler);

    cv::Mat throughBgr;
    bgrToGray(bgrBuffer(cv::Rect(0, 0, codedWidth * 3, rows)).reshape(3), throughBgr);
    cv::Mat straight;
    yuv420ToGray({planes[0], planes[1], planes[2], lumaStride, chromaStride, chromaStride, codedWidth, rows},
                 coefficients, straight);
    if (cv::norm(throughBgr, straight, cv::NORM_INF) != 0)
        return std::nullopt;
    return coefficients;
}

// calibrateStraightGray() with 64 rows, once per format, width and parity of the height in a
// process (the height matters for nothing else).
std::optional<YuvToBgrCoefficients> straightGrayCoefficients(AVPixelFormat format, int codedWidth, int codedHeight)
{
    static std::mutex mutex;
    static std::map<std::tuple<int, int, int>, std::optional<YuvToBgrCoefficients>> calibrated;
    const std::lock_guard lock(mutex);
    const auto key = std::make_tuple(int(format), codedWidth, codedHeight % 2);
    auto found = calibrated.find(key);
    if (found == calibrated.end())
        found = calibrated.emplace(key, calibrateStraightGray(format, codedWidth, codedHeight, 64)).first;
    return found->second;
}

} // namespace

struct VideoReader::Private
{
    ~Private() { close(); }

    bool open(Mode mode);
    void close();
    bool fail(Failure why, const QString &text)
    {
        close();
        failure = why;
        error = text;
        return false;
    }

    // Into `packet`: the next packet of any stream, the ones a seek read ahead first.
    int readPacket();
    // Into `packet`: the demuxer's next packet of any stream.
    int demuxPacket();
    void queuePacket();
    void clearQueue();
    bool grab();
    // The picture decoded last into `frame`, as `pixels` says.
    bool convert(const AVFrame *from, cv::Mat &frame);
    bool convertToBgr(const AVFrame *from, cv::Mat &frame);
    // A decoded picture's size as swscale converts it (the coded size) and as VideoCapture
    // crops it (the size the stream declares).
    struct Geometry
    {
        int codedWidth, codedHeight, width, height;
    };
    [[nodiscard]] Geometry geometryOf(const AVFrame *picture) const;
    [[nodiscard]] cv::Mat upright(const cv::Mat &picture);
    [[nodiscard]] const AVIndexEntry *indexEntry(qint64 packetNumber) const;
    qint64 seekByIndex(qint64 frame, bool fromKeyframeBefore);
    qint64 seekByDemuxing(qint64 frame, bool fromKeyframeBefore);
    bool decodeBefore(qint64 first, qint64 frame, cv::Mat &before);
    bool decodeFromStart(qint64 frame, cv::Mat *before);

    QString path;
    int threads = 1;
    AVFormatContext *format = nullptr;
    AVStream *stream = nullptr;
    int streamIndex = -1;
    AVCodecContext *decoder = nullptr;
    AVPacket *packet = nullptr;
    AVFrame *picture = nullptr;
    std::deque<AVPacket *> queued; // packets a seek read ahead, decoded before the demuxer's
    size_t queuedBytes = 0;
    SwsContext *scaler = nullptr;
    int rotation = 0; // clockwise degrees the display matrix asks for: 0, 90, 180 or 270
    int64_t picturePts = AV_NOPTS_VALUE;
    cv::Mat buffer;  // what sws_scale writes: the coded size, rows aligned as FFmpeg aligns them
    cv::Mat rotated; // the frame turned upright, when the stream says it is not
    Pixels pixels = Pixels::Bgr;
    cv::Mat gray;    // gray frames, when they are asked for
    Failure failure = Failure::None;
    QString error;
};

void VideoReader::Private::close()
{
    clearQueue();
    sws_freeContext(scaler);
    scaler = nullptr;
    av_frame_free(&picture);
    av_packet_free(&packet);
    avcodec_free_context(&decoder);
    avformat_close_input(&format);
    stream = nullptr;
    streamIndex = -1;
    picturePts = AV_NOPTS_VALUE;
}

bool VideoReader::Private::open(Mode mode)
{
    close();
    failure = Failure::None;
    error.clear();
    // As OpenCV sets it: errors only, on stderr (an item's log).
    av_log_set_level(AV_LOG_ERROR);
    const QByteArray name = QFile::encodeName(path);
    if (avformat_open_input(&format, name.constData(), nullptr, nullptr) < 0)
        return fail(Failure::NotAVideo, QStringLiteral("cannot open as a video (not a format FFmpeg recognises)"));
    if (avformat_find_stream_info(format, nullptr) < 0)
        return fail(Failure::NotAVideo, QStringLiteral("cannot read the video's streams (corrupt or truncated)"));
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (format->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) {
            streamIndex = int(i);
            stream = format->streams[i];
            break;
        }
    }
    if (!stream || stream->codecpar->width <= 0 || stream->codecpar->height <= 0)
        return fail(Failure::NoPicture, QStringLiteral("video has no picture (no video stream or zero size)"));
    rotation = 0;
    if (const uint8_t *matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr)) {
        // VideoCapture turns frames by quarter turns only.
        const int angle = -int(std::lround(av_display_rotation_get(reinterpret_cast<const int32_t *>(matrix))));
        rotation = angle % 90 == 0 ? ((angle % 360) + 360) % 360 : 0;
    }
    const AVCodec *codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec) {
        const QString tag = fourccText(stream->codecpar->codec_tag);
        const QString what = stream->codecpar->codec_id != AV_CODEC_ID_NONE
                                 ? QString::fromLatin1(avcodec_get_name(stream->codecpar->codec_id))
                                 : tag.isEmpty() ? QStringLiteral("(unknown)")
                                                 : QStringLiteral("\"%1\"").arg(tag);
        return fail(Failure::NoDecoder,
                    QStringLiteral("no decoder for codec %1: FFmpeg on this machine cannot decode it").arg(what));
    }
    packet = av_packet_alloc();
    if (!packet)
        return fail(Failure::DecoderFailed, QStringLiteral("out of memory"));
    if (mode == Mode::Packets)
        return true;
    decoder = avcodec_alloc_context3(codec);
    picture = av_frame_alloc();
    if (!decoder || !picture)
        return fail(Failure::DecoderFailed, QStringLiteral("out of memory"));
    decoder->thread_count = threads;
    if (avcodec_parameters_to_context(decoder, stream->codecpar) < 0 || avcodec_open2(decoder, codec, nullptr) < 0)
        return fail(Failure::DecoderFailed,
                    QStringLiteral("cannot open the %1 decoder for this stream").arg(QString::fromLatin1(codec->name)));
    return true;
}

VideoReader::VideoReader() : d(std::make_unique<Private>()) {}

VideoReader::~VideoReader() = default;

bool VideoReader::open(const QString &path, Mode mode, int threads)
{
    d->path = path;
    d->threads = threads;
    return d->open(mode);
}

VideoReader::Failure VideoReader::failure() const
{
    return d->failure;
}

const QString &VideoReader::error() const
{
    return d->error;
}

double VideoReader::fps() const
{
    if (!d->stream)
        return 0;
    double fps = ratio(av_guess_frame_rate(d->format, d->stream, nullptr));
    if (fps < 0.000025)
        fps = ratio(d->stream->avg_frame_rate);
    return fps;
}

double VideoReader::declaredFrames() const
{
    if (!d->stream)
        return 0;
    if (d->stream->nb_frames > 0)
        return double(d->stream->nb_frames);
    double duration = double(d->format->duration) / AV_TIME_BASE;
    if (duration < 0.000025)
        duration = double(d->stream->duration) * ratio(d->stream->time_base);
    return std::floor(duration * fps() + 0.5);
}

int VideoReader::width() const
{
    if (!d->stream)
        return 0;
    return d->rotation % 180 ? d->stream->codecpar->height : d->stream->codecpar->width;
}

int VideoReader::height() const
{
    if (!d->stream)
        return 0;
    return d->rotation % 180 ? d->stream->codecpar->width : d->stream->codecpar->height;
}

// As OpenCV's CAP_PROP_FOURCC: the container's tag, else the codec's name when it has four
// letters, else the tag AVI or MP4 would give the codec.
QString VideoReader::codecTag() const
{
    if (!d->stream)
        return {};
    const AVCodecParameters *parameters = d->stream->codecpar;
    if (parameters->codec_tag || parameters->codec_id == AV_CODEC_ID_NONE)
        return fourccText(parameters->codec_tag);
    const char *name = avcodec_get_name(parameters->codec_id);
    if (name && std::strlen(name) == 4)
        return fourccText(MKTAG(name[0], name[1], name[2], name[3]));
    const AVCodecTag *const tables[] = {avformat_get_riff_video_tags(), avformat_get_mov_video_tags(), nullptr};
    return fourccText(av_codec_get_tag(tables, parameters->codec_id));
}

VideoReader::PacketScan VideoReader::scanPackets(qsizetype maxCuts)
{
    PacketScan scan;
    if (!d->format)
        return scan;
    std::vector<int64_t> times; // presentation time of each packet
    std::vector<qint64> keyframes;
    bool allTimed = true;
    bool timesDiffer = false; // some presentation time is not the decoding time
    for (;;) {
        const int result = d->demuxPacket();
        if (result == AVERROR(EAGAIN))
            continue;
        if (result < 0)
            break;
        if (d->packet->stream_index != d->streamIndex)
            continue;
        if (d->packet->flags & AV_PKT_FLAG_KEY)
            keyframes.push_back(scan.packets);
        allTimed = allTimed && d->packet->pts != AV_NOPTS_VALUE;
        timesDiffer = timesDiffer || d->packet->pts != d->packet->dts;
        times.push_back(d->packet->pts);
        ++scan.packets;
    }
    av_packet_unref(d->packet);
    // Only presentation times tell whether frames are reordered across a keyframe. A container
    // with decoding times alone (AVI) tells nothing for a codec that reorders.
    if (!allTimed || (!timesDiffer && d->stream->codecpar->video_delay > 0))
        return scan;
    std::vector<int64_t> laterMin(times.size() + 1, std::numeric_limits<int64_t>::max());
    for (size_t i = times.size(); i-- > 0;)
        laterMin[i] = std::min(times[i], laterMin[i + 1]);
    int64_t earlierMax = std::numeric_limits<int64_t>::min();
    size_t scanned = 0;
    for (const qint64 key : keyframes) {
        for (; scanned < size_t(key); ++scanned)
            earlierMax = std::max(earlierMax, times[scanned]);
        if (scan.cuts.size() >= maxCuts)
            break;
        if (earlierMax < times[size_t(key)] && times[size_t(key)] == laterMin[size_t(key)])
            scan.cuts << key;
    }
    return scan;
}

int VideoReader::Private::demuxPacket()
{
    av_packet_unref(packet);
    return av_read_frame(format, packet);
}

int VideoReader::Private::readPacket()
{
    if (queued.empty())
        return demuxPacket();
    av_packet_unref(packet);
    AVPacket *next = queued.front();
    queued.pop_front();
    queuedBytes -= size_t(next->size);
    av_packet_move_ref(packet, next);
    av_packet_free(&next);
    return 0;
}

void VideoReader::Private::queuePacket()
{
    AVPacket *copy = av_packet_clone(packet);
    if (!copy)
        throw std::bad_alloc();
    queued.push_back(copy);
    queuedBytes += size_t(copy->size);
}

void VideoReader::Private::clearQueue()
{
    for (AVPacket *p : queued)
        av_packet_free(&p);
    queued.clear();
    queuedBytes = 0;
}

// OpenCV's CvCapture_FFMPEG::grabFrame, step for step, so that a damaged packet costs one
// failed read exactly where it cost one before.
bool VideoReader::Private::grab()
{
    bool valid = avcodec_receive_frame(decoder, picture) >= 0; // a frame the decoder held back
    int readAttempts = 0;
    int decodeAttempts = 0;
    while (!valid) {
        int result = readPacket();
        if (result == AVERROR(EAGAIN))
            continue;
        if (result < 0) {
            // The end (or a rest that cannot be read): drain the decoder.
            av_packet_unref(packet);
            packet->stream_index = streamIndex;
        }
        if (packet->stream_index != streamIndex) {
            if (++readAttempts > kMaxReadAttempts)
                break;
            continue;
        }
        if (avcodec_send_packet(decoder, packet) < 0)
            break;
        result = avcodec_receive_frame(decoder, picture);
        if (result >= 0)
            valid = true;
        else if (result == AVERROR(EAGAIN))
            continue;
        else if (++decodeAttempts > kMaxDecodeAttempts)
            break;
    }
    // The frame's own timestamp. (VideoCapture reports the decoding timestamp, which FFmpeg
    // does not know for the frames it drains at the end: there it says 0.)
    if (valid)
        picturePts = picture->best_effort_timestamp;
    return valid;
}

// OpenCV's retrieveFrame: sws_scale over the coded size (some of its SIMD paths assume it),
// but into `buffer`, which the frame handed out is a view of.
VideoReader::Private::Geometry VideoReader::Private::geometryOf(const AVFrame *picture) const
{
    const int codedWidth = std::max(decoder->coded_width, picture->width);
    const int codedHeight = std::max(decoder->coded_height, picture->height);
    return {codedWidth, codedHeight, std::min(stream->codecpar->width, codedWidth),
            std::min(stream->codecpar->height, picture->height)};
}

bool VideoReader::Private::convertToBgr(const AVFrame *from, cv::Mat &frame)
{
    frame.release(); // our buffer, from the last read: the caller no longer holds it
    const Geometry size = geometryOf(from);
    scaler = sws_getCachedContext(scaler, size.codedWidth, size.codedHeight, AVPixelFormat(from->format),
                                  size.codedWidth, size.codedHeight, AV_PIX_FMT_BGR24, SWS_BICUBIC, nullptr, nullptr,
                                  nullptr);
    if (!scaler)
        return false;
    // A row more: the vectorised converters may write past a row.
    const int rowBytes = bgrRowBytes(size.codedWidth);
    reclaim(buffer);
    buffer.create(size.codedHeight + 1, rowBytes, CV_8UC1);
    uint8_t *const planes[4] = {buffer.data, nullptr, nullptr, nullptr};
    const int strides[4] = {rowBytes, 0, 0, 0};
    sws_scale(scaler, from->data, from->linesize, 0, from->height, planes, strides);
    frame = upright(buffer(cv::Rect(0, 0, size.width * 3, size.height)).reshape(3));
    return true;
}

cv::Mat VideoReader::Private::upright(const cv::Mat &picture)
{
    if (rotation == 0)
        return picture;
    reclaim(rotated);
    cv::rotate(picture, rotated, rotation == 90 ? cv::ROTATE_90_CLOCKWISE
                                 : rotation == 180 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
    return rotated;
}

bool VideoReader::Private::convert(const AVFrame *from, cv::Mat &frame)
{
    if (pixels == Pixels::Bgr)
        return convertToBgr(from, frame);
    frame.release();
    const Geometry size = geometryOf(from);
    if (const auto coefficients = straightGrayCoefficients(AVPixelFormat(from->format), size.codedWidth, size.codedHeight)) {
        // No BGR frame: under half the time of converting to BGR and then to gray.
        reclaim(gray);
        yuv420ToGray({from->data[0], from->data[1], from->data[2], from->linesize[0], from->linesize[1],
                      from->linesize[2], size.width, size.height},
                     *coefficients, gray);
        frame = upright(gray);
        return true;
    }
    cv::Mat bgr;
    if (!convertToBgr(from, bgr))
        return false;
    reclaim(gray);
    bgrToGray(bgr, gray);
    frame = gray;
    return true;
}

void VideoReader::setPixels(Pixels pixels)
{
    d->pixels = pixels;
}

bool VideoReader::read(cv::Mat &frame)
{
    if (!d->decoder)
        return false;
    return d->grab() && d->convert(d->picture, frame);
}

bool VideoReader::retrieveBgr(cv::Mat &frame)
{
    return d->decoder && d->picture->buf[0] && d->convertToBgr(d->picture, frame);
}

bool VideoReader::grayStraightFromYuv(const char *pixelFormat, int codedWidth, int codedHeight, int calibrationRows)
{
    return calibrateStraightGray(av_get_pix_fmt(pixelFormat), codedWidth, codedHeight, calibrationRows).has_value();
}

double VideoReader::frameMs() const
{
    if (!d->stream || d->picturePts == AV_NOPTS_VALUE)
        return 0;
    const int64_t start = d->stream->start_time != AV_NOPTS_VALUE ? d->stream->start_time : 0;
    return double(d->picturePts - start) * ratio(d->stream->time_base) * 1000;
}

bool VideoReader::seekToFrame(qint64 frame, cv::Mat *before)
{
    if (!d->decoder || frame < 0 || (frame == 0 && before))
        return false;
    if (frame == 0)
        return true;
    qint64 first = d->seekByIndex(frame, before != nullptr);
    if (first == kIndexMissedIt && !d->open(Mode::Decode))
        return false;
    if (first < 0)
        first = d->seekByDemuxing(frame, before != nullptr);
    if (first >= 0 && (!before || d->decodeBefore(first, frame, *before)))
        return true;
    // Not a keyframe, or not one the packets lead to: every frame from the start.
    return d->open(Mode::Decode) && d->decodeFromStart(frame, before);
}

const AVIndexEntry *VideoReader::Private::indexEntry(qint64 packetNumber) const
{
    return packetNumber >= 0 && packetNumber < std::numeric_limits<int>::max()
               ? avformat_index_get_entry(stream, int(packetNumber))
               : nullptr;
}

// Where the container's index has one entry per packet (MP4's sample table, AVI's idx1):
// seeks to keyframe packet `frame` (or the keyframe before it) by the index's timestamp and
// finds the packet by its place in the file. The packet number it starts at, kNoIndex, or
// kIndexMissedIt.
qint64 VideoReader::Private::seekByIndex(qint64 frame, bool fromKeyframeBefore)
{
    if (stream->nb_frames <= 0 || avformat_index_get_entries_count(stream) != stream->nb_frames)
        return kNoIndex;
    const AVIndexEntry *target = indexEntry(frame);
    if (!target || !(target->flags & AVINDEX_KEYFRAME))
        return kNoIndex;
    qint64 first = frame;
    if (fromKeyframeBefore) {
        do
            --first;
        while (first >= 0 && !(indexEntry(first)->flags & AVINDEX_KEYFRAME));
        if (first < 0)
            return kNoIndex;
    }
    const AVIndexEntry *start = indexEntry(first);
    if (av_seek_frame(format, streamIndex, start->timestamp, AVSEEK_FLAG_BACKWARD) < 0)
        return kIndexMissedIt;
    for (int attempt = 0; attempt < kMaxReadAttempts; ++attempt) {
        const int result = demuxPacket();
        if (result == AVERROR(EAGAIN))
            continue;
        if (result < 0)
            break;
        // Its size, and its place in the file or its time, as the index has them (an AVI index
        // entry points at the chunk's header, the packet at its data).
        if (packet->stream_index == streamIndex && packet->size == start->size
            && (packet->pos == start->pos || packet->dts == start->timestamp || packet->pts == start->timestamp)) {
            queuePacket();
            return first;
        }
    }
    clearQueue();
    return kIndexMissedIt;
}

// Demuxes packets 0 to `frame` without decoding, keeping those from keyframe `frame` (or from
// the keyframe before it) to decode. The packet number they start at, or -1.
qint64 VideoReader::Private::seekByDemuxing(qint64 frame, bool fromKeyframeBefore)
{
    qint64 first = -1;
    for (qint64 number = 0; number <= frame;) {
        const int result = demuxPacket();
        if (result == AVERROR(EAGAIN))
            continue;
        if (result < 0)
            return -1;
        if (packet->stream_index != streamIndex)
            continue;
        const bool key = packet->flags & AV_PKT_FLAG_KEY;
        if (number == frame && !key)
            return -1;
        if (key && (fromKeyframeBefore ? number < frame : number == frame)) {
            clearQueue();
            first = number;
        }
        if (first >= 0) {
            queuePacket();
            if (queuedBytes > kMaxQueuedBytes)
                return -1;
        }
        ++number;
    }
    return first;
}

// Decodes packets `first` (a keyframe) to `frame` - 1 and puts the last frame they give in
// `before`: frame `frame` - 1, or the last before it that decodes, as a reading from the start
// gives it to an analysis. Leaves packet `frame` to be read next.
bool VideoReader::Private::decodeBefore(qint64 first, qint64 frame, cv::Mat &before)
{
    AVFrame *last = av_frame_alloc();
    if (!last)
        throw std::bad_alloc();
    const auto keepFrames = [&] {
        while (avcodec_receive_frame(decoder, picture) >= 0) {
            av_frame_unref(last);
            av_frame_move_ref(last, picture);
        }
    };
    bool ended = false;
    for (qint64 number = first; number < frame && !ended;) {
        const int result = readPacket();
        if (result == AVERROR(EAGAIN))
            continue;
        ended = result < 0;
        if (ended || packet->stream_index != streamIndex)
            continue;
        avcodec_send_packet(decoder, packet); // a damaged packet gives no frame
        ++number;
        keepFrames();
    }
    // The frames the decoder holds back all come before `frame` (nothing is reordered across a
    // cut): drain them, then start afresh for the keyframe, which refers to nothing before it.
    avcodec_send_packet(decoder, nullptr);
    keepFrames();
    avcodec_flush_buffers(decoder);
    const bool ok = !ended && last->buf[0] && convert(last, before);
    av_frame_free(&last);
    return ok;
}

// Decodes frames 0 to `frame` - 1, a frame that fails taking its place as in WorkerSession's
// reading; `before` gets the last of them that decodes.
bool VideoReader::Private::decodeFromStart(qint64 frame, cv::Mat *before)
{
    AVFrame *last = av_frame_alloc();
    if (!last)
        throw std::bad_alloc();
    int failedInARow = 0;
    for (qint64 number = 0; number < frame && failedInARow < kMaxFailedReadsInARow; ++number) {
        if (!grab()) {
            ++failedInARow;
            continue;
        }
        failedInARow = 0;
        if (before) {
            av_frame_unref(last);
            av_frame_ref(last, picture);
        }
    }
    const bool ok = failedInARow < kMaxFailedReadsInARow && (!before || (last->buf[0] && convert(last, *before)));
    av_frame_free(&last);
    return ok;
}

} // namespace fp
