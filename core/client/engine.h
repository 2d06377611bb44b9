// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

class QThread;

namespace parla::client {

class CallClient;

// The engine thread: a thread of its own with its own event loop, on which the CallClient,
// its SIP stack and its socket live, so a busy UI can never delay a keepalive or an INVITE.
// Front ends (CLI, desktop) create one Engine and talk to client() through signals and slots.
class Engine : public QObject
{
    Q_OBJECT
public:
    // `configure` runs on the engine thread before the client is handed out (tests inject a
    // flow factory or tuning there).
    explicit Engine(const std::function<void(CallClient *)> &configure = {}, QObject *parent = nullptr);
    // Destroys the client on its thread and joins the thread. It does not un-REGISTER (as after
    // a crash, the registrar drops the binding with the connection): to leave cleanly, call
    // client()->stop() and wait for didStop() first, as parla-cli does.
    ~Engine() override;

    CallClient *client() const { return m_client; }
    QThread *thread() const { return m_thread; }

private:
    QThread *m_thread = nullptr;
    CallClient *m_client = nullptr;
};

} // namespace parla::client
