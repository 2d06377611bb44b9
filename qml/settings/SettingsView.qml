// SPDX-License-Identifier: GPL-3.0-or-later
// Settings: the account, the audio devices, the tray's meaning, the language.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Parla.Ui

ColumnLayout {
    id: settings

    required property AccountSettings account
    required property AudioDevices devices
    // The file is the setting: nothing to share with other views, so the view makes its own.
    property Autostart autostart: Autostart {}

    spacing: 8

    Label { text: qsTr("Account"); font.bold: true }
    Label {
        objectName: "accountLabel"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        elide: Text.ElideMiddle
        text: settings.account.user.length > 0 ? qsTr("%1 on %2").arg(settings.account.user).arg(settings.account.serverUrl)
                                               : qsTr("Signed in for this session only")
        Accessible.name: text
    }
    Label {
        objectName: "keychainWarning"
        Layout.fillWidth: true
        visible: !settings.account.keychainAvailable
        text: settings.account.keychainWarning
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
    Button {
        objectName: "signOutButton"
        text: qsTr("Sign out")
        Accessible.name: qsTr("Sign out and forget the password")
        onClicked: settings.account.signOut()
    }

    Label { text: qsTr("Audio"); font.bold: true }
    RowLayout {
        Label { text: qsTr("Microphone") }
        ComboBox {
            objectName: "settingsInput"
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            model: settings.devices.inputs
            textRole: "description"
            valueRole: "id"
            currentIndex: settings.devices.inputIndex
            Accessible.name: qsTr("Microphone")
            onActivated: {
                settings.devices.chooseInput(currentValue)
                // Measure the new choice: the meter reads the device when it opens.
                levelMeter.active = false
                levelMeter.active = Qt.binding(() => settings.visible)
            }
        }
    }
    InputLevelMeter {
        id: levelMeter
        objectName: "levelMeter"
        // The microphone is open only while this page shows.
        active: settings.visible
        Component.onCompleted: follow(settings.devices)
    }
    ProgressBar {
        objectName: "inputLevel"
        Layout.fillWidth: true
        from: levelMeter.floor
        to: 0
        value: levelMeter.rmsDbfs
        Accessible.name: qsTr("Microphone level")
        ToolTip.visible: levelHover.hovered
        ToolTip.text: qsTr("%1 dBFS, peak %2 dBFS").arg(Math.round(levelMeter.rmsDbfs)).arg(Math.round(levelMeter.peakDbfs))
        HoverHandler { id: levelHover }
    }
    Label {
        // Why the bar stays still: the microphone is missing, busy or was unplugged.
        objectName: "inputLevelError"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        visible: levelMeter.errorString.length > 0
        text: qsTr("Cannot measure the microphone: %1").arg(levelMeter.errorString)
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }
    RowLayout {
        Label { text: qsTr("Speaker") }
        ComboBox {
            objectName: "settingsOutput"
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            model: settings.devices.outputs
            textRole: "description"
            valueRole: "id"
            currentIndex: settings.devices.outputIndex
            Accessible.name: qsTr("Speaker")
            onActivated: settings.devices.chooseOutput(currentValue)
        }
    }
    RowLayout {
        Label { text: qsTr("Ringtone") }
        ComboBox {
            objectName: "settingsRingtone"
            Layout.fillWidth: true
            Layout.preferredWidth: 100
            model: settings.devices.outputs
            textRole: "description"
            valueRole: "id"
            currentIndex: settings.devices.ringtoneIndex
            Accessible.name: qsTr("Ringtone device")
            onActivated: settings.devices.chooseRingtone(currentValue)
        }
    }
    Button {
        text: qsTr("Look for devices again")
        Accessible.name: text
        onClicked: settings.devices.refresh()
    }

    Label { text: qsTr("Background"); font.bold: true }
    Switch {
        objectName: "hiddenIsBackground"
        text: qsTr("Hidden in the tray counts as background")
        checked: settings.account.hiddenIsBackground
        Accessible.name: text
        Accessible.description: hiddenHint.text
        onToggled: settings.account.hiddenIsBackground = checked
    }
    Label {
        id: hiddenHint
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        wrapMode: Text.Wrap
        opacity: 0.7
        text: qsTr("When on, Parla signs out while its window is hidden, and calls do not ring.")
    }

    Switch {
        objectName: "startOnLogin"
        text: qsTr("Start on login, hidden in the tray")
        checked: settings.autostart.enabled
        Accessible.name: text
        onToggled: {
            settings.autostart.enabled = checked
            // Follow the file again: a failed write leaves the switch off.
            checked = Qt.binding(() => settings.autostart.enabled)
        }
    }
    Label {
        objectName: "startOnLoginError"
        Layout.fillWidth: true
        Layout.preferredWidth: 100
        visible: text.length > 0
        text: settings.autostart.errorString
        color: "#a00000"
        wrapMode: Text.Wrap
        Accessible.name: text
    }

    Label { text: qsTr("Language"); font.bold: true }
    ComboBox {
        objectName: "languageBox"
        model: [{ code: "", name: qsTr("As the system") }, { code: "en", name: "English" }, { code: "it", name: "Italiano" }]
        textRole: "name"
        valueRole: "code"
        currentIndex: Math.max(0, indexOfValue(settings.account.language))
        Accessible.name: qsTr("Language (applies at the next start)")
        onActivated: settings.account.language = currentValue
    }
}
