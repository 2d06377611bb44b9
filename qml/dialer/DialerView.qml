// SPDX-License-Identifier: GPL-3.0-or-later
// The dialer: an address field completed from the history, a number pad, and Call.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parla.Ui

ColumnLayout {
    id: dialer

    required property CallsModel calls
    required property CallHistory history
    property alias address: addressField.text
    property bool canCall: true

    spacing: 8

    function placeCall() {
        if (addressField.text.trim().length > 0)
            dialer.calls.dial(addressField.text)
    }

    TextField {
        id: addressField
        objectName: "addressField"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        placeholderText: qsTr("Number or address, such as bob or sip:bob@example.com")
        Accessible.name: qsTr("Number or address to call")
        onAccepted: dialer.placeCall()
    }
    ListView {
        id: completions
        objectName: "completions"
        Layout.fillWidth: true
        Layout.preferredHeight: contentHeight
        interactive: false
        model: addressField.activeFocus || addressField.text.length > 0
               ? dialer.history.completions(addressField.text) : []
        delegate: ItemDelegate {
            id: completion
            required property string modelData
            width: completions.width
            text: completion.modelData
            Accessible.name: qsTr("Complete with %1").arg(completion.modelData)
            onClicked: addressField.text = completion.modelData
        }
    }
    NumberPad {
        objectName: "dialPad"
        Layout.alignment: Qt.AlignHCenter
        onDigitPressed: digit => addressField.insert(addressField.cursorPosition, digit)
    }
    Button {
        objectName: "callButton"
        Layout.alignment: Qt.AlignHCenter
        text: qsTr("Call")
        enabled: dialer.canCall && addressField.text.trim().length > 0
        Accessible.name: qsTr("Call %1").arg(addressField.text)
        onClicked: dialer.placeCall()
    }
    Label {
        objectName: "dialError"
        Layout.fillWidth: true
        visible: text.length > 0
        text: dialer.calls.lastError
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
}
