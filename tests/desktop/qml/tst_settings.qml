// SPDX-License-Identifier: GPL-3.0-or-later
// The settings view: the ringtone device, the level meter and why it cannot measure, and
// start on login writing and removing the autostart entry.
import QtQuick
import QtTest
import Parla.Ui
import Parla.TestDriver

Item {
    id: stage
    width: 480
    height: 900

    TestCase {
        id: testCase
        name: "SettingsView"
        when: windowShown

        ModelDriver { id: driver }
        Component {
            id: viewComponent
            SettingsView {
                width: 420
                account: AccountSettings {}
                devices: AudioDevices {}
            }
        }

        function test_ringtoneDeviceIsOffered() {
            const view = createTemporaryObject(viewComponent, stage)
            const box = findChild(view, "settingsRingtone")
            compare(box.Accessible.name, "Ringtone device")
            compare(box.currentIndex, view.devices.ringtoneIndex)
        }

        function test_levelMeterOnlyWhileShown() {
            const view = createTemporaryObject(viewComponent, stage)
            const bar = findChild(view, "inputLevel")
            compare(bar.Accessible.name, "Microphone level")
            compare(bar.from, -96)
            view.visible = false
            const meter = findChild(view, "levelMeter")
            verify(!meter.active)
            compare(bar.value, -96)
        }

        // The runner has no sound server (PULSE_SERVER points nowhere): the meter cannot
        // open the microphone, and the view says why beside the bar.
        function test_levelMeterSaysWhyItCannot() {
            const view = createTemporaryObject(viewComponent, stage)
            const meter = findChild(view, "levelMeter")
            const error = findChild(view, "inputLevelError")
            tryVerify(() => meter.errorString.length > 0)
            verify(!meter.active)
            verify(error.visible)
            compare(error.text, "Cannot measure the microphone: " + meter.errorString)
            compare(error.Accessible.name, error.text)
            // Shown again, the page tries again (and fails again here).
            let tries = 0
            meter.activeChanged.connect(() => ++tries)
            view.visible = false
            view.visible = true
            verify(tries > 0)
            tryVerify(() => meter.errorString.length > 0)
            verify(error.visible)
        }

        function test_startOnLogin() {
            const view = createTemporaryObject(viewComponent, stage)
            const toggle = findChild(view, "startOnLogin")
            // The runner points XDG_CONFIG_HOME at a directory of its own.
            verify(view.autostart.entryPath.indexOf("/config/autostart/org.parla.Parla.desktop") > 0,
                   view.autostart.entryPath)
            verify(!toggle.checked)
            compare(toggle.Accessible.name, "Start on login, hidden in the tray")
            mouseClick(toggle)
            verify(view.autostart.enabled)
            verify(toggle.checked)
            compare(findChild(view, "startOnLoginError").text, "")
            // A second view reads the same file: the choice is remembered.
            const again = createTemporaryObject(viewComponent, stage, { visible: false })
            verify(findChild(again, "startOnLogin").checked)
            mouseClick(toggle)
            verify(!view.autostart.enabled)
            verify(!toggle.checked)
        }
    }
}
