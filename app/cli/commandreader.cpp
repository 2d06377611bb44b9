// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandreader.h"

#include "platform/terminationsignals.h"

#include <QSocketNotifier>

#include <cerrno>
#include <unistd.h>

CommandReader::CommandReader(QObject *parent)
    : QObject(parent)
{
    connect(new parla::platform::TerminationSignals(this), &parla::platform::TerminationSignals::received, this,
        &CommandReader::quitRequested);
    m_inputNotifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_inputNotifier, &QSocketNotifier::activated, this, &CommandReader::readInput);
}

void CommandReader::readInput()
{
    // One read per notification: it cannot block, as data is there. stdin stays blocking,
    // because its flags are shared with the shell that started us.
    char chunk[4096];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0) { // end of input (or an error that ends it)
        m_inputNotifier->setEnabled(false);
        if (!m_buffer.trimmed().isEmpty())
            Q_EMIT commandReceived(QString::fromUtf8(m_buffer.trimmed()));
        m_buffer.clear();
        Q_EMIT quitRequested();
        return;
    }
    m_buffer.append(chunk, n);
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline).trimmed();
        m_buffer.remove(0, newline + 1);
        if (!line.isEmpty())
            Q_EMIT commandReceived(QString::fromUtf8(line));
    }
}
