#include "reportpdf.h"

#include "ganttview.h"
#include "walltimechart.h"

#include <QBuffer>
#include <QDir>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>

namespace fp {

namespace {

// The document is laid out in CSS pixels (1/96 inch) and all its fonts are sized in pixels:
// QTextDocument::print scales the page onto the PDF, so nothing depends on the screen's DPI.
constexpr double kPixelsPerPoint = 96.0 / 72.0;
constexpr int kFontPixels = 12;
// Charts are rendered at three times their size on the page, sharp when printed.
constexpr qreal kImageScale = 3;

// Printed on white paper whatever the desktop's theme.
QPalette printPalette()
{
    QPalette palette;
    const QColor paper(Qt::white);
    const QColor ink(0x1f, 0x24, 0x30);
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
        palette.setColor(role, paper);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(role, ink);
    palette.setColor(QPalette::Highlight, QColor(0x3b, 0x6f, 0xd8));
    palette.setColor(QPalette::PlaceholderText, QColor(0x5d, 0x66, 0x77));
    return palette;
}

QFont printFont(int pixels = kFontPixels)
{
    QFont font;
    font.setPixelSize(pixels);
    return font;
}

// Same formats as the other report formats.
QString secondsText(double seconds)
{
    return QString::number(seconds, 'f', 3);
}

QString fpsText(double fps)
{
    return QString::number(fps, 'f', 1);
}

QString countText(qsizetype count, const char *noun)
{
    return QStringLiteral("%1 %2%3").arg(count).arg(QLatin1String(noun),
                                                   count == 1 ? QString() : QStringLiteral("s"));
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// An image to be added to the document as a resource under `url`.
struct DocumentImage
{
    QUrl url;
    QImage image;
};

// Collects the images of the document and hands out the <img> tags that show them.
class ImageResources
{
public:
    QString add(const QString &name, const QImage &image)
    {
        const QUrl url(QStringLiteral("framepool-%1-%2.png").arg(m_images.size()).arg(name));
        m_images.append({url, image});
        const QSizeF size = image.deviceIndependentSize();
        return QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\">")
            .arg(url.toString())
            .arg(qRound(size.width()))
            .arg(qRound(size.height()));
    }
    void addTo(QTextDocument &document) const
    {
        for (const DocumentImage &entry : m_images)
            document.addResource(QTextDocument::ImageResource, entry.url, entry.image);
    }

private:
    QList<DocumentImage> m_images;
};

QImage blankImage(const QSize &size, const QPalette &palette)
{
    QImage image(size * kImageScale, QImage::Format_RGB32);
    image.setDevicePixelRatio(kImageScale);
    image.fill(palette.color(QPalette::Window));
    return image;
}

QImage wallTimeChartImage(const TimingReport &report, int width)
{
    const QPalette palette = printPalette();
    const QFont font = printFont();
    // The scene owns the chart. No view is needed, only a size and an immediate layout (the
    // chart otherwise lays out its axes and bars on a posted event, after this has returned).
    QGraphicsScene scene;
    auto *chart = new WallTimeChart;
    scene.addItem(chart);
    chart->setRuns(report.serial ? &*report.serial : nullptr,
                   report.parallel ? &*report.parallel : nullptr, nullptr);
    chart->applyStyle(palette, font);
    const QSize size(width, qRound(QFontMetricsF(font).height() * 11));
    chart->resize(size);
    if (QGraphicsLayout *layout = chart->layout())
        layout->activate();

    QImage image = blankImage(size, palette);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area(QPointF(0, 0), size);
    scene.render(&painter, area, area);
    return image;
}

QImage timelineImage(const RunTiming &run, double axisSeconds, int width)
{
    const QPalette palette = printPalette();
    const QFont font = printFont();
    const QSize size(width, timelinePreferredHeight(run, QFontMetricsF(font)));
    QImage image = blankImage(size, palette);
    QPainter painter(&image);
    painter.setFont(font);
    paintTimeline(painter, QRect(QPoint(), size), run, palette, axisSeconds);
    return image;
}

struct Column
{
    QString title;
    bool numeric = false;
};

// Cells are HTML already. `color` (may be empty) marks failed or skipped items.
struct TableRow
{
    QStringList cells;
    QString color;
};

QString htmlTable(const QList<Column> &columns, const QList<TableRow> &rows)
{
    QString out = QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\">"
                                 "<thead><tr>");
    for (const Column &column : columns)
        out += QStringLiteral("<th align=\"%1\">%2</th>")
                   .arg(column.numeric ? QStringLiteral("right") : QStringLiteral("left"),
                        column.title);
    out += QStringLiteral("</tr></thead><tbody>");
    for (const TableRow &row : rows) {
        out += QStringLiteral("<tr>");
        const QString style =
            row.color.isEmpty() ? QString() : QStringLiteral(" style=\"color:%1\"").arg(row.color);
        for (int i = 0; i < row.cells.size(); ++i) {
            const bool numeric = i < columns.size() && columns.at(i).numeric;
            out += QStringLiteral("<td align=\"%1\"%2>%3</td>")
                       .arg(numeric ? QStringLiteral("right") : QStringLiteral("left"), style,
                            row.cells.at(i));
        }
        out += QStringLiteral("</tr>");
    }
    out += QStringLiteral("</tbody></table>\n");
    return out;
}

struct NamedRun
{
    QString title;
    const RunTiming *run;
};

QList<NamedRun> runsOf(const TimingReport &report)
{
    QList<NamedRun> runs;
    if (report.serial)
        runs.append({QStringLiteral("Serial"), &*report.serial});
    if (report.parallel)
        runs.append({QStringLiteral("Parallel"), &*report.parallel});
    return runs;
}

QString summaryTable(const TimingReport &report)
{
    const QList<Column> columns{
        {QStringLiteral("Run")},           {QStringLiteral("Mode")},
        {QStringLiteral("Analysis")},      {QStringLiteral("Workers"), true},
        {QStringLiteral("Wall (s)"), true}, {QStringLiteral("Paused (s)"), true},
        {QStringLiteral("Items"), true},   {QStringLiteral("Failed"), true},
        {QStringLiteral("Frames"), true},  {QStringLiteral("Throughput (fps)"), true},
    };
    QList<TableRow> rows;
    for (const NamedRun &named : runsOf(report)) {
        const RunTiming &run = *named.run;
        rows.append({{named.title, esc(runModeName(run.mode)), esc(analysisName(run.analysis)),
                      QString::number(run.workers), secondsText(run.wallSeconds),
                      secondsText(run.pausedSeconds), QString::number(run.items.size()),
                      QString::number(run.failedCount()), QString::number(run.totalFrames()),
                      run.wallSeconds > 0 ? fpsText(run.totalFrames() / run.wallSeconds)
                                          : QStringLiteral("n/a")},
                     {}});
    }
    return htmlTable(columns, rows);
}

QString comparisonTable(const TimingReport &report)
{
    const auto comparison = report.comparison();
    if (!comparison)
        return QStringLiteral("<p class=\"muted\">Run both a serial and a parallel run to "
                              "compare them.</p>\n");
    // Without a measured parallel time the ratios mean nothing.
    const bool measurable = comparison->parallel.wallSeconds > 0;
    const QString notAvailable = QStringLiteral("n/a");
    const QString workers = countText(comparison->parallel.workers, "worker");
    const double ideal = comparison->idealParallelSeconds();
    const double measured = comparison->parallel.wallSeconds;
    const double overIdeal = measured - ideal;
    const QString overhead = overIdeal >= 0
        ? QStringLiteral("%1 s more than the ideal (start-up, uneven items, shared resources)")
              .arg(secondsText(overIdeal))
        : QStringLiteral("%1 s less than the ideal").arg(secondsText(-overIdeal));

    const QList<Column> columns{{QStringLiteral("Measure")}, {QStringLiteral("Value"), true},
                                {QStringLiteral("Meaning")}};
    const QList<TableRow> rows{
        {{QStringLiteral("Speed-up"),
          measurable ? QString::number(comparison->speedup(), 'f', 2) + QStringLiteral("\u00d7")
                     : notAvailable,
          QStringLiteral("serial wall time \u00f7 parallel wall time")},
         {}},
        {{QStringLiteral("Efficiency"),
          measurable ? QString::number(comparison->efficiency() * 100, 'f', 1)
                  + QStringLiteral(" %")
                     : notAvailable,
          QStringLiteral("speed-up \u00f7 %1").arg(workers)},
         {}},
        {{QStringLiteral("Ideal parallel time"), secondsText(ideal) + QStringLiteral(" s"),
          QStringLiteral("time model: the serial time spread evenly over %1").arg(workers)},
         {}},
        {{QStringLiteral("Measured parallel time"), secondsText(measured) + QStringLiteral(" s"),
          overhead},
         {}},
    };
    return htmlTable(columns, rows);
}

QString stateColor(ItemState state)
{
    switch (state) {
    case ItemState::Failed:
    case ItemState::Interrupted:
        return QStringLiteral("#c0392b");
    case ItemState::Cancelled:
    case ItemState::Queued:
        return QStringLiteral("#5d6677");
    default:
        return {};
    }
}

QString itemsTable(const RunTiming &run)
{
    if (run.items.isEmpty())
        return QStringLiteral("<p class=\"muted\">This run has no items.</p>\n");
    const QList<Column> columns{
        {QStringLiteral("#"), true},       {QStringLiteral("Path")},
        {QStringLiteral("Kind")},          {QStringLiteral("Status")},
        {QStringLiteral("Worker"), true},  {QStringLiteral("Start (s)"), true},
        {QStringLiteral("End (s)"), true}, {QStringLiteral("Seconds"), true},
        {QStringLiteral("Frames"), true},  {QStringLiteral("fps"), true},
        {QStringLiteral("Error")},
    };
    const QPalette palette = printPalette();
    QList<TableRow> rows;
    for (const ItemRecord &item : run.items) {
        const bool started = item.start >= 0;
        const bool finished = started && item.end >= item.start;
        // The same colour as the item's bars in the timeline above.
        const QString swatch = QStringLiteral("<span style=\"color:%1\">\u25a0</span>&nbsp;")
                                   .arg(timelineItemColor(item.index, palette).name());
        rows.append({{swatch + QString::number(item.index), esc(item.path),
                      streamKindName(item.kind), itemStateName(item.state),
                      item.worker >= 0 ? QString::number(item.worker) : QString(),
                      started ? secondsText(item.start) : QString(),
                      finished ? secondsText(item.end) : QString(),
                      finished ? secondsText(item.seconds()) : QString(),
                      QString::number(item.framesDone),
                      finished ? fpsText(item.fps()) : QString(), esc(item.error)},
                     stateColor(item.state)});
    }
    return htmlTable(columns, rows);
}

// QTextDocument understands a subset of CSS 2: no variables, no media queries.
constexpr const char *kStyle = R"(
h1 { font-size: 22px; margin-bottom: 2px; }
h2 { font-size: 17px; margin-top: 18px; margin-bottom: 4px; }
h3 { font-size: 13px; margin-top: 10px; margin-bottom: 4px; color: #5d6677; }
.muted { color: #5d6677; }
table { border-collapse: collapse; margin-bottom: 6px; }
th { background-color: #eef1f6; font-weight: 600; border-bottom: 1px solid #c9d0db; }
td { border-bottom: 1px solid #dde2ea; }
)";

QString documentHtml(const TimingReport &report, int width, ImageResources &images)
{
    const QString host = report.host.isEmpty() ? QStringLiteral("an unknown host") : report.host;
    QString meta = QStringLiteral("Generated %1 on %2")
                       .arg(report.created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                            esc(host));
    if (report.cores > 0)
        meta += QStringLiteral(", ") + countText(report.cores, "usable core");

    QString html = QStringLiteral("<html><head><style>%1</style></head><body>\n"
                                  "<h1>FramePool timing report</h1>\n<p class=\"muted\">%2</p>\n")
                       .arg(QLatin1String(kStyle), meta);
    const QList<NamedRun> runs = runsOf(report);
    if (runs.isEmpty())
        return html + QStringLiteral("<p class=\"muted\">No run has been recorded yet.</p>"
                                     "</body></html>");

    html += QStringLiteral("<h2>Summary</h2>\n") + summaryTable(report);
    html += QStringLiteral("<h3>Serial versus parallel</h3>\n") + comparisonTable(report);
    html += QStringLiteral("<h3>Wall time</h3>\n<p>%1</p>\n")
                .arg(images.add(QStringLiteral("wall-time"), wallTimeChartImage(report, width)));

    // One time axis for every timeline, so their lengths compare (as in the HTML report).
    double axisSeconds = 0;
    for (const NamedRun &named : runs)
        axisSeconds = std::max(axisSeconds, timelineEndSeconds(*named.run));
    for (const NamedRun &named : runs) {
        const RunTiming &run = *named.run;
        html += QStringLiteral("<h2>%1 run: %2, %3</h2>\n")
                    .arg(named.title, esc(runModeName(run.mode)),
                         countText(run.workers, "worker"));
        html += QStringLiteral("<h3>Workers over time</h3>\n");
        if (run.tasks.isEmpty()) {
            html += QStringLiteral(
                "<p class=\"muted\">No worker recorded any work in this run.</p>\n");
        } else {
            const QImage timeline = timelineImage(run, axisSeconds, width);
            html += QStringLiteral("<p>%1</p>\n")
                        .arg(images.add(named.title.toLower() + QStringLiteral("-timeline"),
                                        timeline));
        }
        html += QStringLiteral("<h3>Items</h3>\n") + itemsTable(run);
    }
    return html + QStringLiteral("</body></html>");
}

// The whole PDF in memory; empty if it could not be rendered.
QByteArray renderPdf(const TimingReport &report)
{
    QByteArray pdf;
    QBuffer buffer(&pdf);
    if (!buffer.open(QIODevice::WriteOnly))
        return {};
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("FramePool timing report"));
    writer.setCreator(QStringLiteral("FramePool"));

    const QSizeF page = writer.pageLayout().paintRect(QPageLayout::Point).size() * kPixelsPerPoint;
    ImageResources images;
    QTextDocument document;
    document.setDefaultFont(printFont());
    document.setDocumentMargin(0);
    document.setPageSize(page);
    document.setHtml(documentHtml(report, int(page.width()), images));
    images.addTo(document);
    // A page size makes print() lay out exactly these pages and scale them onto the writer's.
    document.print(&writer);
    return pdf;
}

} // namespace

bool writePdfReport(const TimingReport &report, const QString &path, QString *error)
{
    const auto fail = [error, &path](const QString &why) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    // Opened first, so a wrong folder or a read-only disk fails before any rendering.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    const QByteArray pdf = renderPdf(report);
    if (pdf.isEmpty()) {
        file.cancelWriting();
        return fail(QStringLiteral("the PDF could not be rendered"));
    }
    if (file.write(pdf) != pdf.size() || !file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace fp
