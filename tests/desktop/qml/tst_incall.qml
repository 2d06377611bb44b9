// SPDX-License-Identifier: GPL-3.0-or-later
// The in-call view: who and how long, and each control reaching the call.
import QtQuick
import QtTest
import Parla.Ui
import Parla.TestDriver

// The TestCase item is invisible: the views are created on this stage beside it.
Item {
    id: stage
    width: 480
    height: 640

    TestCase {
        id: testCase
        name: "InCallView"
        when: windowShown
        width: 420
        height: 600

        ModelDriver { id: driver }
        CallsModel { id: calls }
        Component {
            id: viewComponent
            InCallView {
                width: 420
                call: calls.current
                devices: AudioDevices {}
            }
        }
        Component {
            id: spyComponent
            SignalSpy {}
        }

        function init() {
            driver.call(calls, 7, false, "active", "sip:bob@example.com", "Bob")
        }
        function cleanup() {
            driver.call(calls, 7, false, "ended", "sip:bob@example.com", "Bob")
        }

        function test_controls() {
            const view = createTemporaryObject(viewComponent, stage)
            compare(findChild(view, "remoteName").text, "Bob")
            verify(findChild(view, "callState").text.indexOf("Talking · 00:") === 0, findChild(view, "callState").text)
            const spy = createTemporaryObject(spyComponent, testCase, { target: calls.current, signalName: "requested" })
            mouseClick(findChild(view, "muteButton"))
            compare(spy.signalArguments[0][0], "mute")
            driver.setMuted(calls, 7, true)
            compare(findChild(view, "muteButton").text, "Unmute")
            mouseClick(findChild(view, "holdButton"))
            compare(spy.signalArguments[1][0], "hold")
            const pad = findChild(view, "dtmfPad")
            verify(!pad.visible)
            mouseClick(findChild(view, "keypadButton"))
            verify(pad.visible)
            waitForRendering(view)
            mouseClick(findChild(pad, "key5"))
            compare(spy.signalArguments[2][0], "dtmf")
            compare(spy.signalArguments[2][1], "5")
            mouseClick(findChild(view, "hangUpButton"))
            compare(spy.signalArguments[3][0], "hangUp")
            compare(spy.count, 4)
            grabImage(view).save(driver.artifactPath("in-call.png"))
        }

        function test_qualityIndicator() {
            const view = createTemporaryObject(viewComponent, stage)
            const light = findChild(view, "qualityLight")
            compare(light.grade, "unknown")
            compare(findChild(view, "qualityText").text, "Measuring…")
            verify(!findChild(view, "secureLock").visible)

            driver.setQuality(calls, 7, 0.0, 8, 40, "opus")
            const label = findChild(view, "qualityText")
            compare(label.bothWays, "You hear: Good, loss 0.0%, jitter 8 ms\nThey hear: not reported yet")
            compare(light.grade, "good")
            compare(findChild(view, "qualityText").text, "Good")
            compare(findChild(view, "qualityDetails").text, "Loss 0.0% · jitter 8 ms · round trip 40 ms · OPUS")
            // The peer's report: it hears us badly, so the call is poor whatever we hear.
            driver.setFarQuality(calls, 7, 6.0, 21.5)
            compare(light.grade, "poor")
            compare(label.bothWays, "You hear: Good, loss 0.0%, jitter 8 ms\nThey hear: Poor, loss 6.0%, jitter 22 ms")
            compare(light.Accessible.description, label.bothWays)
            driver.setQuality(calls, 7, 0.0, 8, 40, "opus")
            const good = light.color.toString() // a copy: a value type read follows its property
            driver.setQuality(calls, 7, 2.5, 8, 40, "opus")
            compare(light.grade, "fair")
            verify(light.color.toString() !== good)
            driver.setQuality(calls, 7, 12, 80, 900, "PCMU")
            compare(light.grade, "poor")
            compare(findChild(view, "qualityText").text, "Poor")
            compare(findChild(view, "qualityText").Accessible.name, "Call quality: Poor")

            driver.setSecure(calls, 7, true)
            verify(findChild(view, "secureLock").visible)
            compare(findChild(view, "secureLock").Accessible.name, "Encrypted call (SRTP)")
            grabImage(view).save(driver.artifactPath("in-call-quality.png"))
        }

        // A device chosen in the call is remembered and moves this call at once; a refusal shows.
        function test_deviceSwitch() {
            const view = createTemporaryObject(viewComponent, stage)
            const spy = createTemporaryObject(spyComponent, testCase, { target: calls.current, signalName: "requested" })
            // The runner has no sound server: each box gets a device list as PulseAudio would give.
            const speaker = findChild(view, "outputDevice")
            speaker.model = [{ id: "headset", description: "Headset" }]
            speaker.currentIndex = 0
            speaker.activated(0)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "output")
            compare(spy.signalArguments[0][1], "headset")
            compare(view.devices.chosenOutputId, "headset")
            const microphone = findChild(view, "inputDevice")
            microphone.model = [{ id: "usb-mic", description: "USB microphone" }]
            microphone.currentIndex = 0
            microphone.activated(0)
            compare(spy.signalArguments[1][0], "input")
            compare(spy.signalArguments[1][1], "usb-mic")
            compare(view.devices.chosenInputId, "usb-mic")

            const error = findChild(view, "deviceError")
            verify(!error.visible)
            verify(driver.setDeviceError(calls, 7, "cannot open audio input usb-mic"))
            verify(error.visible)
            verify(error.text.indexOf("cannot open audio input usb-mic") >= 0, error.text)
            microphone.activated(0) // another try clears it
            verify(!error.visible)
        }

        function test_heldShowsResume() {
            const view = createTemporaryObject(viewComponent, stage)
            driver.call(calls, 7, false, "held", "sip:bob@example.com", "Bob")
            verify(findChild(view, "callState").text.indexOf("On hold") === 0)
            compare(findChild(view, "holdButton").text, "Resume")
        }

        function test_shortcuts() {
            const view = createTemporaryObject(viewComponent, stage)
            const spy = createTemporaryObject(spyComponent, testCase, { target: calls.current, signalName: "requested" })
            keyClick(Qt.Key_M, Qt.ControlModifier | Qt.ShiftModifier)
            keyClick(Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
            compare(spy.count, 2)
            compare(spy.signalArguments[0][0], "mute")
            compare(spy.signalArguments[1][0], "hangUp")
        }
    }
}
