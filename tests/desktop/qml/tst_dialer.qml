// SPDX-License-Identifier: GPL-3.0-or-later
// The dialer: the number pad types, Call dials what is typed, the history completes.
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
        name: "Dialer"
        when: windowShown
        width: 420
        height: 600

        ModelDriver { id: driver }
        Component {
            id: dialerComponent
            DialerView {
                width: 420
                calls: CallsModel {}
                history: CallHistory {}
            }
        }
        Component {
            id: spyComponent
            SignalSpy {}
        }

        function test_numberPadAndCall() {
            const view = createTemporaryObject(dialerComponent, stage)
            view.history.clear()
            const callButton = findChild(view, "callButton")
            verify(!callButton.enabled)
            mouseClick(findChild(view, "key1"))
            mouseClick(findChild(view, "key2"))
            mouseClick(findChild(view, "keyStar"))
            compare(findChild(view, "addressField").text, "12*")
            verify(callButton.enabled)
            const spy = createTemporaryObject(spyComponent, testCase, { target: view.calls, signalName: "dialRequested" })
            mouseClick(callButton)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "12*")
            grabImage(view).save(driver.artifactPath("dialer.png"))
        }

        function test_completionFromHistory() {
            const view = createTemporaryObject(dialerComponent, stage)
            view.history.clear()
            driver.record(view.history, "sip:bob@example.com", false, false)
            driver.record(view.history, "sip:carol@example.com", true, true)
            const field = findChild(view, "addressField")
            field.forceActiveFocus()
            field.text = "bo"
            const list = findChild(view, "completions")
            tryCompare(list, "count", 1)
            const entry = list.itemAtIndex(0)
            compare(entry.text, "sip:bob@example.com")
            // The layout makes room for the list before the entry can be clicked.
            tryVerify(() => list.height >= entry.height)
            waitForRendering(view)
            mouseClick(entry)
            compare(field.text, "sip:bob@example.com")
        }

        function test_prefilledAddressDialsOnReturn() {
            const view = createTemporaryObject(dialerComponent, stage, { address: "sip:bob@example.com" })
            const spy = createTemporaryObject(spyComponent, testCase, { target: view.calls, signalName: "dialRequested" })
            findChild(view, "addressField").forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "sip:bob@example.com")
        }

        function test_cannotCallWhileOffline() {
            const view = createTemporaryObject(dialerComponent, stage, { address: "bob", canCall: false })
            verify(!findChild(view, "callButton").enabled)
        }
    }
}
