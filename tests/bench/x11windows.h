// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

struct _XDisplay;

// A benchmark's own connection to an X server, to see top-level windows the way the server
// does (mapped or not) without spawning xwininfo per poll, and to unmap one from outside as
// a window manager minimising it would. Xlib stays out of this header: its macros (None,
// Bool, Status) clash with Qt's.
class X11Windows
{
public:
    struct Window
    {
        unsigned long id = 0;
        QString name;
    };

    X11Windows() = default;
    ~X11Windows();
    X11Windows(const X11Windows &) = delete;
    X11Windows &operator=(const X11Windows &) = delete;

    bool open(const QString &display); // ":N"
    void close(); // before the server goes: Xlib exits the process on a lost connection
    // The first viewable child of the root whose WM_NAME is `name` (any name when empty) and
    // whose size is more than Qt's 1x1 helper windows.
    std::optional<Window> viewable(const QString &name = {}) const;
    void unmap(unsigned long id);
    void map(unsigned long id); // as a window manager restoring it would
    bool isViewable(unsigned long id) const;

private:
    _XDisplay *m_display = nullptr;
};
