// SPDX-License-Identifier: GPL-3.0-or-later
// The calls that ended, newest first, missed ones marked, each with a call-back button.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parla.Ui

ColumnLayout {
    id: historyView

    required property CallsModel calls
    required property CallHistory history

    Label {
        objectName: "missedLabel"
        visible: historyView.history.missedCount > 0
        text: qsTr("%n missed call(s)", "", historyView.history.missedCount)
        color: "#a00000"
        Accessible.name: text
    }
    Label {
        visible: list.count === 0
        text: qsTr("No calls yet")
    }
    ListView {
        id: list
        objectName: "historyList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: historyView.history
        delegate: ItemDelegate {
            id: entry
            required property string remoteName
            required property string remoteUri
            required property bool incoming
            required property bool missed
            required property var start
            required property int duration
            required property string endReason
            width: list.width
            Accessible.name: (entry.missed ? qsTr("Missed call from %1")
                              : entry.incoming ? qsTr("Call from %1") : qsTr("Call to %1")).arg(entry.remoteName)
            contentItem: RowLayout {
                Label {
                    text: entry.missed ? "⤶" : entry.incoming ? "↙" : "↗"
                    color: entry.missed ? "#a00000" : entry.palette.text
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Label { text: entry.remoteName; font.bold: entry.missed }
                    Label {
                        text: entry.start.toLocaleString(Qt.locale(), Locale.ShortFormat)
                              + (entry.duration > 0 ? " · " + qsTr("%1 s").arg(entry.duration) : " · " + entry.endReason)
                        font.pixelSize: 11
                        opacity: 0.7
                    }
                }
                Button {
                    objectName: "callBackButton"
                    text: qsTr("Call back")
                    Accessible.name: qsTr("Call back %1").arg(entry.remoteName)
                    onClicked: historyView.calls.dial(entry.remoteUri)
                }
            }
        }
    }
}
