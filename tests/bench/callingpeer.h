// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <functional>

// The far end of the desktop benchmark's calls: a parla-cli signed in as a demo user that
// calls the app under test, so Parla and Linphone are measured in the same call from the same
// peer. Audio flows both ways: a tone from a WAV file is its microphone, and what arrives is
// recorded to a file, so it opens no device on the PulseAudio the apps share.
class CallingPeer
{
public:
    // While waiting, `poll` runs about every 50 ms: drain the app's output, answer in its window.
    using Poll = std::function<void()>;

    explicit CallingPeer(const QString &program);
    ~CallingPeer(); // quit, bounded, then killed
    CallingPeer(const CallingPeer &) = delete;
    CallingPeer &operator=(const CallingPeer &) = delete;

    // Signs in as `user`; false with error() unless registered within 10 s.
    bool start(const QProcessEnvironment &env, const QUrl &server, const QString &user, const QString &password);
    // Calls `uri` and waits until the call is active; false with error() if it ended or was
    // not answered within `timeoutMs`, in which case the call is hung up.
    bool callUntilActive(const QString &uri, int timeoutMs, const Poll &poll);
    // Hangs up and waits (at most 5 s) for the call to end.
    void hangUp(const Poll &poll);
    // Of the last call, the seconds of sound that came back from the app: its microphone hears
    // the tone it plays (one null sink), so sound here means media flowed both ways. The
    // app's echo canceller takes most of it out; what is left is enough.
    double secondsWithSound() const;
    QString error() const { return m_error; }

private:
    // Reads events until the call reaches `state` (true) or ends first (false), bounded.
    bool waitForState(const QString &state, int timeoutMs, const Poll &poll);

    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_state; // the call's last state, as parla-cli names it
    QString m_error;
};
