// SPDX-License-Identifier: GPL-3.0-or-later
// Twelve keys of a telephone: the dialer types with them, the in-call view sends DTMF.
import QtQuick
import QtQuick.Controls

Grid {
    id: pad

    signal digitPressed(string digit)

    columns: 3
    spacing: 4

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"]
        delegate: Button {
            id: key
            required property string modelData
            objectName: "key" + (modelData === "*" ? "Star" : modelData === "#" ? "Hash" : modelData)
            text: modelData
            width: 56
            height: 44
            Accessible.name: key.modelData === "*" ? qsTr("Star")
                             : key.modelData === "#" ? qsTr("Hash") : qsTr("Digit %1").arg(key.modelData)
            onClicked: pad.digitPressed(key.modelData)
        }
    }
}
