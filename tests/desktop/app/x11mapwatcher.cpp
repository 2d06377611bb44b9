// SPDX-License-Identifier: GPL-3.0-or-later
#include "x11mapwatcher.h"

#include <QSocketNotifier>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <utility>

namespace {
// A window can go between its MapNotify and our questions about it; Xlib's default handler
// would exit the test.
int ignoreErrors(Display *, XErrorEvent *)
{
    return 0;
}
} // namespace

X11MapWatcher::X11MapWatcher(QObject *parent)
    : QObject(parent)
{
}

X11MapWatcher::~X11MapWatcher()
{
    delete m_notifier;
    if (m_display)
        XCloseDisplay(std::exchange(m_display, nullptr));
}

bool X11MapWatcher::open(const QString &display)
{
    XSetErrorHandler(ignoreErrors);
    m_display = XOpenDisplay(display.toLocal8Bit().constData());
    if (!m_display)
        return false;
    // Without a window manager top-level windows are the root's children: their maps are
    // substructure events of the root.
    XSelectInput(m_display, DefaultRootWindow(m_display), SubstructureNotifyMask);
    XFlush(m_display);
    m_notifier = new QSocketNotifier(ConnectionNumber(m_display), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &X11MapWatcher::readEvents);
    return true;
}

void X11MapWatcher::readEvents()
{
    // XPending reads what arrived; the property requests below may queue more, read in turn.
    while (XPending(m_display) > 0) {
        XEvent event;
        XNextEvent(m_display, &event);
        if (event.type != MapNotify)
            continue;
        const unsigned long window = event.xmap.window;
        Q_EMIT mapped(window, pidOf(window), nameOf(window));
    }
}

qint64 X11MapWatcher::pidOf(unsigned long window) const
{
    const Atom pidAtom = XInternAtom(m_display, "_NET_WM_PID", False);
    Atom type = 0;
    int format = 0;
    unsigned long count = 0;
    unsigned long after = 0;
    unsigned char *data = nullptr;
    qint64 pid = -1;
    if (XGetWindowProperty(m_display, window, pidAtom, 0, 1, False, XA_CARDINAL, &type, &format, &count, &after, &data)
            == Success
        && data && format == 32 && count == 1)
        pid = qint64(*reinterpret_cast<unsigned long *>(data)); // format 32 is a long in Xlib
    if (data)
        XFree(data);
    return pid;
}

QString X11MapWatcher::nameOf(unsigned long window) const
{
    // _NET_WM_NAME first: Qt writes a title beyond Latin-1 ("Parla — incoming call") there as
    // UTF-8, and WM_NAME then holds no STRING that XFetchName could read.
    const Atom netName = XInternAtom(m_display, "_NET_WM_NAME", False);
    const Atom utf8 = XInternAtom(m_display, "UTF8_STRING", False);
    Atom type = 0;
    int format = 0;
    unsigned long count = 0;
    unsigned long after = 0;
    unsigned char *data = nullptr;
    QString result;
    if (XGetWindowProperty(m_display, window, netName, 0, 1024, False, utf8, &type, &format, &count, &after, &data)
            == Success
        && data && format == 8)
        result = QString::fromUtf8(reinterpret_cast<const char *>(data), int(count));
    if (data)
        XFree(data);
    if (!result.isEmpty())
        return result;
    char *name = nullptr;
    if (XFetchName(m_display, window, &name) && name)
        result = QString::fromLatin1(name);
    if (name)
        XFree(name);
    return result;
}
