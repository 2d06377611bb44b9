// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in: each bad field says what is wrong with it; good fields sign in; the client's own
// failure is shown in words.
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
        name: "SignIn"
        when: windowShown
        width: 480
        height: 640

        ModelDriver { id: driver }
        Component {
            id: signInComponent
            SignIn {
                width: 480
                account: AccountSettings {}
            }
        }
        Component {
            id: spyComponent
            SignalSpy {}
        }

        function fill(view, server, user, password) {
            findChild(view, "serverField").text = server
            findChild(view, "userField").text = user
            findChild(view, "passwordField").text = password
            findChild(view, "rememberBox").checked = false
        }

        function test_fieldErrors() {
            const view = createTemporaryObject(signInComponent, stage)
            fill(view, "http://sip.example.com", "", "")
            mouseClick(findChild(view, "signInButton"))
            const serverError = findChild(view, "serverError")
            verify(serverError.visible)
            verify(serverError.text.indexOf("ws") >= 0, serverError.text)
            compare(findChild(view, "userError").text, "Type your user name")
            compare(findChild(view, "passwordError").text, "Type your password")
            verify(!view.account.signedIn)
            grabImage(view).save(driver.artifactPath("signin-errors.png"))
        }

        function test_badUserOnly() {
            const view = createTemporaryObject(signInComponent, stage)
            fill(view, "ws://127.0.0.1:5066", "alice smith", "secret")
            mouseClick(findChild(view, "signInButton"))
            verify(!findChild(view, "serverError").visible)
            verify(findChild(view, "userError").text.indexOf("alice smith") >= 0)
            verify(!view.account.signedIn)
        }

        function test_goodFieldsSignIn() {
            const view = createTemporaryObject(signInComponent, stage)
            const spy = createTemporaryObject(spyComponent, testCase, { target: view.account, signalName: "signedInChanged" })
            fill(view, "ws://127.0.0.1:5066", "alice", "secret")
            mouseClick(findChild(view, "signInButton"))
            compare(spy.count, 1)
            verify(view.account.signedIn)
            verify(!findChild(view, "serverError").visible)
            verify(!findChild(view, "passwordError").visible)
        }

        function test_failureReasonInWords() {
            const view = createTemporaryObject(signInComponent, stage)
            const reason = findChild(view, "failureReason")
            verify(!reason.visible)
            view.failureReason = "the server refused the user name or password"
            verify(reason.visible)
            compare(reason.text, "the server refused the user name or password")
        }
    }
}
