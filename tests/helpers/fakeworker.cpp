// A worker that misbehaves on purpose, chosen by a word in the item's path: it crashes, aborts,
// exits early, hangs, reports an error, prints garbage or an endless line, or answers for the wrong task. Items
// without such a word get a quick, well-formed result; GATED ones wait until the test creates
// PATH.go, so that a test decides when an item ends without guessing at timing. Image sets in
// a folder named PACED<ms> take that many milliseconds per image, report each one, and (with
// --narrow) stop early when the engine asks: work stealing with paces a test chooses; their
// result lists the images analysed, so merged pieces show whether they cover the set exactly.
// --hello-delay-ms makes it slow to start. Used by tst_faults, tst_engine and tst_stealing, in
// the manner of the crashing helper programs of Qt's own QProcess tests.

#include "protocol.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <poll.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace fp::protocol;

namespace {

void send(const Message &message)
{
    const QByteArray line = encode(message);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

void progress(const Task &task, qint64 done)
{
    send(Progress{task.id, done, 10});
}

// Lines from the engine, read straight from stdin so that a task can look for a `narrow`
// without blocking.
class Input
{
public:
    // The next line, waiting at most `timeoutMs` (-1: for ever); false at the end of input or
    // when none came in time.
    bool readLine(std::string &line, int timeoutMs)
    {
        for (;;) {
            const auto newline = m_buffer.find('\n');
            if (newline != std::string::npos) {
                line = m_buffer.substr(0, newline);
                m_buffer.erase(0, newline + 1);
                return true;
            }
            pollfd in{STDIN_FILENO, POLLIN, 0};
            if (m_ended || ::poll(&in, 1, timeoutMs) <= 0)
                return false;
            char chunk[4096];
            const ssize_t got = ::read(STDIN_FILENO, chunk, sizeof chunk);
            if (got <= 0) {
                m_ended = true;
                return false;
            }
            m_buffer.append(chunk, size_t(got));
        }
    }

private:
    std::string m_buffer;
    bool m_ended = false;
};

Input input;
bool canNarrow = false;

// PACED<ms> sets: each image takes `msPerImage`; a narrow request between two images is
// answered as framepool-worker answers it. The images analysed are the result, or the state of
// a piece, which a merge task joins in order.
void servePaced(Task task, int msPerImage)
{
    QJsonArray analysed;
    for (qsizetype k = 0; k < task.images.size(); ++k) {
        std::string line;
        while (canNarrow && input.readLine(line, 0)) {
            const Decoded decoded = decode(QByteArrayView(line.data(), qsizetype(line.size())));
            const auto *narrow = decoded.message ? std::get_if<Narrow>(&*decoded.message) : nullptr;
            if (!narrow || narrow->task != task.id)
                continue;
            // Not yet at image `end`, and at least one image before it.
            const bool possible = narrow->end >= task.firstFrame + std::max<qsizetype>(k, 1)
                && narrow->end < task.firstFrame + task.images.size();
            send(Narrowed{task.id, possible ? narrow->end : -1});
            if (possible) {
                task.images = task.images.first(narrow->end - task.firstFrame);
                task.wantState = true;
            }
        }
        if (k >= task.images.size())
            break;
        ::usleep(useconds_t(msPerImage) * 1000);
        analysed << QFileInfo(task.images.at(k)).fileName();
        send(Progress{task.id, k + 1, task.images.size()});
    }
    const QJsonObject images{{QStringLiteral("images"), analysed}};
    send(Result{task.id, analysed.size(), task.wantState ? QJsonObject{} : images, {}, {}, task.wantState ? images : QJsonObject{}, {}});
}

void merge(const Task &task)
{
    QJsonArray images;
    for (const QJsonObject &state : task.mergeStates)
        for (const QJsonValue &image : state.value(QStringLiteral("images")).toArray())
            images << image;
    send(Result{task.id, 0, QJsonObject{{QStringLiteral("images"), images}}, {}, {}, {}, {}});
}

void serve(const Task &task)
{
    if (task.isMerge())
        return merge(task);
    static const QRegularExpression paced(QStringLiteral("PACED(\\d+)"));
    if (const QRegularExpressionMatch match = paced.match(task.path); match.hasMatch() && !task.images.isEmpty())
        return servePaced(task, match.captured(1).toInt());
    const QString &path = task.images.isEmpty() ? task.path : task.images.first();
    if (path.contains(QLatin1String("CRASHONCE"))) {
        QFile marker(path + QStringLiteral(".crashed"));
        if (!marker.exists()) {
            marker.open(QIODevice::WriteOnly);
            marker.close();
            progress(task, 4);
            std::raise(SIGSEGV);
        }
    } else if (path.contains(QLatin1String("CRASH"))) {
        progress(task, 5);
        std::raise(SIGSEGV);
    } else if (path.contains(QLatin1String("ABORT"))) {
        progress(task, 3);
        std::abort();
    } else if (path.contains(QLatin1String("EXIT"))) {
        progress(task, 2);
        std::_Exit(3);
    } else if (path.contains(QLatin1String("HANG"))) {
        progress(task, 1);
        for (;;)
            ::pause();
    } else if (path.contains(QLatin1String("GARBAGE"))) {
        std::fputs("Segmentation fault? no: just garbage\n", stdout);
        std::fflush(stdout);
        ::pause();
    } else if (path.contains(QLatin1String("OVERSIZE"))) {
        const std::string chunk(64 * 1024, 'x');
        for (int i = 0; i < 64; ++i) // 4 MiB, never a newline
            std::fwrite(chunk.data(), 1, chunk.size(), stdout);
        std::fflush(stdout);
        ::pause();
    } else if (path.contains(QLatin1String("REFUSE"))) {
        progress(task, 3);
        send(Error{task.id, 3, QStringLiteral("cannot read this on purpose")});
        return;
    } else if (path.contains(QLatin1String("WRONGID"))) {
        send(Result{task.id + 1000, 1, QJsonObject{}, {}, {}, {}, {}});
        ::pause();
    } else if (path.contains(QLatin1String("GATED"))) {
        progress(task, 1);
        while (!QFile::exists(path + QStringLiteral(".go")))
            ::usleep(10 * 1000);
    } else if (path.contains(QLatin1String("CHATTY"))) {
        const std::string line(1000, 'e');
        for (int i = 0; i < 3000; ++i) // 3 MB of diagnostics: the item log must stay capped
            std::fprintf(stderr, "%s\n", line.c_str());
    }
    progress(task, 10);
    send(Result{task.id, 10, QJsonObject{{QStringLiteral("fake"), path}}, {}, {}, {}, {}});
}

} // namespace

int main(int argc, char **argv)
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // --hello-delay-ms N: a worker slow to start, like one whose cluster allocation is pending.
    // --narrow: it answers narrow requests (PACED sets only; other items end too soon to be cut).
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--hello-delay-ms" && i + 1 < argc)
            ::usleep(useconds_t(std::atoi(argv[i + 1])) * 1000);
        canNarrow = canNarrow || std::string(argv[i]) == "--narrow";
    }
    send(Hello{Version, qint64(::getpid()), QStringLiteral("fakehost"), 1, QString(), canNarrow});
    std::string line;
    while (input.readLine(line, -1)) {
        const Decoded decoded = decode(QByteArrayView(line.data(), qsizetype(line.size())));
        if (!decoded.message || std::holds_alternative<Quit>(*decoded.message))
            return 0;
        if (const auto *task = std::get_if<Task>(&*decoded.message))
            serve(*task);
    }
    return 0;
}
