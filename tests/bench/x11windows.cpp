// SPDX-License-Identifier: GPL-3.0-or-later
#include "x11windows.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <utility>

X11Windows::~X11Windows()
{
    close();
}

void X11Windows::close()
{
    if (m_display)
        XCloseDisplay(std::exchange(m_display, nullptr));
}

namespace {
// A window can go between listing and asking about it; Xlib's default handler would exit.
int ignoreErrors(Display *, XErrorEvent *)
{
    return 0;
}
} // namespace

bool X11Windows::open(const QString &display)
{
    XSetErrorHandler(ignoreErrors);
    m_display = XOpenDisplay(display.toLocal8Bit().constData());
    return m_display != nullptr;
}

std::optional<X11Windows::Window> X11Windows::viewable(const QString &name) const
{
    ::Window root = DefaultRootWindow(m_display);
    ::Window parent = 0;
    ::Window *children = nullptr;
    unsigned int count = 0;
    if (!XQueryTree(m_display, root, &root, &parent, &children, &count))
        return std::nullopt;
    std::optional<Window> found;
    for (unsigned int i = 0; i < count && !found; ++i) {
        XWindowAttributes attributes;
        if (!XGetWindowAttributes(m_display, children[i], &attributes) || attributes.map_state != IsViewable
            || attributes.width <= 3 || attributes.height <= 3)
            continue;
        char *windowName = nullptr;
        if (!XFetchName(m_display, children[i], &windowName) || !windowName)
            continue;
        const QString title = QString::fromUtf8(windowName);
        XFree(windowName);
        if (name.isEmpty() || title == name)
            found = Window { children[i], title };
    }
    if (children)
        XFree(children);
    return found;
}

void X11Windows::unmap(unsigned long id)
{
    XUnmapWindow(m_display, id);
    XSync(m_display, False);
}

void X11Windows::map(unsigned long id)
{
    XMapWindow(m_display, id);
    XSync(m_display, False);
}

bool X11Windows::isViewable(unsigned long id) const
{
    XWindowAttributes attributes;
    return XGetWindowAttributes(m_display, id, &attributes) && attributes.map_state == IsViewable;
}
