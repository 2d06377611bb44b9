// SPDX-License-Identifier: GPL-3.0-or-later
// TransactionLayer: matching responses to transactions, and holding requests for the server's
// send budget, over a real WebSocket to a FakeSipServer.
#include "connectedlayer.h"
#include "fakesipserver.h"

#include "sip/clienttransaction.h"
#include "transport/sendbudget.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using parla::sip::ClientTransaction;
using parla::sip::SipMessage;
using parla::sip::TransactionLayer;
using parla::test::FakeSipServer;
using parla::transport::SendBudget;

namespace {
SipMessage options(int cseq)
{
    SipMessage message = SipMessage::request("OPTIONS", "sip:example.com");
    message.addHeader("Max-Forwards", "70");
    message.addHeader("From", "<sip:alice@example.com>;tag=f");
    message.addHeader("To", "<sip:example.com>");
    message.addHeader("Call-ID", "options@client.invalid");
    message.addHeader("CSeq", QByteArray::number(cseq) + " OPTIONS");
    return message;
}
} // namespace

class TestTransactionLayer : public QObject
{
    Q_OBJECT
private:
    FakeSipServer m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.listen()); }
    void init() { m_server.reset(); }

    void responsesReachTheirTransactions()
    {
        auto layer = parla::test::connectedLayer(m_server.url());
        QVERIFY(layer);
        ClientTransaction *first = layer->sendRequest(options(1));
        ClientTransaction *second = layer->sendRequest(options(2));
        QSignalSpy firstDone(first, &ClientTransaction::finalResponse);
        QSignalSpy secondDone(second, &ClientTransaction::finalResponse);
        QVERIFY(firstDone.wait());
        QTRY_COMPARE(secondDone.size(), 1);
        QCOMPARE(firstDone.size(), 1);
        // Each got a Via of its own with an RFC 3261 branch.
        const auto sent = m_server.requests();
        QCOMPARE(sent.size(), 2);
        QVERIFY(sent.at(0).topViaBranch().startsWith("z9hG4bK"));
        QVERIFY(sent.at(0).topViaBranch() != sent.at(1).topViaBranch());
    }

    // Ten requests at once against a budget of 3 and one per 100 ms: three go at once, the rest
    // follow one by one, in order, and every one gets its answer.
    void requestsWaitForTheBudgetInOrder()
    {
        auto layer = parla::test::connectedLayer(m_server.url());
        QVERIFY(layer);
        SendBudget budget({ 3, 100ms, 1, 1s });
        layer->setSendBudget(&budget);
        QList<QPointer<ClientTransaction>> transactions;
        int answered = 0;
        for (int i = 1; i <= 10; ++i) {
            transactions.append(layer->sendRequest(options(i)));
            connect(transactions.last(), &ClientTransaction::finalResponse, this, [&answered] { ++answered; });
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server.requestCount(), 3, 1000);
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(m_server.requestsWithin(50), 3); // not more in the first moment
        QTRY_COMPARE_WITH_TIMEOUT(answered, 10, 3000);
        QVERIFY2(clock.elapsed() >= 600, qPrintable(QString::number(clock.elapsed()))); // 7 x 100 ms, less slack
        const auto sent = m_server.requests();
        for (int i = 0; i < sent.size(); ++i)
            QCOMPARE(sent.at(i).cseqNumber(), quint32(i + 1));
    }

    void tooManyWaitingRequestsFailAtOnce()
    {
        auto layer = parla::test::connectedLayer(m_server.url());
        QVERIFY(layer);
        SendBudget budget({ 1, 10s, 1, 10s });
        layer->setSendBudget(&budget);
        layer->sendRequest(options(1)); // spends the budget
        for (int i = 0; i < TransactionLayer::MaxHeldRequests; ++i)
            layer->sendRequest(options(i + 2)); // held
        ClientTransaction *overflow = layer->sendRequest(options(99));
        QSignalSpy failed(overflow, &ClientTransaction::failed);
        QVERIFY(failed.wait(1000));
        QVERIFY(failed.first().at(1).toString().contains(QLatin1String("too many requests")));
        QTRY_COMPARE(m_server.requestCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransactionLayer)
#include "tst_transactionlayer.moc"
