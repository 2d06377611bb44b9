<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <location filename="../qml/history/HistoryView.qml" line="17"/>
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n missed call</numerusform>
            <numerusform>%n missed calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayStatusText</name>
    <message numerus="yes">
        <location filename="../app/desktop/tray/traystatustext.cpp" line="43"/>
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n missed call</numerusform>
            <numerusform>%n missed calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>parla::desktop::CallsModel</name>
    <message numerus="yes">
        <location filename="../app/desktop/callsmodel.cpp" line="181"/>
        <source>%n calls are already up: hang one up to call again</source>
        <translation>
            <numerusform>%n call is already up: hang it up to call again</numerusform>
            <numerusform>%n calls are already up: hang one up to call again</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>parla::desktop::ClientStatus</name>
    <message numerus="yes">
        <location filename="../app/desktop/clientstatus.cpp" line="44"/>
        <source>Connection lost: reconnecting in %n s</source>
        <translation>
            <numerusform>Connection lost: reconnecting in %n s</numerusform>
            <numerusform>Connection lost: reconnecting in %n s</numerusform>
        </translation>
    </message>
</context>
</TS>
