// SPDX-License-Identifier: GPL-3.0-or-later
// The state banner says what the client is doing in every state, and offers the one action
// that helps: "Retry now" while reconnecting, a fix while failed.
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
        name: "StatusBanner"
        when: windowShown
        width: 480
        height: 120

        ModelDriver { id: driver }
        Component {
            id: bannerComponent
            StatusBanner {
                width: 480
                status: ClientStatus {}
            }
        }

        function makeBanner() {
            const banner = createTemporaryObject(bannerComponent, stage)
            verify(banner)
            return banner
        }

        function test_textPerState_data() {
            return [
                { tag: "stopped", state: "stopped", text: "Not signed in" },
                { tag: "starting", state: "starting", text: "Connecting…" },
                { tag: "running", state: "running", text: "Online: calls can come in" },
                { tag: "paused", state: "paused", text: "Paused while Parla is in the background" },
                { tag: "resuming", state: "resuming", text: "Reconnecting after the pause…" },
            ]
        }
        function test_textPerState(data) {
            const banner = makeBanner()
            driver.setState(banner.status, "failed")
            verify(driver.setState(banner.status, data.state))
            compare(findChild(banner, "bannerText").text, data.text)
            compare(banner.Accessible.name, data.text)
            verify(!findChild(banner, "retryNowButton").visible)
            verify(!findChild(banner, "fixButton").visible)
        }

        function test_reconnectingOffersRetryNow() {
            const banner = makeBanner()
            driver.reconnect(banner.status, 2, 4)
            compare(findChild(banner, "bannerText").text, "Connection lost: reconnecting in 4 s")
            const retry = findChild(banner, "retryNowButton")
            tryVerify(() => retry.visible)
            const spy = createTemporaryObject(spyComponent, testCase, { target: banner.status, signalName: "retryRequested" })
            mouseClick(retry)
            compare(spy.count, 1)
            // It counts down by itself.
            tryCompare(findChild(banner, "bannerText"), "text", "Connection lost: reconnecting in 3 s", 2000)
            grabImage(banner).save(driver.artifactPath("banner-reconnecting.png"))
        }

        function test_failedSaysWhyAndOffersAFix() {
            const banner = makeBanner()
            driver.fail(banner.status, "the server refused the user name or password")
            compare(findChild(banner, "bannerText").text, "Could not connect: the server refused the user name or password")
            const fix = findChild(banner, "fixButton")
            tryVerify(() => fix.visible)
            verify(!findChild(banner, "retryNowButton").visible)
            const spy = createTemporaryObject(spyComponent, testCase, { target: banner, signalName: "fixRequested" })
            mouseClick(fix)
            compare(spy.count, 1)
            grabImage(banner).save(driver.artifactPath("banner-failed.png"))
        }

        Component {
            id: spyComponent
            SignalSpy {}
        }
    }
}
