<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it">
<context>
    <name>DialerView</name>
    <message>
        <location filename="../qml/dialer/DialerView.qml" line="28"/>
        <source>Number or address, such as bob or sip:bob@example.com</source>
        <translation>Numero o indirizzo, ad esempio bob o sip:bob@example.com</translation>
    </message>
    <message>
        <location filename="../qml/dialer/DialerView.qml" line="29"/>
        <source>Number or address to call</source>
        <translation>Numero o indirizzo da chiamare</translation>
    </message>
    <message>
        <location filename="../qml/dialer/DialerView.qml" line="45"/>
        <source>Complete with %1</source>
        <translation>Completa con %1</translation>
    </message>
    <message>
        <location filename="../qml/dialer/DialerView.qml" line="57"/>
        <source>Call</source>
        <translation>Chiama</translation>
    </message>
    <message>
        <location filename="../qml/dialer/DialerView.qml" line="59"/>
        <source>Call %1</source>
        <translation>Chiama %1</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <location filename="../qml/history/HistoryView.qml" line="17"/>
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n chiamata persa</numerusform>
            <numerusform>%n chiamate perse</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/history/HistoryView.qml" line="23"/>
        <source>No calls yet</source>
        <translation>Ancora nessuna chiamata</translation>
    </message>
    <message>
        <location filename="../qml/history/HistoryView.qml" line="42"/>
        <source>Missed call from %1</source>
        <translation>Chiamata persa da %1</translation>
    </message>
    <message>
        <location filename="../qml/history/HistoryView.qml" line="43"/>
        <source>Call from %1</source>
        <translation>Chiamata da %1</translation>
    </message>
    <message>
        <location filename="../qml/history/HistoryView.qml" line="43"/>
        <source>Call to %1</source>
        <translation>Chiamata a %1</translation>
    </message>
    <message>
        <location filename="../qml/history/HistoryView.qml" line="54"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../qml/history/HistoryView.qml" line="61"/>
        <source>Call back</source>
        <translation>Richiama</translation>
    </message>
    <message>
        <location filename="../qml/history/HistoryView.qml" line="62"/>
        <source>Call back %1</source>
        <translation>Richiama %1</translation>
    </message>
</context>
<context>
    <name>InCallView</name>
    <message>
        <location filename="../qml/call/InCallView.qml" line="34"/>
        <source>In call with %1</source>
        <translation>In chiamata con %1</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="39"/>
        <source>On hold · %1</source>
        <translation>In attesa · %1</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="39"/>
        <source>Talking · %1</source>
        <translation>In conversazione · %1</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="40"/>
        <source>Calling…</source>
        <translation>Chiamata in corso…</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="55"/>
        <source>Encrypted call (SRTP)</source>
        <translation>Chiamata cifrata (SRTP)</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="79"/>
        <source>Encrypted</source>
        <translation>Cifrata</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="99"/>
        <source>Call quality: %1</source>
        <translation>Qualità della chiamata: %1</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="117"/>
        <source>Unmute</source>
        <translation>Riattiva il microfono</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="117"/>
        <source>Mute</source>
        <translation>Silenzia</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="118"/>
        <source>Unmute the microphone (Ctrl+Shift+M)</source>
        <translation>Riattiva il microfono (Ctrl+Maiusc+M)</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="118"/>
        <source>Mute the microphone (Ctrl+Shift+M)</source>
        <translation>Silenzia il microfono (Ctrl+Maiusc+M)</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="124"/>
        <source>Resume</source>
        <translation>Riprendi</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="124"/>
        <source>Hold</source>
        <translation>Metti in attesa</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="132"/>
        <source>Keypad</source>
        <translation>Tastierino</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="133"/>
        <source>Show the keypad</source>
        <translation>Mostra il tastierino</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="137"/>
        <source>Hang up</source>
        <translation>Riaggancia</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="138"/>
        <source>Hang up (Ctrl+Shift+H)</source>
        <translation>Riaggancia (Ctrl+Maiusc+H)</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="148"/>
        <location filename="../qml/call/InCallView.qml" line="157"/>
        <source>Microphone</source>
        <translation>Microfono</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="167"/>
        <location filename="../qml/call/InCallView.qml" line="176"/>
        <source>Speaker</source>
        <translation>Altoparlante</translation>
    </message>
    <message>
        <location filename="../qml/call/InCallView.qml" line="190"/>
        <source>That device could not be used; the call goes on with the previous one (%1)</source>
        <translation>Quel dispositivo non si è potuto usare; la chiamata continua con il precedente (%1)</translation>
    </message>
