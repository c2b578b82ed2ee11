#pragma once

#include <QByteArray>
#include <QImage>
#include <QWidget>

class QLabel;
class QModelIndex;

namespace fp {

// The frame a worker is on for the selected item, scaled to fit, with a caption.
class PreviewPane : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPane(QWidget *parent = nullptr);

    // Decodes only when the bytes differ from what is shown. Empty bytes: the placeholder.
    void showThumbnail(const QByteArray &jpeg, const QString &caption);
    // The queue row's latest frame, captioned with its name, status and worker; an invalid
    // index: the placeholder.
    void showItem(const QModelIndex &row);
    [[nodiscard]] bool hasImage() const { return !m_image.isNull(); }
    [[nodiscard]] QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QByteArray m_jpeg;
    QImage m_image;
    QLabel *m_caption;
};

} // namespace fp
