// SPDX-License-Identifier: GPL-3.0-or-later
// The call in progress: who, how long, mute, hold, a DTMF keypad, hang up, devices.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parla.Ui

ColumnLayout {
    id: inCall

    required property ActiveCall call
    required property AudioDevices devices

    spacing: 8

    Shortcut {
        sequences: ["Ctrl+Shift+H"]
        context: Qt.ApplicationShortcut
        enabled: inCall.call !== null && inCall.visible
        onActivated: inCall.call.hangUp()
    }
    Shortcut {
        sequences: ["Ctrl+Shift+M"]
        context: Qt.ApplicationShortcut
        enabled: inCall.call !== null && inCall.visible
        onActivated: inCall.call.toggleMute()
    }

    Label {
        objectName: "remoteName"
        text: inCall.call ? inCall.call.remoteName : ""
        font.pixelSize: 20
        font.bold: true
        Accessible.name: qsTr("In call with %1").arg(text)
    }
    Label {
        objectName: "callState"
        text: !inCall.call ? "" : inCall.call.established
              ? (inCall.call.held ? qsTr("On hold · %1") : qsTr("Talking · %1")).arg(inCall.call.durationText)
              : qsTr("Calling…")
        Accessible.name: text
    }
    // Quality at a glance: a traffic light from the engine's grade (the worse way of the two),
    // the figures beside it, each way apart in the tooltip.
    RowLayout {
        objectName: "qualityRow"
        visible: inCall.call !== null && inCall.call.established
        spacing: 6
        HoverHandler { id: qualityHover }
        RowLayout {
            objectName: "secureLock"
            visible: inCall.call !== null && inCall.call.secure
            spacing: 4
            Accessible.role: Accessible.Indicator
            Accessible.name: qsTr("Encrypted call (SRTP)")
            // A padlock drawn from two rectangles: no icon font is sure to have one.
            Item {
                implicitWidth: 10
                implicitHeight: 12
                Rectangle {
                    x: 2
                    width: 6
                    height: 8
                    radius: 3
                    color: "transparent"
                    border.width: 1.5
                    border.color: lockText.color
                }
                Rectangle {
                    y: 5
                    width: 10
                    height: 7
                    radius: 1
                    color: lockText.color
                }
            }
            Label {
                id: lockText
                text: qsTr("Encrypted")
            }
        }
        Rectangle {
            objectName: "qualityLight"
            readonly property string grade: inCall.call ? inCall.call.qualityGrade : "unknown"
            width: 12
            height: 12
            radius: 6
            color: grade === "good" ? "#2e9e44" : grade === "fair" ? "#e0a800" : grade === "poor" ? "#d3302f" : "#9e9e9e"
            Accessible.role: Accessible.Indicator
            Accessible.name: qualityLabel.Accessible.name
            Accessible.description: qualityLabel.bothWays
        }
        Label {
            id: qualityLabel
            objectName: "qualityText"
            text: inCall.call ? inCall.call.qualityText : ""
            // "You hear: …" and "They hear: …", for the tooltip and screen readers.
            readonly property string bothWays: inCall.call ? inCall.call.qualityBothWays : ""
            Accessible.name: qsTr("Call quality: %1").arg(text)
            Accessible.description: bothWays
            ToolTip.text: bothWays
            ToolTip.visible: qualityHover.hovered && bothWays.length > 0
        }
        Label {
            objectName: "qualityDetails"
            text: inCall.call ? inCall.call.qualityDetails : ""
            opacity: 0.7
            font.pixelSize: 11
            Accessible.name: text
        }
    }
    RowLayout {
        Button {
            objectName: "muteButton"
            checkable: true
            checked: inCall.call !== null && inCall.call.muted
            text: checked ? qsTr("Unmute") : qsTr("Mute")
            Accessible.name: checked ? qsTr("Unmute the microphone (Ctrl+Shift+M)") : qsTr("Mute the microphone (Ctrl+Shift+M)")
            onClicked: inCall.call.toggleMute()
        }
        Button {
            objectName: "holdButton"
            enabled: inCall.call !== null && inCall.call.established
            text: inCall.call && inCall.call.held ? qsTr("Resume") : qsTr("Hold")
            Accessible.name: text
            onClicked: inCall.call.toggleHold()
        }
        Button {
            id: keypadToggle
            objectName: "keypadButton"
            checkable: true
            text: qsTr("Keypad")
            Accessible.name: qsTr("Show the keypad")
        }
        Button {
            objectName: "hangUpButton"
            text: qsTr("Hang up")
            Accessible.name: qsTr("Hang up (Ctrl+Shift+H)")
            onClicked: inCall.call.hangUp()
        }
    }
    NumberPad {
        objectName: "dtmfPad"
        visible: keypadToggle.checked
        onDigitPressed: digit => inCall.call.sendDtmf(digit)
    }
    RowLayout {
        Label { text: qsTr("Microphone") }
        ComboBox {
            objectName: "inputDevice"
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            model: inCall.devices.inputs
            textRole: "description"
            valueRole: "id"
            currentIndex: inCall.devices.inputIndex
            Accessible.name: qsTr("Microphone")
            // Remembered for the next calls, and this call moves to it at once.
            onActivated: {
                inCall.devices.chooseInput(currentValue)
                if (inCall.call)
                    inCall.call.useInput(currentValue)
            }
        }
    }
    RowLayout {
        Label { text: qsTr("Speaker") }
        ComboBox {
            objectName: "outputDevice"
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            model: inCall.devices.outputs
            textRole: "description"
            valueRole: "id"
            currentIndex: inCall.devices.outputIndex
            Accessible.name: qsTr("Speaker")
            onActivated: {
                inCall.devices.chooseOutput(currentValue)
                if (inCall.call)
                    inCall.call.useOutput(currentValue)
            }
        }
    }
    // A device that would not open: the call stays on the one it had, and says why.
    Label {
        objectName: "deviceError"
        Layout.fillWidth: true
        visible: text.length > 0
        text: inCall.call && inCall.call.deviceError.length > 0
              ? qsTr("That device could not be used; the call goes on with the previous one (%1)").arg(inCall.call.deviceError)
              : ""
        color: "#d3302f"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
}
