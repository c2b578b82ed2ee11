#include "protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace fp::protocol {

namespace {

template <class> inline constexpr bool kAlwaysFalse = false;

QJsonObject header(const char *type)
{
    return QJsonObject{{QStringLiteral("v"), Version}, {QStringLiteral("type"), QLatin1String(type)}};
}

QJsonObject toJson(const Message &message)
{
    return std::visit([](const auto &m) -> QJsonObject {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Hello>) {
            QJsonObject o = header("hello");
            o[QStringLiteral("pid")] = m.pid;
            o[QStringLiteral("host")] = m.host;
            o[QStringLiteral("threads")] = m.threads;
            if (!m.job.isEmpty())
                o[QStringLiteral("job")] = m.job;
            if (m.canNarrow)
                o[QStringLiteral("narrow")] = true;
            return o;
        } else if constexpr (std::is_same_v<T, Task>) {
            QJsonObject o = header("task");
            o[QStringLiteral("id")] = m.id;
            o[QStringLiteral("analysis")] = m.analysis;
            if (!m.parameters.isEmpty())
                o[QStringLiteral("parameters")] = m.parameters;
            o[QStringLiteral("kind")] = streamKindName(m.kind);
            o[QStringLiteral("path")] = m.path;
            if (!m.images.isEmpty())
                o[QStringLiteral("images")] = QJsonArray::fromStringList(m.images);
            if (!m.primingImage.isEmpty())
                o[QStringLiteral("prime")] = m.primingImage;
            o[QStringLiteral("first")] = m.firstFrame;
            o[QStringLiteral("count")] = m.frameCount;
            o[QStringLiteral("estimate")] = m.frameEstimate;
            o[QStringLiteral("state")] = m.wantState;
            if (m.probeOnly)
                o[QStringLiteral("probe")] = true;
            if (m.probeFirst)
                o[QStringLiteral("probe_first")] = true;
            o[QStringLiteral("thumbnails_ms")] = m.thumbnailIntervalMs;
            if (m.isMerge()) {
                QJsonArray states;
                for (const QJsonObject &state : m.mergeStates)
                    states << state;
                o[QStringLiteral("merge")] = states;
            }
            return o;
        } else if constexpr (std::is_same_v<T, Quit>) {
            return header("quit");
        } else if constexpr (std::is_same_v<T, Narrow>) {
            QJsonObject o = header("narrow");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("end")] = m.end;
            return o;
        } else if constexpr (std::is_same_v<T, Narrowed>) {
            QJsonObject o = header("narrowed");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("end")] = m.end;
            return o;
        } else if constexpr (std::is_same_v<T, Progress>) {
            QJsonObject o = header("progress");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("done")] = m.done;
            o[QStringLiteral("total")] = m.total;
            return o;
        } else if constexpr (std::is_same_v<T, Partial>) {
            QJsonObject o = header("partial");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("done")] = m.done;
            o[QStringLiteral("result")] = m.result;
            if (!m.summary.isEmpty())
                o[QStringLiteral("summary")] = m.summary.toJson();
            return o;
        } else if constexpr (std::is_same_v<T, Thumbnail>) {
            QJsonObject o = header("thumbnail");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("frame")] = m.frame;
            o[QStringLiteral("jpeg")] = QString::fromLatin1(m.jpeg.toBase64());
            return o;
        } else if constexpr (std::is_same_v<T, Result>) {
            QJsonObject o = header("result");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("frames")] = m.frames;
            o[QStringLiteral("result")] = m.result;
            if (!m.summary.isEmpty())
                o[QStringLiteral("summary")] = m.summary.toJson();
            if (!m.warnings.isEmpty())
                o[QStringLiteral("warnings")] = QJsonArray::fromStringList(m.warnings);
            if (!m.state.isEmpty())
                o[QStringLiteral("state")] = m.state;
            if (m.segment) {
                o[QStringLiteral("segment_first_ms")] = m.segment->firstMs;
                o[QStringLiteral("segment_next_ms")] = m.segment->nextMs;
            }
            return o;
        } else if constexpr (std::is_same_v<T, Probe>) {
            QJsonObject o = header("probe");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("frames")] = m.frames;
            o[QStringLiteral("width")] = m.width;
            o[QStringLiteral("height")] = m.height;
            o[QStringLiteral("fps")] = m.fps;
            QJsonArray keyframes;
            for (const qint64 k : m.keyframes)
                keyframes << k;
            o[QStringLiteral("keyframes")] = keyframes;
            if (!m.codec.isEmpty())
                o[QStringLiteral("codec")] = m.codec;
            return o;
        } else if constexpr (std::is_same_v<T, Error>) {
            QJsonObject o = header("error");
            o[QStringLiteral("id")] = m.task;
            o[QStringLiteral("frame")] = m.frame;
            o[QStringLiteral("reason")] = m.reason;
            return o;
        } else {
            static_assert(kAlwaysFalse<T>, "every message type needs an encoding");
        }
    }, message);
}

