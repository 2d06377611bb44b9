// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in: server URL, user, password, remember me; each field says what is wrong with it,
// and the client's own failure (wrong password, server unreachable) is shown in words.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parla.Ui

ColumnLayout {
    id: signIn

    required property AccountSettings account
    // The client's failure reason, in words ("" when none).
    property string failureReason: ""

    spacing: 6

    function submit() {
        signIn.account.signIn(serverField.text, userField.text, passwordField.text, rememberBox.checked,
                              withoutPasswordBox.checked)
    }

    Label {
        text: qsTr("Sign in to your SIP server")
        font.pixelSize: 18
        font.bold: true
    }
    Label {
        objectName: "failureReason"
        Layout.fillWidth: true
        visible: text.length > 0
        text: signIn.account.signInError.length > 0 ? signIn.account.signInError : signIn.failureReason
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
    Label { text: qsTr("Server (ws:// or wss://)") }
    TextField {
        id: serverField
        objectName: "serverField"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        text: signIn.account.serverUrl
        placeholderText: "wss://sip.example.com"
        inputMethodHints: Qt.ImhUrlCharactersOnly
        Accessible.name: qsTr("Server address")
        onAccepted: signIn.submit()
    }
    Label {
        objectName: "serverError"
        Layout.fillWidth: true
        visible: text.length > 0
        text: signIn.account.serverUrlError
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
    Label { text: qsTr("User") }
    TextField {
        id: userField
        objectName: "userField"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        text: signIn.account.user
        Accessible.name: qsTr("User name")
        onAccepted: signIn.submit()
    }
    Label {
        objectName: "userError"
        Layout.fillWidth: true
        visible: text.length > 0
        text: signIn.account.userError
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
    Label { text: qsTr("Password") }
    TextField {
        id: passwordField
        objectName: "passwordField"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        echoMode: TextInput.Password
        Accessible.name: qsTr("Password")
        onAccepted: signIn.submit()
    }
    Label {
        objectName: "passwordError"
        Layout.fillWidth: true
        visible: text.length > 0
        text: signIn.account.passwordError
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
    CheckBox {
        id: rememberBox
        objectName: "rememberBox"
        checked: signIn.account.rememberMe
        text: qsTr("Remember me")
        Accessible.name: text
    }
    Label {
        objectName: "keychainWarning"
        Layout.fillWidth: true
        visible: !signIn.account.keychainAvailable
        text: signIn.account.keychainWarning
        wrapMode: Text.Wrap
        Accessible.name: text
    }
    CheckBox {
        id: withoutPasswordBox
        objectName: "withoutPasswordBox"
        visible: !signIn.account.keychainAvailable && rememberBox.checked
        text: qsTr("Remember the server and user only; ask me for the password")
        Accessible.name: text
    }
    Button {
        objectName: "signInButton"
        text: qsTr("Sign in")
        Accessible.name: text
        onClicked: signIn.submit()
    }
}
