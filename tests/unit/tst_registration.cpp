// SPDX-License-Identifier: GPL-3.0-or-later
// Registration against a FakeSipServer over a real WebSocket: refresh timing, 423 handling,
// extreme grants, and the un-REGISTER on the wire.
#include "connectedlayer.h"
#include "fakesipserver.h"

#include "sip/registration.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <climits>

using namespace std::chrono_literals;
using parla::sip::Registration;
using parla::sip::RegistrationError;
using parla::sip::SipMessage;
using parla::sip::TransactionLayer;
using parla::test::FakeSipServer;

Q_DECLARE_METATYPE(parla::sip::RegistrationError)

namespace {
Registration::Binding binding()
{
    Registration::Binding b;
    b.addressOfRecord = "sip:alice@example.com";
    b.registrarUri = "sip:example.com";
    b.instanceId = "a1b2c3d4-e5f6-4789-9abc-def012345678";
    b.expires = 600;
    b.credentials = { "alice", "secret" };
    return b;
}

SipMessage granting(const SipMessage &request, const QByteArray &expires)
{
    SipMessage response = SipMessage::response(request, 200, "OK");
    const QByteArray contact = request.header("Contact");
    response.addHeader("Contact", contact.left(contact.indexOf('>') + 1) + ";expires=" + expires);
    return response;
}
} // namespace

