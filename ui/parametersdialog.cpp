#include "parametersdialog.h"

#include "translations.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace fp {

namespace {

enum Column { KeyColumn, ValueColumn };

// QSettings keys are paths: a script's path is kept as one key, not as nested groups.
QString settingsKey(const QString &analysisName)
{
    return QStringLiteral("parameters/") + QString::fromLatin1(QUrl::toPercentEncoding(analysisName));
}

QString valueText(const QJsonValue &value)
{
    return value.toVariant().toString();
}

QString specTip(const ParameterSpec &spec)
{
    if (spec.type == ParameterSpec::Type::Text)
        return translatedAnalysisText(spec.help);
    return ParametersDialog::tr("%1\nFrom %2 to %3; default %4")
        .arg(translatedAnalysisText(spec.help))
        .arg(spec.minimum)
        .arg(spec.maximum)
        .arg(valueText(spec.defaultValue));
}

} // namespace

ParametersDialog::ParametersDialog(const AnalysisInfo &analysis, const QStringList &assignments, QWidget *parent)
    : QDialog(parent),
      m_analysis(analysis),
      m_table(new QTableWidget(0, 2, this)),
      m_error(new QLabel(this))
{
    const QString shown = analysis.isUserAnalysis() ? QFileInfo(analysis.script).fileName()
                                                    : (analysis.title.isEmpty() ? analysis.name : translatedAnalysisText(analysis.title));
    setWindowTitle(tr("Parameters of %1").arg(shown));
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();

    QHash<QString, QString> given;
    for (const QString &assignment : assignments) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        if (equals > 0)
            given.insert(assignment.left(equals).trimmed(), assignment.mid(equals + 1));
    }

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    if (analysis.isUserAnalysis()) {
        intro->setText(tr("Values for the script's setup(), passed as text."));
        for (const QString &assignment : assignments) {
            const qsizetype equals = assignment.indexOf(QLatin1Char('='));
            addRow(assignment.left(equals).trimmed(), equals > 0 ? assignment.mid(equals + 1) : QString(), true);
        }
        auto *rowButtons = new QHBoxLayout;
        auto *add = new QPushButton(tr("&Add"), this);
        auto *remove = new QPushButton(tr("&Remove"), this);
        rowButtons->addWidget(add);
        rowButtons->addWidget(remove);
        rowButtons->addStretch();
        layout->addLayout(rowButtons);
        connect(add, &QPushButton::clicked, this, [this] {
            addRow({}, {}, true);
            m_table->editItem(m_table->item(m_table->rowCount() - 1, KeyColumn));
        });
        connect(remove, &QPushButton::clicked, this, [this] {
            if (m_table->currentRow() >= 0)
                m_table->removeRow(m_table->currentRow());
        });
    } else if (analysis.parameters.isEmpty()) {
        intro->setText(tr("This analysis takes no parameters."));
        m_table->hide();
    } else {
        intro->setText(tr("Hover over a key for what it does and the values it accepts."));
        for (const ParameterSpec &spec : analysis.parameters) {
            addRow(spec.key, given.value(spec.key, valueText(spec.defaultValue)), false);
            const QString tip = specTip(spec);
            m_table->item(m_table->rowCount() - 1, KeyColumn)->setToolTip(tip);
            m_table->item(m_table->rowCount() - 1, ValueColumn)->setToolTip(tip);
        }
    }

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(highlight);"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ParametersDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ParametersDialog::reject);
    layout->addWidget(buttons);
    resize(460, 300);
}

void ParametersDialog::addRow(const QString &key, const QString &value, bool keyEditable)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *keyItem = new QTableWidgetItem(key);
    if (!keyEditable)
        keyItem->setFlags(keyItem->flags() & ~Qt::ItemIsEditable);
    m_table->setItem(row, KeyColumn, keyItem);
    m_table->setItem(row, ValueColumn, new QTableWidgetItem(value));
}

QStringList ParametersDialog::assignments() const
{
    QStringList list;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString key = m_table->item(row, KeyColumn)->text().trimmed();
        if (!key.isEmpty())
            list << key + QLatin1Char('=') + m_table->item(row, ValueColumn)->text();
    }
    return list;
}

QString ParametersDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ParametersDialog::accept()
{
    QString error;
    if (!m_analysis.resolveParameters(assignments(), &error)) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    QDialog::accept();
}

QStringList ParametersDialog::stored(const QString &analysisName)
{
    return QSettings().value(settingsKey(analysisName)).toStringList();
}

void ParametersDialog::store(const QString &analysisName, const QStringList &assignments)
{
    QSettings().setValue(settingsKey(analysisName), assignments);
}

} // namespace fp
