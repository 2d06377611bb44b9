// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QSocketNotifier;
struct _XDisplay;

// Every top-level window mapped on an X server, as the server reports it (MapNotify on the root
// window), with the _NET_WM_PID of the process that made it. An event, not a poll: a window
// mapped and unmapped again within a frame is still seen. Xlib stays out of this header: its
// macros (None, Bool, Status) clash with Qt's.
class X11MapWatcher : public QObject
{
    Q_OBJECT
public:
    explicit X11MapWatcher(QObject *parent = nullptr);
    ~X11MapWatcher() override;

    bool open(const QString &display); // ":N"; false if the server cannot be reached

Q_SIGNALS:
    void mapped(unsigned long window, qint64 pid, const QString &name);

private:
    void readEvents();
    qint64 pidOf(unsigned long window) const;
    QString nameOf(unsigned long window) const;

    _XDisplay *m_display = nullptr;
    QSocketNotifier *m_notifier = nullptr;
};
