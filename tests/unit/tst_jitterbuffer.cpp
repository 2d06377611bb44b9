// SPDX-License-Identifier: GPL-3.0-or-later
// The jitter buffer (speexdsp's, wrapped): frames come out in order, a gap is Missing, and a
// Missing frame names the payload after it when that has arrived, for Opus FEC.
#include "media/jitterbuffer.h"

#include <QTest>

using parla::media::JitterBuffer;

namespace {
constexpr quint32 Span = 960;
constexpr quint32 Start = 4'294'960'000u; // a few frames before the timestamp wraps

QByteArray payload(int frame)
{
    return QByteArray(10, char('a' + frame));
}
} // namespace

class TestJitterBuffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void inOrder()
    {
        JitterBuffer buffer(Span);
        for (int frame = 0; frame < 3; ++frame)
            QVERIFY(buffer.put(payload(frame), Start + frame * Span, quint16(frame), 111));
        for (int frame = 0; frame < 3; ++frame) {
            const JitterBuffer::Output out = buffer.get();
            QCOMPARE(out.result, JitterBuffer::Result::Packet);
            QCOMPARE(out.payload, payload(frame));
            QCOMPARE(out.payloadType, quint8(111));
        }
        QVERIFY(!buffer.put(payload(1), Start + Span, 1, 111)); // played out already: late
    }

    void missingFrameNamesTheNext()
    {
        JitterBuffer buffer(Span);
        // Frame 2 is lost; 3 and 4 arrive (across the timestamp's wrap).
        for (int frame : { 0, 1, 3, 4 })
            QVERIFY(buffer.put(payload(frame), Start + quint32(frame) * Span, quint16(frame), 111));
        QCOMPARE(buffer.get().payload, payload(0));
        QCOMPARE(buffer.get().payload, payload(1));
        const JitterBuffer::Output lost = buffer.get();
        QCOMPARE(lost.result, JitterBuffer::Result::Missing);
        QCOMPARE(lost.next, payload(3));
        const JitterBuffer::Output after = buffer.get();
        QCOMPARE(after.result, JitterBuffer::Result::Packet);
        QCOMPARE(after.payload, payload(3));
        QVERIFY(after.next.isEmpty());
    }

    void missingWithNothingAfter()
    {
        JitterBuffer buffer(Span);
        QVERIFY(buffer.put(payload(0), Start, 0, 111));
        QCOMPARE(buffer.get().result, JitterBuffer::Result::Packet);
        const JitterBuffer::Output lost = buffer.get();
        QVERIFY(lost.result != JitterBuffer::Result::Packet);
        QVERIFY(lost.next.isEmpty());
    }

    void resetForgetsEverything()
    {
        JitterBuffer buffer(Span);
        for (int frame = 0; frame < 3; ++frame)
            QVERIFY(buffer.put(payload(frame), Start + quint32(frame) * Span, quint16(frame), 111));
        QCOMPARE(buffer.get().payload, payload(0));
        buffer.reset();
        QVERIFY(buffer.get().result != JitterBuffer::Result::Packet);
        // Nothing is played out any more: the first frame again is not late.
        QVERIFY(buffer.put(payload(0), Start, 0, 111));
        QCOMPARE(buffer.get().payload, payload(0));
    }
};

QTEST_GUILESS_MAIN(TestJitterBuffer)
#include "tst_jitterbuffer.moc"