</context>
<context>
    <name>IncomingCallWindow</name>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="16"/>
        <source>Parla — incoming call</source>
        <translation>Parla — chiamata in arrivo</translation>
    </message>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="57"/>
        <source>Caller %1</source>
        <translation>Chiamante %1</translation>
    </message>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="63"/>
        <source>Caller&apos;s address %1</source>
        <translation>Indirizzo del chiamante %1</translation>
    </message>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="68"/>
        <source>Call waiting: answering holds your current call</source>
        <translation>Chiamata in attesa: rispondendo metti in attesa la chiamata in corso</translation>
    </message>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="78"/>
        <source>Answer</source>
        <translation>Rispondi</translation>
    </message>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="79"/>
        <source>Answer the call (Ctrl+Shift+A)</source>
        <translation>Rispondi alla chiamata (Ctrl+Maiusc+A)</translation>
    </message>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="84"/>
        <source>Decline</source>
        <translation>Rifiuta</translation>
    </message>
    <message>
        <location filename="../qml/call/IncomingCallWindow.qml" line="85"/>
        <source>Decline the call (Ctrl+Shift+D)</source>
        <translation>Rifiuta la chiamata (Ctrl+Maiusc+D)</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="20"/>
        <source>Parla</source>
        <translation>Parla</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="61"/>
        <source>Dialer</source>
        <translation>Componi</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="65"/>
        <source>History (%1)</source>
        <translation>Cronologia (%1)</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="65"/>
        <source>History</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <location filename="../qml/Main.qml" line="69"/>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
