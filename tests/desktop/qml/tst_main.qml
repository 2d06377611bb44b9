// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: titled "Parla", the banner on top, sign-in until signed in, then the
// dialer (pre-filled) with history and settings, and the in-call view while a call is up.
import QtQuick
import QtQuick.Controls
import QtTest
import Parla.Ui
import Parla.TestDriver

TestCase {
    id: testCase
    name: "Main"
    when: windowShown

    ModelDriver { id: driver }
    Component {
        id: mainComponent
        Main {
            status: ClientStatus {}
            calls: CallsModel {}
            history: CallHistory {}
            account: AccountSettings {}
            devices: AudioDevices {}
            dialAddress: "bob"
        }
    }

    function visibleChild(window, name) {
        const item = findChild(window.contentItem, name)
        return item !== null && item.visible
    }

    function test_pages() {
        const window = createTemporaryObject(mainComponent, testCase)
        verify(window)
        compare(window.title, "Parla")
        tryVerify(() => window.visible)
        compare(findChild(window.contentItem, "bannerText").text, "Not signed in")
        verify(visibleChild(window, "signInButton"))
        verify(!visibleChild(window, "callButton"))

        verify(window.account.signIn("ws://127.0.0.1:5066", "alice", "secret", false))
        driver.setState(window.status, "running")
        tryVerify(() => visibleChild(window, "callButton"))
        verify(!visibleChild(window, "signInButton"))
        compare(findChild(window.contentItem, "addressField").text, "bob")
        verify(findChild(window.contentItem, "callButton").enabled)
        compare(findChild(window.contentItem, "bannerText").text, "Online: calls can come in")
        waitForRendering(window.contentItem)
        grabImage(window.contentItem).save(driver.artifactPath("main-window.png"))

        driver.call(window.calls, 3, false, "active", "sip:bob@example.com", "Bob")
        tryVerify(() => visibleChild(window, "hangUpButton"))
        verify(!visibleChild(window, "callButton"))
        waitForRendering(window.contentItem)
        grabImage(window.contentItem).save(driver.artifactPath("main-window-in-call.png"))
        driver.call(window.calls, 3, false, "ended", "sip:bob@example.com", "Bob")
        tryVerify(() => visibleChild(window, "callButton"))

        // Offline: the dialer says so by refusing to call.
        driver.reconnect(window.status, 1, 5)
        verify(!findChild(window.contentItem, "callButton").enabled)
        verify(visibleChild(window, "retryNowButton"))
    }
}
