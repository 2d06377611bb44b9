// SPDX-License-Identifier: GPL-3.0-or-later
// The banner that always says what the client is doing, with the one action that helps:
// "Retry now" while reconnecting, a way to fix the sign-in when it failed.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parla.Ui

Rectangle {
    id: banner

    required property ClientStatus status
    signal fixRequested

    implicitHeight: row.implicitHeight + 16
    color: status.failed ? "#f8d7da" : (status.online ? "#d4edda" : "#fff3cd")
    Accessible.role: Accessible.StatusBar
    Accessible.name: bannerText.text

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8

        Label {
            id: bannerText
            objectName: "bannerText"
            Layout.fillWidth: true
            text: banner.status.text
            color: "#202020"
            wrapMode: Text.Wrap
            Accessible.name: text
        }
        Button {
            objectName: "retryNowButton"
            visible: banner.status.reconnecting
            text: qsTr("Retry now")
            Accessible.name: text
            onClicked: banner.status.retryNow()
        }
        Button {
            objectName: "fixButton"
            visible: banner.status.failed
            text: qsTr("Check sign-in")
            Accessible.name: qsTr("Check the sign-in details")
            onClicked: banner.fixRequested()
        }
    }
}