// Field readers that reject wrong types instead of silently defaulting, so a worker that sends
// {"id": "x"} is reported rather than treated as task 0.
class Reader
{
public:
    explicit Reader(const QJsonObject &o) : m_o(o) {}

    qint64 integer(const char *key, bool required = true, qint64 fallback = 0)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return fallback;
        if (!v.isDouble()) {
            fail(key, "a number");
            return fallback;
        }
        const double d = v.toDouble();
        if (d != double(qint64(d)) || d < -9.0e15 || d > 9.0e15) {
            fail(key, "an integer");
            return fallback;
        }
        return qint64(d);
    }

    QString string(const char *key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString())
            fail(key, "a string");
        return v.toString();
    }

    QJsonObject object(const char *key, bool required = true)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return {};
        if (!v.isObject())
            fail(key, "an object");
        return v.toObject();
    }

    double number(const char *key, double fallback)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble())
            fail(key, "a number");
        return v.toDouble(fallback);
    }

    QJsonArray array(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        if (!v.isArray())
            fail(key, "an array");
        return v.toArray();
    }

    bool boolean(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return false;
        if (!v.isBool())
            fail(key, "true or false");
        return v.toBool();
    }

    QStringList strings(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return {};
        if (!v.isArray()) {
            fail(key, "an array of strings");
            return {};
        }
        QStringList out;
        for (const QJsonValue &e : v.toArray()) {
            if (!e.isString()) {
                fail(key, "an array of strings");
                return {};
            }
            out << e.toString();
        }
        return out;
    }

    void fail(const char *key, const char *expected)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("field \"%1\" must be %2").arg(QLatin1String(key), QLatin1String(expected));
    }
    void failWith(const QString &error)
    {
        if (m_error.isEmpty())
            m_error = error;
    }
    [[nodiscard]] const QString &error() const { return m_error; }
    [[nodiscard]] bool has(const char *key) const { return m_o.contains(QLatin1String(key)); }

private:
    const QJsonObject &m_o;
    QString m_error;
};

// One decoder per message type: each reads its fields through the Reader, which collects the
// first problem; the message is rejected afterwards if there was one.
Message decodeHello(Reader &r)
{
    Hello m;
    m.version = Version; // decode() has checked it already
    m.pid = r.integer("pid");
    m.host = r.string("host", false);
    m.threads = int(r.integer("threads", false, 1));
    m.job = r.string("job", false);
    m.canNarrow = r.boolean("narrow");
    return m;
}

Message decodeTask(Reader &r)
{
    Task m;
    m.id = r.integer("id");
    m.analysis = r.string("analysis");
    m.parameters = r.object("parameters", false);
    const QString kind = r.string("kind");
    if (kind == QLatin1String("video"))
        m.kind = StreamKind::Video;
    else if (kind == QLatin1String("images"))
        m.kind = StreamKind::Images;
    else
        r.failWith(QStringLiteral("unknown stream kind \"%1\"").arg(kind));
    m.path = r.string("path");
    m.images = r.strings("images");
    m.primingImage = r.string("prime", false);
    m.firstFrame = r.integer("first", false, 0);
    m.frameCount = r.integer("count", false, -1);
    m.frameEstimate = r.integer("estimate", false, 0);
    m.wantState = r.boolean("state");
    m.probeOnly = r.boolean("probe");
    m.probeFirst = r.boolean("probe_first");
    m.thumbnailIntervalMs = int(r.integer("thumbnails_ms", false, 0));
    for (const QJsonValue &state : r.array("merge")) {
        if (!state.isObject())
            r.failWith(QStringLiteral("merge states must be objects"));
        m.mergeStates << state.toObject();
    }
    return m;
}

Message decodeQuit(Reader &)
{
    return Quit{};
}

Message decodeNarrow(Reader &r)
{
    Narrow m;
    m.task = r.integer("id");
    m.end = r.integer("end");
    if (m.end < 0)
        r.failWith(QStringLiteral("negative end"));
    return m;
}

Message decodeNarrowed(Reader &r)
{
    Narrowed m;
    m.task = r.integer("id");
    m.end = r.integer("end");
    if (m.end < -1)
        r.failWith(QStringLiteral("end must be a frame or -1"));
    return m;
}

