// SPDX-License-Identifier: GPL-3.0-or-later
#include "mediaengine.h"

namespace parla::media {

MediaEngine::MediaEngine(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_context(new QObject)
{
    m_thread->setObjectName(QStringLiteral("parla-media"));
    m_context->moveToThread(m_thread);
    // Deferred deletion runs as the thread finishes, on the thread, where the children's
    // sockets and timers belong.
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    // Audio frames are due every 20 ms; let the scheduler favour this thread over the UI's.
    m_thread->start(QThread::TimeCriticalPriority);
}

MediaEngine::~MediaEngine()
{
    m_thread->quit();
    m_thread->wait();
}

void MediaEngine::run(const std::function<void()> &work) const
{
    if (QThread::currentThread() == m_thread) {
        work();
        return;
    }
    QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
}

} // namespace parla::media
