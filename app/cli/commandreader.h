#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

// Reads commands line by line from stdin without blocking the event loop, and turns
// end of input, SIGINT and SIGTERM into quitRequested().
class CommandReader : public QObject
{
    Q_OBJECT
public:
    explicit CommandReader(QObject *parent = nullptr);
    ~CommandReader() override;

Q_SIGNALS:
    void commandReceived(const QString &command);
    void quitRequested();

private:
    void readInput();
    void readSignal();

    QSocketNotifier *m_inputNotifier = nullptr;
    QSocketNotifier *m_signalNotifier = nullptr;
    QByteArray m_buffer;
};
