// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: the state banner on top; below it sign-in, the call in progress, or the
// dialer, the history and the settings. The incoming-call dialog is a window of its own.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parla.Ui

ApplicationWindow {
    id: root

    required property ClientStatus status
    required property CallsModel calls
    required property CallHistory history
    required property AccountSettings account
    required property AudioDevices devices
    // Pre-filled in the dialer (the demo puts the bot's address here).
    property string dialAddress: ""

    title: qsTr("Parla")
    width: 420
    height: 640
    visible: true

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        StatusBanner {
            objectName: "statusBanner"
            Layout.fillWidth: true
            status: root.status
            onFixRequested: root.account.signOut()
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 12
            currentIndex: !root.account.signedIn ? 0 : (root.calls.current ? 1 : 2)

            ScrollView {
                id: signInScroll
                // Scrolls vertically only; its width is the layout's, not the form's.
                contentWidth: availableWidth
                SignIn {
                    width: signInScroll.availableWidth
                    account: root.account
                    failureReason: root.status.failureReason
                }
            }
            InCallView {
                call: root.calls.current
                devices: root.devices
            }
            ColumnLayout {
                TabBar {
                    id: tabs
                    Layout.fillWidth: true
                    TabButton {
                        text: qsTr("Dialer")
                        Accessible.name: text
                    }
                    TabButton {
                        text: root.history.missedCount > 0 ? qsTr("History (%1)").arg(root.history.missedCount) : qsTr("History")
                        Accessible.name: text
                    }
                    TabButton {
                        text: qsTr("Settings")
                        Accessible.name: text
                    }
                    onCurrentIndexChanged: {
                        if (currentIndex === 1)
                            root.history.markMissedSeen()
                    }
                }
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: tabs.currentIndex
                    DialerView {
                        calls: root.calls
                        history: root.history
                        address: root.dialAddress
                        canCall: root.status.online
                    }
                    HistoryView {
                        calls: root.calls
                        history: root.history
                    }
                    SettingsView {
                        account: root.account
                        devices: root.devices
                    }
                }
            }
        }
    }

    IncomingCallWindow {
        calls: root.calls
    }
}
