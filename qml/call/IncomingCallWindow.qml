// SPDX-License-Identifier: GPL-3.0-or-later
// The incoming-call dialog: a top-level window of its own, so it comes to the front even when
// the main window is hidden in the tray or minimised (linphone-desktop #114).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Window
import Parla.Ui

Window {
    id: window

    required property CallsModel calls
    readonly property ActiveCall call: calls.ringing

    title: qsTr("Parla — incoming call")
    width: 360
    height: 200
    flags: Qt.Dialog | Qt.WindowStaysOnTopHint
    visible: call !== null
    color: palette.window

    // Declared inside the main window, Qt Quick makes it transient for that window and then
    // ignores visible: true while the main window is hidden: closed to the tray, no call would
    // show. Cut loose once created (Qt 6.4 sets the parent after our own bindings).
    Component.onCompleted: transientParent = null

    onVisibleChanged: {
        if (visible) {
            raise()
            requestActivate()
        }
    }

    Shortcut {
        sequences: ["Ctrl+Shift+A"]
        context: Qt.ApplicationShortcut
        enabled: window.call !== null
        onActivated: window.call.answer()
    }
    Shortcut {
        sequences: ["Ctrl+Shift+D"]
        context: Qt.ApplicationShortcut
        enabled: window.call !== null
        onActivated: window.call.decline()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16

        Label {
            objectName: "callerName"
            text: window.call ? window.call.remoteName : ""
            font.pixelSize: 20
            font.bold: true
            Accessible.name: qsTr("Caller %1").arg(text)
        }
        Label {
            objectName: "callerAddress"
            text: window.call ? window.call.remoteUri : ""
            opacity: 0.7
            Accessible.name: qsTr("Caller's address %1").arg(text)
        }
        Label {
            objectName: "callWaiting"
            visible: window.calls.callWaiting
            text: qsTr("Call waiting: answering holds your current call")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Accessible.name: text
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            Button {
                objectName: "answerButton"
                text: qsTr("Answer")
                Accessible.name: qsTr("Answer the call (Ctrl+Shift+A)")
                onClicked: window.call.answer()
            }
            Button {
                objectName: "declineButton"
                text: qsTr("Decline")
                Accessible.name: qsTr("Decline the call (Ctrl+Shift+D)")
                onClicked: window.call.decline()
            }
        }
    }
}