class TestRegistration : public QObject
{
    Q_OBJECT
private:
    FakeSipServer m_server;
    std::unique_ptr<TransactionLayer> m_layer;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<RegistrationError>();
        QVERIFY(m_server.listen());
    }
    void init()
    {
        m_server.reset();
        m_server.setHandler(FakeSipServer::registrar());
        m_layer = parla::test::connectedLayer(m_server.url());
        QVERIFY(m_layer);
    }
    void cleanup() { m_layer.reset(); }

    void refreshDelay_data()
    {
        QTest::addColumn<qint64>("granted");
        QTest::addColumn<qint64>("refreshAfterMs");
        QTest::newRow("an hour: a minute ahead") << qint64(3600) << qint64(3540000);
        QTest::newRow("ten minutes: a minute ahead") << qint64(600) << qint64(540000);
        QTest::newRow("a minute: half-way") << qint64(60) << qint64(30000);
        QTest::newRow("ten seconds: five ahead") << qint64(10) << qint64(5000);
        QTest::newRow("two seconds: one") << qint64(2) << qint64(1000);
        QTest::newRow("one second: one") << qint64(1) << qint64(1000);
        QTest::newRow("two days: within a day") << qint64(2 * 86400) << qint64(86400000);
        QTest::newRow("INT_MAX seconds: within a day") << qint64(INT_MAX) << qint64(86400000);
    }
    void refreshDelay()
    {
        QFETCH(qint64, granted);
        QFETCH(qint64, refreshAfterMs);
        QCOMPARE(Registration::refreshDelay(granted).count(), refreshAfterMs);
    }

    void contactIsDerivedFromTheInstance()
    {
        Registration registration(binding());
        QCOMPARE(registration.contactUri(), QByteArray("sip:a1b2c3d4@e5f64789.invalid;transport=ws"));
        QCOMPARE(Registration(binding()).contactUri(), registration.contactUri()); // every run, every flow
    }

    void registersWithOutboundContact()
    {
        Registration registration(binding());
        QSignalSpy registered(&registration, &Registration::registered);
        registration.registerOn(m_layer.get());
        QVERIFY(registered.wait());
        QCOMPARE(registered.first().first().toInt(), 600);
        const SipMessage sent = m_server.requests().first();
        QVERIFY(sent.header("Contact").contains("+sip.instance=\"<urn:uuid:a1b2c3d4-e5f6-4789-9abc-def012345678>\""));
        QVERIFY(sent.header("Contact").contains("reg-id=1"));
        QCOMPARE(sent.expires(), std::optional<int>(600));
    }

    // The refresh goes out before the grant lapses, with room for a round trip.
    void refreshComesBeforeTheExpiry()
    {
        m_server.setHandler(FakeSipServer::registrar(3));
        Registration registration(binding());
        QSignalSpy registered(&registration, &Registration::registered);
        registration.registerOn(m_layer.get());
        QVERIFY(registered.wait());
        QElapsedTimer sinceGrant;
        sinceGrant.start();
        QVERIFY(registered.wait(4000));
        QVERIFY2(sinceGrant.elapsed() < 2000, qPrintable(QString::number(sinceGrant.elapsed())));
        QCOMPARE(m_server.requestCount(), 2);
    }

    // A grant of years must not wrap the refresh timer into an immediate, endless refresh.
    void grantOfYearsDoesNotRefreshAtOnce()
    {
        m_server.setHandler([](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
            server.send(peer, granting(request, "4294967295"));
        });
        Registration registration(binding());
        QSignalSpy registered(&registration, &Registration::registered);
        registration.registerOn(m_layer.get());
        QVERIFY(registered.wait());
        QCOMPARE(registered.first().first().toInt(), INT_MAX); // saturated, not wrapped
        QVERIFY(!registered.wait(500));
        QCOMPARE(m_server.requestCount(), 1);
    }

    void intervalTooBriefIsRetriedOnceWithMinExpires()
    {
        m_server.setHandler([](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
            if (request.expires().value_or(0) < 1200) {
                SipMessage response = SipMessage::response(request, 423, "Interval Too Brief");
                response.addHeader("Min-Expires", "1200");
                server.send(peer, response);
                return;
            }
            server.send(peer, granting(request, "1200"));
        });
        Registration registration(binding());
        QSignalSpy registered(&registration, &Registration::registered);
        registration.registerOn(m_layer.get());
        QVERIFY(registered.wait());
        QCOMPARE(registered.first().first().toInt(), 1200);
        QCOMPARE(m_server.requestCount(), 2);
    }

    // A registrar that raises its Min-Expires on every 423 is refused after one retry, not
    // followed up the ladder (85,801 REGISTERs a minute before this rule).
    void minExpiresLadderIsRefusedAfterOneRetry()
    {
        m_server.setHandler([](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
            SipMessage response = SipMessage::response(request, 423, "Interval Too Brief");
            response.addHeader("Min-Expires", QByteArray::number(request.expires().value_or(0) + 1));
            server.send(peer, response);
        });
        Registration registration(binding());
        QSignalSpy failed(&registration, &Registration::failed);
        registration.registerOn(m_layer.get());
        QVERIFY(failed.wait());
        const auto error = failed.first().first().value<RegistrationError>();
        QCOMPARE(error.kind, RegistrationError::Kind::Rejected);
        QCOMPARE(error.statusCode, 423);
        QVERIFY2(error.message.contains(QLatin1String("Min-Expires 602")), qPrintable(error.message));
        QCOMPARE(m_server.requestCount(), 2);
    }

    void minExpiresBeyondADayIsRefused()
    {
        m_server.setHandler([](FakeSipServer &server, QWebSocket *peer, const SipMessage &request) {
            SipMessage response = SipMessage::response(request, 423, "Interval Too Brief");
            response.addHeader("Min-Expires", "4294967295");
            server.send(peer, response);
        });
        Registration registration(binding());
        QSignalSpy failed(&registration, &Registration::failed);
        registration.registerOn(m_layer.get());
        QVERIFY(failed.wait());
        QCOMPARE(m_server.requestCount(), 1);
    }

    // The un-REGISTER is on the wire: Expires 0 on the header and on our Contact.
    void unregisterSendsExpiresZero()
    {
        Registration registration(binding());
        QSignalSpy registered(&registration, &Registration::registered);
        QSignalSpy unregistered(&registration, &Registration::unregistered);
        registration.registerOn(m_layer.get());
        QVERIFY(registered.wait());
        registration.unregister();
        QVERIFY(unregistered.wait());
        const SipMessage last = m_server.requests().last();
        QCOMPARE(last.method(), QByteArray("REGISTER"));
        QCOMPARE(last.header("Expires"), QByteArray("0"));
        QCOMPARE(last.expires(registration.contactUri()), std::optional<int>(0));
        QVERIFY(!registration.isRegistered());
    }
};

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_registration.moc"
