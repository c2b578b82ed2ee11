#include "reportpdf.h"

#include "ganttview.h"
#include "safefile.h"
#include "walltimechart.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPalette>
#include <QPdfWriter>
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

QImage wallTimeChartImage(const TimingReport &shownReport, int width)
{
    // A repeated Compare is charted by its medians, as in the HTML report.
    const TimingReport report = withMedianWallTimes(shownReport);
    const QPalette palette = printPalette();
    const QFont font = printFont();
    // The scene owns the chart. No view is needed, only a size and an immediate layout (the
    // chart otherwise lays out its axes and bars on a posted event, after this has returned).
    QGraphicsScene scene;
    auto *chart = new WallTimeChart;
    scene.addItem(chart);
    chart->setRuns(report.serial ? &*report.serial : nullptr,
                   report.parallel ? &*report.parallel : nullptr, nullptr, report.cores);
    chart->applyStyle(palette, font);
    const QSize size(width, std::max(qRound(QFontMetricsF(font).height() * 11), chart->minimumSizeForLabels().height()));
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

QImage timelineImage(const Timeline &timeline, int width)
{
    const QPalette palette = printPalette();
    const QFont font = printFont();
    const QSize size(width, timelinePreferredHeight(timeline, QFontMetricsF(font)));
    QImage image = blankImage(size, palette);
    QPainter painter(&image);
    painter.setFont(font);
    paintTimeline(painter, QRect(QPoint(), size), timeline, palette);
    return image;
}

// QTextDocument understands a subset of CSS 2: no variables, no media queries. The classes are
// those of the report's shared HTML fragments (see report.h); the colours are those of the
// HTML report's light theme.
constexpr const char *kStyle = R"(
h1 { font-size: 22px; margin-bottom: 2px; }
h2 { font-size: 17px; margin-top: 18px; margin-bottom: 4px; }
h3 { font-size: 13px; margin-top: 10px; margin-bottom: 4px; color: #5d6677; }
.meta, .empty, .folder { color: #5d6677; }
.folder { font-size: 10px; }
.error { color: #c0392b; }
.busy { color: #c0392b; font-weight: 600; }
.warning { color: #9a6700; }
table { border-collapse: collapse; margin-bottom: 6px; }
th { background-color: #eef1f6; font-weight: 600; border-bottom: 1px solid #c9d0db;
     text-align: left; white-space: nowrap; }
td { border-bottom: 1px solid #dde2ea; text-align: left; }
.num { text-align: right; white-space: nowrap; }
tr.failed td, tr.interrupted td { color: #c0392b; }
tr.cancelled td, tr.queued td { color: #5d6677; }
)";

// The shared tables, spread over the page's width. Table width, spacing and padding are
// attributes to QTextDocument, not CSS, so they are set here rather than in the stylesheet.
// The path, the last column of the item tables, gets a wide share: left to itself,
// QTextDocument gives every column about the same width and a path wraps over many lines.
QString pageWideTables(QString html)
{
    static const QString printTable =
        QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\">");
    static const QString widePath = QStringLiteral("<th width=\"28%\">Path</th>");
    return html.replace(QLatin1String("<table>"), printTable)
        .replace(QLatin1String("<th>Path</th>"), widePath);
}

QString documentHtml(const TimingReport &report, int width, ImageResources &images)
{
    const QString meta = report::generatedHtml(
        report, report.created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));

    QString html = QStringLiteral("<html><head><style>%1</style></head><body>\n"
                                  "<h1>FramePool timing report</h1>\n<p class=\"meta\">%2</p>\n")
                       .arg(QLatin1String(kStyle), meta);
    const QList<report::NamedRun> runs = report::runsOf(report);
    if (runs.isEmpty())
        return html + QStringLiteral("<p class=\"empty\">No run has been recorded yet.</p>"
                                     "</body></html>");

    html += QStringLiteral("<h2>Summary</h2>\n")
        + pageWideTables(report::summaryTableHtml(report));
    html += QStringLiteral("<h3>Serial versus parallel</h3>\n")
        + pageWideTables(report::comparisonTableHtml(report));
    html += QStringLiteral("<h3>Wall time</h3>\n<p>%1</p>\n")
                .arg(images.add(QStringLiteral("wall-time"), wallTimeChartImage(report, width)));

    // One time axis for every timeline, so their lengths compare (as in the HTML report).
    double axisSeconds = 0;
    for (const report::NamedRun &named : runs)
        axisSeconds = std::max(axisSeconds, Timeline(*named.run).endSeconds());
    for (const report::NamedRun &named : runs) {
        html += QStringLiteral("<h2>%1</h2>\n").arg(report::runHeadingHtml(named));
        html += QStringLiteral("<h3>Workers over time</h3>\n");
        const Timeline timeline(*named.run, axisSeconds);
        if (timeline.bars().isEmpty()) {
            html += QStringLiteral(
                "<p class=\"empty\">No worker recorded any work in this run.</p>\n");
        } else {
            html += QStringLiteral("<p>%1</p>\n")
                        .arg(images.add(named.slot + QStringLiteral("-timeline"),
                                        timelineImage(timeline, width)));
        }
        html += QStringLiteral("<h3>Items</h3>\n")
            + pageWideTables(report::itemsTableHtml(*named.run));
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
            *error = QCoreApplication::translate("fp::SafeFile", "cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    // Checked first, so a wrong folder or a read-only disk fails before any rendering.
    if (!canCreateFile(path, error))
        return false;
    const QByteArray pdf = renderPdf(report);
    if (pdf.isEmpty())
        return fail(QCoreApplication::translate("fp::ReportPdf", "the PDF could not be rendered"));
    return writeFileAtomically(path, pdf, error);
}

} // namespace fp
