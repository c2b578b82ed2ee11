#include "analysiscatalog.h"

#include "safefile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QProcess>
#include <QStandardPaths>

namespace fp {

const AnalysisInfo *AnalysisCatalog::find(const QString &name) const
{
    for (const AnalysisInfo &info : analyses)
        if (info.name == name)
            return &info;
    return nullptr;
}

QStringList AnalysisCatalog::names() const
{
    QStringList list;
    for (const AnalysisInfo &info : analyses)
        list << info.name;
    return list;
}

AnalysisCatalog AnalysisCatalog::query(const QString &workerProgram, const QStringList &extraArguments, int timeoutMs)
{
    AnalysisCatalog catalog;
    QProcess worker;
    worker.start(workerProgram, QStringList{QStringLiteral("--describe")} + extraArguments);
    if (!worker.waitForStarted(timeoutMs)) {
        catalog.error = QCoreApplication::translate("fp::AnalysisCatalog", "cannot start %1: %2").arg(workerProgram, worker.errorString());
        return catalog;
    }
    worker.closeWriteChannel();
    if (!worker.waitForFinished(timeoutMs)) {
        worker.kill();
        worker.waitForFinished();
        catalog.error = QCoreApplication::translate("fp::AnalysisCatalog", "%1 --describe did not answer within %2 s").arg(workerProgram).arg(timeoutMs / 1000);
        return catalog;
    }
    const QString diagnostics = QString::fromLocal8Bit(worker.readAllStandardError()).trimmed();
    if (worker.exitStatus() != QProcess::NormalExit || worker.exitCode() != 0) {
        catalog.error = diagnostics.isEmpty() ? QCoreApplication::translate("fp::AnalysisCatalog", "%1 --describe failed (exit code %2)").arg(workerProgram).arg(worker.exitCode())
                                              : diagnostics;
        return catalog;
    }
    return fromAnswer(workerProgram, worker.readAllStandardOutput());
}

AnalysisCatalog AnalysisCatalog::fromAnswer(const QString &workerProgram, const QByteArray &json)
{
    AnalysisCatalog catalog;
    QJsonParseError parseError;
    const QJsonDocument answer = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !answer.isObject()) {
        catalog.error = QCoreApplication::translate("fp::AnalysisCatalog", "%1 --describe gave no JSON object (%2)").arg(workerProgram, parseError.errorString());
        return catalog;
    }
    for (const QJsonValue &value : answer.object().value(QLatin1String("analyses")).toArray()) {
        const std::optional<AnalysisInfo> info = AnalysisInfo::fromJson(value.toObject(), &catalog.error);
        if (!info)
            return catalog;
        catalog.analyses << *info;
    }
    if (catalog.analyses.isEmpty())
        catalog.error = QCoreApplication::translate("fp::AnalysisCatalog", "%1 --describe offers no analyses").arg(workerProgram);
    return catalog;
}

AnalysisCatalog AnalysisCatalog::cachedQuery(const QString &workerProgram)
{
    const QFileInfo program(workerProgram);
    const QString cacheFolder = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (!program.isFile() || cacheFolder.isEmpty())
        return query(workerProgram);
    // Another build, an upgrade or a replaced worker is another file: it is asked afresh.
    const QByteArray identity = program.canonicalFilePath().toUtf8() + '\n' + QByteArray::number(program.size()) + '\n'
                                + QByteArray::number(program.lastModified().toMSecsSinceEpoch());
    const QString cached = QStringLiteral("%1/framepool/analyses-%2.json")
                               .arg(cacheFolder, QString::fromLatin1(QCryptographicHash::hash(identity, QCryptographicHash::Sha1).toHex()));
    QFile file(cached);
    if (file.open(QIODevice::ReadOnly)) {
        AnalysisCatalog catalog = fromAnswer(workerProgram, file.readAll());
        if (catalog.ok())
            return catalog;
    }
    AnalysisCatalog catalog = query(workerProgram);
    if (catalog.ok()) {
        QJsonArray analyses;
        for (const AnalysisInfo &info : std::as_const(catalog.analyses))
            analyses << info.toJson();
        // A cache that cannot be written only costs the next run the worker start.
        if (QDir().mkpath(QFileInfo(cached).path()))
            (void)writeFileAtomically(cached, QJsonDocument(QJsonObject{{QStringLiteral("analyses"), analyses}}).toJson());
    }
    return catalog;
}

} // namespace fp
