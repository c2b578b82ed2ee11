#include "scriptanalysis.h"

#include "pythonanalysis.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <opencv2/core.hpp>

namespace fp {

namespace {

const QString kValuesKey = QStringLiteral("values");
constexpr qsizetype kMaxSummaryLength = 120;

QString compactJson(const QJsonValue &value)
{
    const QJsonDocument document = value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
    QString text = value.isObject() || value.isArray() ? QString::fromUtf8(document.toJson(QJsonDocument::Compact))
                                                        : value.toVariant().toString();
    if (text.size() > kMaxSummaryLength)
        text = text.left(kMaxSummaryLength - 1) + QChar(0x2026);
    return text;
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

// Per-frame (or per-file) values, kept in order; a merge puts the pieces' lists together.
class ScriptFrameAnalyzer final : public FrameAnalyzer
{
public:
    explicit ScriptFrameAnalyzer(PythonAnalysis &script) : m_script(script) {}

    void addFrame(const cv::Mat &bgr) override
    {
        // The worker hands analyzers frames it owns and decodes the next one into: the script
        // may keep the pixels it is given, and PythonAnalysis then gives the frame a copy
        // (see PythonAnalysis::analyzeFrame), so it needs the frame itself, not a view of it.
        keep(m_script.analyzeFrame(const_cast<cv::Mat &>(bgr)));
    }
    [[nodiscard]] bool wantsFrames() const override { return m_script.perFrame(); }
    void addFile(const QString &path) override { keep(m_script.analyzeFile(QFileInfo(path).absoluteFilePath())); }

    [[nodiscard]] QJsonObject result() const override
    {
        const PythonAnalysis::Outcome reduced = m_script.reduce(m_values);
        if (!reduced.ok())
            throw AnalysisError(reduced.error, reduced.traceback);
        return reduced.value.toObject();
    }
    [[nodiscard]] QJsonObject partialResult() const override { return {{kValuesKey, m_values}}; }
    [[nodiscard]] QJsonObject state() const override { return {{kValuesKey, m_values}}; }
    [[nodiscard]] qint64 frames() const override { return m_values.size(); }

private:
    void keep(const PythonAnalysis::Outcome &outcome)
    {
        if (!outcome.ok())
            throw AnalysisError(outcome.error, outcome.traceback);
        m_values.append(outcome.value);
    }

    PythonAnalysis &m_script;
    QJsonArray m_values;
};

class ScriptAnalysis final : public Analysis
{
public:
    ScriptAnalysis(QString path, std::unique_ptr<PythonAnalysis> script)
        : m_path(std::move(path)), m_script(std::move(script)) {}

    AnalysisInfo info() const override { return ScriptAnalyses::infoOf(m_path, m_script->perFrame()); }

    std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &) const override
    {
        return std::make_unique<ScriptFrameAnalyzer>(*m_script);
    }

    QJsonObject merge(const QList<QJsonObject> &states, const QJsonObject &) const override
    {
        QJsonArray values;
        for (const QJsonObject &state : states) {
            if (!state.value(kValuesKey).isArray())
                return {{QStringLiteral("error"), QStringLiteral("a piece's state has no values")}};
            for (const QJsonValue &value : state.value(kValuesKey).toArray())
                values.append(value);
        }
        const PythonAnalysis::Outcome reduced = m_script->reduce(values);
        if (!reduced.ok())
            throw AnalysisError(reduced.error, reduced.traceback);
        return reduced.value.toObject();
    }

    ResultSummary summarize(const QJsonObject &result) const override { return summarizeUserResult(result); }

private:
    QString m_path;
    std::unique_ptr<PythonAnalysis> m_script;
};

} // namespace

ScriptAnalyses::~ScriptAnalyses() = default;

QMap<QString, QString> ScriptAnalyses::setupParameters(const QJsonObject &parameters)
{
    QMap<QString, QString> strings;
    for (auto it = parameters.begin(); it != parameters.end(); ++it)
        strings.insert(it.key(), it.value().isString() ? it.value().toString() : it.value().toVariant().toString());
    return strings;
}

AnalysisInfo ScriptAnalyses::infoOf(const QString &scriptPath, bool perFrame)
{
    AnalysisInfo info;
    info.name = QFileInfo(scriptPath).absoluteFilePath();
    info.script = info.name;
    info.title = QFileInfo(scriptPath).fileName();
    info.description = perFrame ? QStringLiteral("your analysis: analyze_frame(frame) on every frame or image")
                                : QStringLiteral("your analysis: analyze_file(path) on every video file or image");
    info.wholeVideos = !perFrame;
    return info;
}

const Analysis *ScriptAnalyses::find(const QString &name, const QJsonObject &parameters, QString *error)
{
    if (!name.endsWith(QLatin1String(".py"), Qt::CaseInsensitive))
        return nullptr;
    const QString key = name + QLatin1Char('\n') + QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact));
    if (const auto it = m_loaded.find(key); it != m_loaded.end())
        return it->second.get();
    std::unique_ptr<PythonAnalysis> script = PythonAnalysis::load(name, setupParameters(parameters), m_threads, error);
    if (!script)
        return nullptr;
    auto analysis = std::make_unique<ScriptAnalysis>(name, std::move(script));
    const Analysis *loaded = analysis.get();
    m_loaded.emplace(key, std::move(analysis));
    return loaded;
}

ResultSummary summarizeUserResult(const QJsonObject &result)
{
    ResultSummary summary;
    const QJsonValue values = result.value(kValuesKey);
    // A reduce() result is the script's own shape: shown as it is. ("parameters" is FramePool's.)
    const bool onlyValues = result.size() == 1 || (result.size() == 2 && result.contains(QLatin1String("parameters")));
    if (!onlyValues || !values.isArray() || values.toArray().isEmpty()) {
        summary.text = compactJson(result);
        return summary;
    }
    // Means per field of numbers, or of the numbers themselves.
    QStringList fields;
    QMap<QString, double> sums;
    QMap<QString, qsizetype> counts;
    QList<double> numbers;
    qsizetype count = 0;
    for (const QJsonValue &value : values.toArray()) {
        if (value.isDouble()) {
            numbers << value.toDouble();
            sums[QString()] += value.toDouble();
        } else if (value.isObject()) {
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (!it.value().isDouble()) {
                    summary.text = compactJson(result);
                    return summary;
                }
                if (!sums.contains(it.key()))
                    fields << it.key();
                sums[it.key()] += it.value().toDouble();
                ++counts[it.key()];
            }
        } else {
            summary.text = compactJson(result);
            return summary;
        }
        ++count;
    }
    if (!numbers.isEmpty() && fields.isEmpty()) {
        summary.text = QStringLiteral("mean %1 over %2 values").arg(number(sums.value(QString()) / double(count))).arg(count);
        summary.trend = ResultSummary::trendOf(numbers);
        return summary;
    }
    if (!numbers.isEmpty()) {
        summary.text = compactJson(result);
        return summary;
    }
    QStringList parts;
    for (const QString &field : fields)
        parts << QStringLiteral("%1 mean %2").arg(field, number(sums.value(field) / double(counts.value(field))));
    summary.text = parts.join(QStringLiteral(", "));
    return summary;
}

} // namespace fp
