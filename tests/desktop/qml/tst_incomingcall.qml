// SPDX-License-Identifier: GPL-3.0-or-later
// The incoming-call window: a window of its own that appears when a call rings (no main
// window needed), says who calls, answers and declines, and shows call waiting.
import QtQuick
import QtTest
import Parla.Ui
import Parla.TestDriver

TestCase {
    id: testCase
    name: "IncomingCallWindow"
    when: windowShown

    ModelDriver { id: driver }
    Component {
        id: windowComponent
        IncomingCallWindow {
            calls: CallsModel {}
        }
    }
    Component {
        id: spyComponent
        SignalSpy {}
    }

    function test_showsOnlyWhileRinging() {
        const window = createTemporaryObject(windowComponent, testCase)
        verify(!window.visible)
        compare(window.title, "Parla — incoming call")
        verify(driver.call(window.calls, 1, true, "ringing", "sip:carol@example.com", "Carol"))
        tryVerify(() => window.visible)
        compare(findChild(window.contentItem, "callerName").text, "Carol")
        compare(findChild(window.contentItem, "callerAddress").text, "sip:carol@example.com")
        verify(!findChild(window.contentItem, "callWaiting").visible)
        waitForRendering(window.contentItem)
        grabImage(window.contentItem).save(driver.artifactPath("incoming-call.png"))
        driver.call(window.calls, 1, true, "ended", "sip:carol@example.com", "Carol")
        tryVerify(() => !window.visible)
    }

    function test_answerAndDecline_data() {
        return [{ tag: "answer", button: "answerButton" }, { tag: "decline", button: "declineButton" }]
    }
    function test_answerAndDecline(data) {
        const window = createTemporaryObject(windowComponent, testCase)
        driver.call(window.calls, 1, true, "ringing", "sip:carol@example.com", "")
        tryVerify(() => window.visible)
        compare(findChild(window.contentItem, "callerName").text, "carol")
        const spy = createTemporaryObject(spyComponent, testCase, { target: window.call, signalName: "requested" })
        const button = findChild(window.contentItem, data.button)
        waitForRendering(window.contentItem)
        mouseClick(button)
        compare(spy.count, 1)
        compare(spy.signalArguments[0][0], data.tag)
    }

    function test_callWaiting() {
        const window = createTemporaryObject(windowComponent, testCase)
        driver.call(window.calls, 1, false, "active", "sip:bob@example.com", "Bob")
        verify(!window.visible)
        driver.call(window.calls, 2, true, "ringing", "sip:carol@example.com", "Carol")
        tryVerify(() => window.visible)
        compare(findChild(window.contentItem, "callerName").text, "Carol")
        verify(findChild(window.contentItem, "callWaiting").visible)
        waitForRendering(window.contentItem)
        grabImage(window.contentItem).save(driver.artifactPath("call-waiting.png"))
    }
}