</context>
<context>
    <name>NumberPad</name>
    <message>
        <location filename="../qml/components/NumberPad.qml" line="23"/>
        <source>Star</source>
        <translation>Asterisco</translation>
    </message>
    <message>
        <location filename="../qml/components/NumberPad.qml" line="24"/>
        <source>Hash</source>
        <translation>Cancelletto</translation>
    </message>
    <message>
        <location filename="../qml/components/NumberPad.qml" line="24"/>
        <source>Digit %1</source>
        <translation>Cifra %1</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="18"/>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="24"/>
        <source>%1 on %2</source>
        <translation>%1 su %2</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="25"/>
        <source>Signed in for this session only</source>
        <translation>Accesso valido solo per questa sessione</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="39"/>
        <source>Sign out</source>
        <translation>Esci</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="40"/>
        <source>Sign out and forget the password</source>
        <translation>Esci e dimentica la password</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="44"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="46"/>
        <location filename="../qml/settings/SettingsView.qml" line="55"/>
        <source>Microphone</source>
        <translation>Microfono</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="77"/>
        <source>Microphone level</source>
        <translation>Livello del microfono</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="79"/>
        <source>%1 dBFS, peak %2 dBFS</source>
        <translation>%1 dBFS, picco %2 dBFS</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="88"/>
        <source>Cannot measure the microphone: %1</source>
        <translation>Impossibile misurare il microfono: %1</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="94"/>
        <location filename="../qml/settings/SettingsView.qml" line="103"/>
        <source>Speaker</source>
        <translation>Altoparlante</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="108"/>
        <source>Ringtone</source>
        <translation>Suoneria</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="117"/>
        <source>Ringtone device</source>
        <translation>Dispositivo della suoneria</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="122"/>
        <source>Look for devices again</source>
        <translation>Cerca di nuovo i dispositivi</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="127"/>
        <source>Background</source>
        <translation>Secondo piano</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="130"/>
        <source>Hidden in the tray counts as background</source>
        <translation>Nascosto nell’area di notifica vale come secondo piano</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="142"/>
        <source>When on, Parla signs out while its window is hidden, and calls do not ring.</source>
        <translation>Se attivo, Parla si disconnette mentre la sua finestra è nascosta e le chiamate non squillano.</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="147"/>
        <source>Start on login, hidden in the tray</source>
        <translation>Avvia all’accesso, nascosto nell’area di notifica</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="167"/>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="170"/>
        <source>As the system</source>
        <translation>Come il sistema</translation>
    </message>
    <message>
        <location filename="../qml/settings/SettingsView.qml" line="174"/>
        <source>Language (applies at the next start)</source>
        <translation>Lingua (vale dal prossimo avvio)</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../qml/SignIn.qml" line="24"/>
        <source>Sign in to your SIP server</source>
        <translation>Accedi al tuo server SIP</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="37"/>
        <source>Server (ws:// or wss://)</source>
        <translation>Server (ws:// o wss://)</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="46"/>
        <source>Server address</source>
        <translation>Indirizzo del server</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="58"/>
        <source>User</source>
        <translation>Utente</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="65"/>
        <source>User name</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="77"/>
        <location filename="../qml/SignIn.qml" line="84"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="100"/>
        <source>Remember me</source>
        <translation>Ricordami</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="115"/>
        <source>Remember the server and user only; ask me for the password</source>
        <translation>Ricorda solo server e utente; chiedimi la password</translation>
    </message>
    <message>
        <location filename="../qml/SignIn.qml" line="120"/>
        <source>Sign in</source>
        <translation>Accedi</translation>
    </message>
</context>
<context>
    <name>StatusBanner</name>
    <message>
        <location filename="../qml/components/StatusBanner.qml" line="37"/>
        <source>Retry now</source>
        <translation>Riprova ora</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBanner.qml" line="44"/>
        <source>Check sign-in</source>
        <translation>Controlla l’accesso</translation>
    </message>
    <message>
        <location filename="../qml/components/StatusBanner.qml" line="45"/>
        <source>Check the sign-in details</source>
        <translation>Controlla i dati di accesso</translation>
    </message>
</context>
<context>
    <name>TrayStatusText</name>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="19"/>
        <source>Signed out</source>
        <translation>Disconnesso</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="21"/>
        <source>Connecting…</source>
        <translation>Connessione in corso…</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="23"/>
        <source>Online</source>
        <translation>In linea</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="25"/>
        <source>Paused in the background</source>
        <translation>In pausa in secondo piano</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="27"/>
        <source>Resuming…</source>
        <translation>Ripresa in corso…</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="29"/>
        <source>Connection lost, reconnecting…</source>
        <translation>Connessione persa, riconnessione in corso…</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="31"/>
        <source>Not connected</source>
        <translation>Non connesso</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="31"/>
        <source>Not connected: %1</source>
        <translation>Non connesso: %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="41"/>
        <source>Incoming call from %1</source>
        <translation>Chiamata in arrivo da %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desktop/tray/traystatustext.cpp" line="43"/>
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n chiamata persa</numerusform>
            <numerusform>%n chiamate perse</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="49"/>
        <source>Missed call</source>
        <translation>Chiamata persa</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="55"/>
        <source>%1 called you.</source>
        <translation>%1 ti ha chiamato.</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/traystatustext.cpp" line="63"/>
        <source>Unknown caller</source>
        <translation>Chiamante sconosciuto</translation>
    </message>
</context>
<context>
    <name>parla::desktop::AccountSettings</name>
    <message>
        <location filename="../app/desktop/accountsettings.cpp" line="75"/>
        <source>No keychain service is running, so Parla cannot keep your password safely. It will not write it to a file: you can remember the server and user and type the password at each start, or start a keychain (such as GNOME Keyring) and sign in again.</source>
        <translation>Non è attivo alcun servizio portachiavi, quindi Parla non può custodire la password in modo sicuro. Non la scriverà in un file: puoi far ricordare server e utente e digitare la password a ogni avvio, oppure avviare un portachiavi (come GNOME Keyring) e accedere di nuovo.</translation>
    </message>
    <message>
        <location filename="../app/desktop/accountsettings.cpp" line="110"/>
        <source>Type the server&apos;s address, such as wss://sip.example.com</source>
        <translation>Digita l’indirizzo del server, ad esempio wss://sip.example.com</translation>
    </message>
    <message>
        <location filename="../app/desktop/accountsettings.cpp" line="113"/>
        <source>This is not a valid address: %1</source>
        <translation>Questo non è un indirizzo valido: %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/accountsettings.cpp" line="120"/>
        <source>Type your user name</source>
        <translation>Digita il tuo nome utente</translation>
    </message>
    <message>
        <location filename="../app/desktop/accountsettings.cpp" line="148"/>
        <source>Type your password</source>
        <translation>Digita la tua password</translation>
    </message>
</context>
<context>
    <name>parla::desktop::ActiveCall</name>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="82"/>
        <source>Good</source>
        <translation>Buona</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="84"/>
        <source>Fair</source>
        <translation>Discreta</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="86"/>
        <source>Poor</source>
        <translation>Scarsa</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="90"/>
        <source>Measuring…</source>
        <translation>Misurazione…</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="97"/>
        <source>You hear: %1, loss %2%, jitter %3 ms</source>
        <translation>Come senti: %1, perdita %2%, jitter %3 ms</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="102"/>
        <source>They hear: %1, loss %2%, jitter %3 ms</source>
        <translation>Come ti sentono: %1, perdita %2%, jitter %3 ms</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="106"/>
        <source>They hear: not reported yet</source>
        <translation>Come ti sentono: non ancora riferito</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="114"/>
        <source>Loss %1%</source>
        <translation>Perdita %1%</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="115"/>
        <source>jitter %1 ms</source>
        <translation>jitter %1 ms</translation>
    </message>
    <message>
        <location filename="../app/desktop/activecall.cpp" line="117"/>
        <source>round trip %1 ms</source>
        <translation>andata e ritorno %1 ms</translation>
    </message>
</context>
<context>
    <name>parla::desktop::Autostart</name>
    <message>
        <location filename="../app/desktop/autostart.cpp" line="54"/>
        <source>Cannot remove %1</source>
        <translation>Impossibile rimuovere %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/autostart.cpp" line="59"/>
        <source>Cannot read %1</source>
        <translation>Impossibile leggere %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/autostart.cpp" line="62"/>
        <source>Cannot write %1</source>
        <translation>Impossibile scrivere %1</translation>
    </message>
</context>
<context>
    <name>parla::desktop::CallsModel</name>
    <message>
        <location filename="../app/desktop/callsmodel.cpp" line="165"/>
        <source>Type a number or an address to call</source>
        <translation>Digita un numero o un indirizzo da chiamare</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desktop/callsmodel.cpp" line="181"/>
        <source>%n calls are already up: hang one up to call again</source>
        <translation>
            <numerusform>%n chiamata è già in corso: chiudila per chiamare di nuovo</numerusform>
            <numerusform>%n chiamate sono già in corso: chiudine una per chiamare di nuovo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>parla::desktop::ClientStatus</name>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="31"/>
        <source>Not signed in</source>
        <translation>Accesso non effettuato</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="33"/>
        <source>Connecting…</source>
        <translation>Connessione in corso…</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="35"/>
        <source>Online: calls can come in</source>
        <translation>In linea: le chiamate possono arrivare</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="37"/>
        <source>Paused while Parla is in the background</source>
        <translation>In pausa mentre Parla è in secondo piano</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="39"/>
        <source>Reconnecting after the pause…</source>
        <translation>Riconnessione dopo la pausa…</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="43"/>
        <source>Connection lost: reconnecting now…</source>
        <translation>Connessione persa: riconnessione in corso…</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/desktop/clientstatus.cpp" line="44"/>
        <source>Connection lost: reconnecting in %n s</source>
        <translation>
            <numerusform>Connessione persa: riconnessione tra %n s</numerusform>
            <numerusform>Connessione persa: riconnessione tra %n s</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="48"/>
        <source>Could not connect</source>
        <translation>Impossibile connettersi</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="48"/>
        <source>Could not connect: %1</source>
        <translation>Impossibile connettersi: %1</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="60"/>
        <source>%1 (%2)</source>
        <extracomment>A failure in words, then the server&apos;s own (untranslated) words: &quot;… (403 Forbidden)&quot;</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="70"/>
        <source>the server address or the user name cannot be used</source>
        <translation>l’indirizzo del server o il nome utente non sono utilizzabili</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="72"/>
        <source>no server has that name</source>
        <translation>nessun server ha quel nome</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="74"/>
        <source>the server cannot be reached</source>
        <translation>il server non è raggiungibile</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="76"/>
        <source>the server&apos;s certificate was refused</source>
        <translation>il certificato del server è stato rifiutato</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="78"/>
        <source>the server does not speak SIP over WebSocket the way Parla does</source>
        <translation>il server non parla SIP su WebSocket come Parla</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="80"/>
        <source>the server refused the user name or password</source>
        <translation>il server ha rifiutato il nome utente o la password</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="82"/>
        <source>the server does not let this account sign in</source>
        <translation>il server non permette a questo account di accedere</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="84"/>
        <source>the server refused the sign-in</source>
        <translation>il server ha rifiutato l’accesso</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="86"/>
        <source>the server has a problem of its own</source>
        <translation>il server ha un problema suo</translation>
    </message>
    <message>
        <location filename="../app/desktop/clientstatus.cpp" line="88"/>
        <source>the server did not answer in time</source>
        <translation>il server non ha risposto in tempo</translation>
    </message>
</context>
<context>
    <name>parla::desktop::TrayIcon</name>
    <message>
        <location filename="../app/desktop/tray/trayicon.cpp" line="30"/>
        <source>Quit Parla</source>
        <translation>Esci da Parla</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/trayicon.cpp" line="100"/>
        <source>Hide Parla</source>
        <translation>Nascondi Parla</translation>
    </message>
    <message>
        <location filename="../app/desktop/tray/trayicon.cpp" line="100"/>
        <source>Show Parla</source>
        <translation>Mostra Parla</translation>
    </message>
</context>
<context>
    <name>parla::desktop::WindowKeeper</name>
    <message>
        <location filename="../app/desktop/windowkeeper.cpp" line="57"/>
        <source>Parla</source>
        <translation>Parla</translation>
    </message>
    <message>
        <location filename="../app/desktop/windowkeeper.cpp" line="58"/>
        <source>This desktop has no system tray, so Parla cannot keep running without its window: closing it quits Parla, and calls will not ring until you start it again.

Quit Parla now?</source>
        <translation>Questo desktop non ha un’area di notifica, quindi Parla non può restare attivo senza la sua finestra: chiuderla chiude Parla, e le chiamate non squilleranno finché non lo riavvii.

Chiudere Parla ora?</translation>
    </message>
</context>
</TS>
