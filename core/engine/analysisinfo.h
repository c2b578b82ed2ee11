#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace fp {

// One parameter an analysis takes, as it declares it. Values travel as JSON: integers and
// numbers as numbers, text as strings.
struct ParameterSpec
{
    enum class Type { Integer, Number, Text };

    QString key;
    Type type = Type::Number;
    QJsonValue defaultValue;
    double minimum = 0; // Integer and Number only
    double maximum = 0;
    QString help;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static std::optional<ParameterSpec> fromJson(const QJsonObject &object, QString *error);
};

// What the programs outside the worker know of an analysis: the worker declares it
// (media/analysis.h, `framepool-worker --describe`), the CLI, the GUI and the engine read it.
struct AnalysisInfo
{
    QString name;        // as typed after -a: "brightness", or the path of a user's script
    // The built-ins' title, description and parameter help are in English, marked for
    // translation (QT_TRANSLATE_NOOP "AnalysisInfo" in media/analyses); the app shows them in
    // the user's language (translatedAnalysisText in ui/translations.h).
    QString title;       // for menus: "Brightness"
    QString description; // one sentence: what a result says
    QList<ParameterSpec> parameters;
    // Each value needs the frame before it (motion): a piece of a stream that starts mid-way
    // is handed the frame before it as context.
    bool pairwise = false;
    // Each video is analysed whole, in one call (a user's analyze_file): never split.
    bool wholeVideos = false;
    QString script; // a user analysis: the script's absolute path; empty for a built-in

    [[nodiscard]] bool isUserAnalysis() const { return !script.isEmpty(); }
    [[nodiscard]] const ParameterSpec *parameter(const QString &key) const;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static std::optional<AnalysisInfo> fromJson(const QJsonObject &object, QString *error);

    // Turns KEY=VALUE strings into the analysis's typed parameters, defaults filled in, or
    // says which key is unknown or which value is bad (and what would be accepted). A user
    // analysis declares no parameters: its values stay strings, passed to its setup().
    [[nodiscard]] std::optional<QJsonObject> resolveParameters(const QStringList &assignments,
                                                               QString *error) const;
};

// How a result shows in one line: the result column, the CLI's text output, the reports.
// The worker, which knows the analysis, writes it next to every result.
struct ResultSummary
{
    struct Swatch
    {
        QString color;      // "#rrggbb"
        double share = 1.0; // of the pixels, 0..1: a palette is drawn as a strip of shares
    };

    QString text;           // "#7f7f7f 12.34%", "mean 118.20, min 80.00, max 140.10"
    QList<Swatch> swatches; // the result's colours, if it is about colours
    QList<double> trend;    // a few hundred points at most, for a sparkline; empty when none

    // At most `points` bucket means of `values`, for a sparkline.
    [[nodiscard]] static QList<double> trendOf(const QList<double> &values, int points = 200);

    [[nodiscard]] bool isEmpty() const { return text.isEmpty(); }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static ResultSummary fromJson(const QJsonObject &object);
};

} // namespace fp

Q_DECLARE_METATYPE(fp::AnalysisInfo)
