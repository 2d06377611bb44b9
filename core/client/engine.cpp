// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine.h"

#include "callclient.h"

#include <QWebSocket>

#include "sip/sipmessage.h"
#include <QThread>

namespace parla::client {

Engine::Engine(const std::function<void(CallClient *)> &configure, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("parla-engine"));
    m_thread->start();
    // Built here, then moved with its children (state machine, timers) to the engine thread
    // before anything in it has run: the machine's start is a posted event that moves along.
    m_client = new CallClient;
    if (configure)
        configure(m_client);
    m_client->moveToThread(m_thread);
    // Constructing the first QWebSocket loads the TLS backend and OpenSSL's configuration
    // (about 8 ms here), even for ws://. Done now, on the engine thread, it is off the path of
    // the first start() whenever the front end has anything else to do first.
    // oSIP's parser tables are built on first use too.
    QMetaObject::invokeMethod(m_client, [] {
        QWebSocket warmUpSocket;
        sip::SipMessage::parse("OPTIONS sip:warm-up.invalid SIP/2.0\r\n\r\n");
    });
}

Engine::~Engine()
{
    // Destroyed on its own thread: a deferred delete, which the thread carries out as it
    // finishes, after its event loop has returned. Deleting the client from inside an event
    // delivered to the client itself (as a blocking invokeMethod on it did) left Qt touching
    // the deleted receiver: an intermittent double free under ASan.
    // The blocking no-op first: everything this thread did to the client happens before the delete.
    QMetaObject::invokeMethod(
        m_client, [] {}, Qt::BlockingQueuedConnection);
    m_client->deleteLater();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

} // namespace parla::client
