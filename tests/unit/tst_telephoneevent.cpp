// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4733 telephone events: payloads by hand, digits to events and back, and a receiver that
// reports each press once however many packets carry it.
#include "media/telephoneevent.h"

#include <QTest>

using namespace parla::media;

class TestTelephoneEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void payload_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<int>("event");
        QTest::addColumn<bool>("end");
        QTest::addColumn<int>("volume");
        QTest::addColumn<int>("duration");
        QTest::newRow("digit 5 starting") << QByteArray("050a00a0") << 5 << false << 10 << 160;
        QTest::newRow("# ending, 100 ms at 8 kHz") << QByteArray("0b8a0320") << 11 << true << 10 << 800;
        QTest::newRow("flash, loudest") << QByteArray("10000000") << 16 << false << 0 << 0;
        QTest::newRow("D quietest, longest") << QByteArray("0fbfffff") << 15 << true << 63 << 65535;
    }

    void payload()
    {
        QFETCH(QByteArray, hex);
        QFETCH(int, event);
        QFETCH(bool, end);
        QFETCH(int, volume);
        QFETCH(int, duration);
        auto result = TelephoneEvent::parse(QByteArray::fromHex(hex));
        if (const auto *error = std::get_if<ParseError>(&result))
            QFAIL(qPrintable(error->reason));
        const auto &parsed = std::get<TelephoneEvent>(result);
        QCOMPARE(int(parsed.event), event);
        QCOMPARE(parsed.end, end);
        QCOMPARE(int(parsed.volume), volume);
        QCOMPARE(int(parsed.duration), duration);
        QCOMPARE(parsed.toBytes().toHex(), hex);
    }

    void reservedBitIgnored()
    {
        const auto parsed = std::get<TelephoneEvent>(TelephoneEvent::parse(QByteArray::fromHex("01ca0050")));
        QVERIFY(parsed.end);
        QCOMPARE(int(parsed.volume), 10);
        QCOMPARE(parsed.toBytes().toHex(), QByteArray("018a0050")); // written with R = 0
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("3 bytes") << QByteArray::fromHex("050a00");
        QTest::newRow("5 bytes") << QByteArray::fromHex("050a00a000");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        auto result = TelephoneEvent::parse(bytes);
        const auto *error = std::get_if<ParseError>(&result);
        QVERIFY(error);
        QVERIFY2(
            error->reason.contains(QStringLiteral("is 4 bytes, not %1").arg(bytes.size())), qPrintable(error->reason));
    }

    void digits()
    {
        const QByteArray digits = "0123456789*#ABCD";
        for (int event = 0; event < 16; ++event) {
            QCOMPARE(TelephoneEvent::eventForDigit(digits[event]), std::optional<quint8>(quint8(event)));
            QCOMPARE(TelephoneEvent::digitForEvent(quint8(event)), std::optional<char>(digits[event]));
        }
        QCOMPARE(TelephoneEvent::eventForDigit('b'), std::optional<quint8>(13));
        QVERIFY(!TelephoneEvent::eventForDigit('E'));
        QVERIFY(!TelephoneEvent::eventForDigit('\0'));
        QVERIFY(!TelephoneEvent::digitForEvent(TelephoneEvent::Flash));
    }

    // "1", "1" again, then "#": each press as a sender writes it, start to triple end.
    void receiverReportsEachPressOnce()
    {
        TelephoneEventReceiver receiver;
        QByteArray heard;
        const auto press = [&](quint32 timestamp, quint8 event, bool dropStart) {
            for (quint16 duration = 160; duration <= 640; duration += 160) {
                if (!(dropStart && duration == 160))
                    if (auto digit = receiver.receive(timestamp, { event, false, 10, duration }))
                        heard += *digit;
            }
            for (int copy = 0; copy < 3; ++copy) {
                if (auto digit = receiver.receive(timestamp, { event, true, 10, 800 }))
                    heard += *digit;
            }
        };
        press(1000, 1, false);
        press(9000, 1, false); // the same digit again: a new timestamp, so a new press
        press(17000, 11, true);
        QCOMPARE(heard, QByteArray("11#"));

        // Only the end packets got through: still one digit.
        if (auto digit = receiver.receive(30000, { 5, true, 10, 800 }))
            heard += *digit;
        QVERIFY(!receiver.receive(30000, { 5, true, 10, 800 }));
        QCOMPARE(heard, QByteArray("11#5"));
    }
};

QTEST_GUILESS_MAIN(TestTelephoneEvent)
#include "tst_telephoneevent.moc"