Message decodeProgress(Reader &r)
{
    Progress m;
    m.task = r.integer("id");
    m.done = r.integer("done");
    m.total = r.integer("total");
    if (m.done < 0 || m.total < 0)
        r.failWith(QStringLiteral("negative progress"));
    return m;
}

Message decodePartial(Reader &r)
{
    Partial m;
    m.task = r.integer("id");
    m.done = r.integer("done", false, 0);
    m.result = r.object("result");
    m.summary = ResultSummary::fromJson(r.object("summary", false));
    return m;
}

Message decodeThumbnail(Reader &r)
{
    Thumbnail m;
    m.task = r.integer("id");
    m.frame = r.integer("frame", false, 0);
    const auto decodedJpeg = QByteArray::fromBase64Encoding(r.string("jpeg").toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decodedJpeg)
        r.failWith(QStringLiteral("thumbnail is not base64"));
    m.jpeg = *decodedJpeg;
    return m;
}

Message decodeResult(Reader &r)
{
    Result m;
    m.task = r.integer("id");
    m.frames = r.integer("frames");
    m.result = r.object("result");
    m.summary = ResultSummary::fromJson(r.object("summary", false));
    m.warnings = r.strings("warnings");
    m.state = r.object("state", false);
    if (r.has("segment_first_ms"))
        m.segment = SegmentBounds{r.number("segment_first_ms", -1), r.number("segment_next_ms", -1)};
    if (m.frames < 0)
        r.failWith(QStringLiteral("negative frame count"));
    return m;
}

// A codec tag is a scheduling hint, not worth a line of memory from a misbehaving worker.
constexpr qsizetype kMaxCodecChars = 32;

Message decodeProbe(Reader &r)
{
    Probe m;
    m.task = r.integer("id");
    m.frames = std::max<qint64>(0, r.integer("frames", false, 0));
    m.width = int(r.integer("width", false, 0));
    m.height = int(r.integer("height", false, 0));
    m.fps = r.number("fps", 0);
    m.codec = r.string("codec", false).left(kMaxCodecChars);
    for (const QJsonValue &k : r.array("keyframes")) {
        const qint64 frame = k.toInteger(-1);
        // Keyframes are cut points: keep them ascending and non-negative, drop the rest.
        if (frame >= 0 && (m.keyframes.isEmpty() || frame > m.keyframes.last()))
            m.keyframes << frame;
    }
    return m;
}

Message decodeError(Reader &r)
{
    Error m;
    m.task = r.integer("id");
    m.frame = r.integer("frame", false, -1);
    m.reason = r.string("reason");
    return m;
}

using Decoder = Message (*)(Reader &);

// nullptr for a type the protocol does not know.
Decoder decoderFor(const QString &type)
{
    static const std::pair<const char *, Decoder> decoders[] = {
        {"hello", decodeHello},         {"task", decodeTask},     {"quit", decodeQuit},
        {"progress", decodeProgress},   {"partial", decodePartial}, {"thumbnail", decodeThumbnail},
        {"result", decodeResult},       {"probe", decodeProbe},   {"error", decodeError},
        {"narrow", decodeNarrow},       {"narrowed", decodeNarrowed},
    };
    for (const auto &[name, decoder] : decoders) {
        if (type == QLatin1String(name))
            return decoder;
    }
    return nullptr;
}

Decoded rejected(const QString &why)
{
    return Decoded{std::nullopt, why};
}

} // namespace

QByteArray encode(const Message &message)
{
    QByteArray line = QJsonDocument(toJson(message)).toJson(QJsonDocument::Compact);
    line.append('\n');
    return line;
}

Decoded decode(QByteArrayView line)
{
    if (line.size() > MaxLineBytes)
        return rejected(QStringLiteral("message of %1 bytes exceeds the limit").arg(line.size()));
    while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r'))
        line.chop(1);
    if (line.isEmpty())
        return rejected(QStringLiteral("empty line"));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return rejected(QStringLiteral("not JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return rejected(QStringLiteral("not a JSON object"));

    const QJsonObject o = doc.object();
    Reader r(o);
    const qint64 version = r.integer("v");
    const QString type = r.string("type");
    if (!r.error().isEmpty())
        return rejected(r.error());
    if (version != Version)
        return rejected(QStringLiteral("protocol version %1, expected %2").arg(version).arg(Version));

    const Decoder decoder = decoderFor(type);
    if (!decoder)
        return rejected(QStringLiteral("unknown message type \"%1\"").arg(type));
    const Message message = decoder(r);
    if (!r.error().isEmpty())
        return rejected(QStringLiteral("%1 message: %2").arg(type, r.error()));
    return Decoded{message, {}};
}

} // namespace fp::protocol
