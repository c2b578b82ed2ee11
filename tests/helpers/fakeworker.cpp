// A worker that misbehaves on purpose, chosen by a word in the item's path: it crashes, aborts,
// exits early, hangs, reports an error, prints garbage or an endless line, or answers for the wrong task. Items
// without such a word get a quick, well-formed result; GATED ones wait until the test creates
// PATH.go, so that a test decides when an item ends without guessing at timing.
// --hello-delay-ms makes it slow to start. Used by tst_faults and tst_engine, in the manner of
// the crashing helper programs of Qt's own QProcess tests.

#include "protocol.h"

#include <QByteArray>
#include <QFile>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

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

void serve(const Task &task)
{
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
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--hello-delay-ms")
            ::usleep(useconds_t(std::atoi(argv[i + 1])) * 1000);
    }
    send(Hello{Version, qint64(::getpid()), QStringLiteral("fakehost"), 1, QString()});
    std::string line;
    while (std::getline(std::cin, line)) {
        const Decoded decoded = decode(QByteArrayView(line.data(), qsizetype(line.size())));
        if (!decoded.message || std::holds_alternative<Quit>(*decoded.message))
            return 0;
        if (const auto *task = std::get_if<Task>(&*decoded.message))
            serve(*task);
    }
    return 0;
}
