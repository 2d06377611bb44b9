// SPDX-License-Identifier: GPL-3.0-or-later
// The history view: calls newest first, missed ones counted, and a call-back per entry.
import QtQuick
import QtTest
import Parla.Ui
import Parla.TestDriver

// The TestCase item is invisible: the views are created on this stage beside it.
Item {
    id: stage
    width: 420
    height: 480

    TestCase {
        id: testCase
        name: "HistoryView"
        when: windowShown

        ModelDriver { id: driver }
        Component {
            id: viewComponent
            HistoryView {
                width: 420
                height: 480
                calls: CallsModel {}
                history: CallHistory {}
            }
        }
        Component {
            id: spyComponent
            SignalSpy {}
        }

        function test_listAndCallBack() {
            const view = createTemporaryObject(viewComponent, stage)
            view.history.clear()
            verify(!findChild(view, "missedLabel").visible)
            driver.record(view.history, "sip:bob@example.com", false, false)
            driver.record(view.history, "sip:carol@example.com", true, true)
            const list = findChild(view, "historyList")
            tryCompare(list, "count", 2)
            const missedLabel = findChild(view, "missedLabel")
            verify(missedLabel.visible)
            compare(missedLabel.text, "1 missed call(s)")
            const newest = list.itemAtIndex(0)
            compare(newest.Accessible.name, "Missed call from sip:carol@example.com")
            const spy = createTemporaryObject(spyComponent, testCase, { target: view.calls, signalName: "dialRequested" })
            waitForRendering(view)
            const callBack = findChild(newest, "callBackButton")
            mouseClick(callBack)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "sip:carol@example.com")
            grabImage(view).save(driver.artifactPath("history.png"))
            view.history.markMissedSeen()
            verify(!missedLabel.visible)
        }
    }
}
