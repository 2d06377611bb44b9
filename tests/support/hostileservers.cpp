// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostileservers.h"

#include <QTimer>
#include <QWebSocket>

#include <cstring>

namespace parla::test {

using sip::SipMessage;

namespace {
SipMessage granting(const SipMessage &request, const QByteArray &expires)
{
    SipMessage response = SipMessage::response(request, 200, "OK");
    const QByteArray contact = request.header("Contact");
    response.addHeader("Contact", contact.left(contact.indexOf('>') + 1) + ";expires=" + expires);
    response.addHeader("Expires", expires);
    return response;
}
} // namespace

QList<HostileServer> hostileServers()
{
    return {
        { "grant-years", "200 OK granting Expires 4294967295",
            [](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
                server.send(peer, granting(request, "4294967295"));
            } },
        { "grant-one-second", "200 OK granting Expires 1",
            [](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
                server.send(peer, granting(request, "1"));
            } },
        { "retry-after-years", "503 with Retry-After 4294967295",
            [](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
                SipMessage response = SipMessage::response(request, 503, "Service Unavailable");
                response.addHeader("Retry-After", "4294967295");
                server.send(peer, response);
            } },
        { "min-expires-ladder", "423 with a Min-Expires one above what was asked, every time",
            [](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
                SipMessage response = SipMessage::response(request, 423, "Interval Too Brief");
                response.addHeader("Min-Expires", QByteArray::number(request.expires().value_or(0) + 1));
                server.send(peer, response);
            } },
        { "accept-then-drop", "200 OK, then the connection dropped 100 ms later",
            [](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
                server.send(peer, granting(request, "600"));
                QTimer::singleShot(100, peer, [&server, peer] { server.drop(peer); });
            } },
        { "stale-nonce", "401 with stale=true and a fresh nonce, every time",
            [](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
                SipMessage response = SipMessage::response(request, 401, "Unauthorized");
                response.addHeader("WWW-Authenticate",
                    "Digest realm=\"hostile\", nonce=\"n" + QByteArray::number(server.requestCount())
                        + "\", stale=true, qop=\"auth\"");
                server.send(peer, response);
            } },
    };
}

HostileServer hostileServer(const char *name)
{
    for (const HostileServer &server : hostileServers()) {
        if (std::strcmp(server.name, name) == 0)
            return server;
    }
    qFatal("no hostile server named %s", name);
}

} // namespace parla::test
