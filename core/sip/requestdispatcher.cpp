#include "requestdispatcher.h"

#include "logging.h"
#include "transactionlayer.h"

namespace parla::sip {

RequestDispatcher::RequestDispatcher(QObject *parent)
    : QObject(parent)
{
}

void RequestDispatcher::setOwner(const QByteArray &method, Owner owner)
{
    if (owner)
        m_owners.insert(method, std::move(owner));
    else
        m_owners.remove(method);
}

void RequestDispatcher::attach(TransactionLayer *layer)
{
    connect(layer, &TransactionLayer::requestReceived, this,
        [this, layer](const SipMessage &request) { dispatch(layer, request); });
}

QByteArrayList RequestDispatcher::allowedMethods() const
{
    QByteArrayList methods { QByteArrayLiteral("OPTIONS") };
    for (auto it = m_owners.keyBegin(); it != m_owners.keyEnd(); ++it) {
        if (!methods.contains(*it))
            methods.append(*it);
    }
    return methods;
}

void RequestDispatcher::dispatch(TransactionLayer *layer, const SipMessage &request)
{
    const QByteArray method = request.method();
    if (const auto owner = m_owners.constFind(method); owner != m_owners.cend() && (*owner)(layer, request))
        return;
    if (method == "ACK")
        return;
    if (method == "BYE" || method == "CANCEL" || !request.toTag().isEmpty()) {
        answer(layer, request, 481, "Call/Transaction Does Not Exist");
        return;
    }
    if (method == "OPTIONS") {
        answer(layer, request, 200, "OK");
        return;
    }
    if (method == "INVITE") {
        answer(layer, request, 480, "Temporarily Unavailable");
        return;
    }
    answer(layer, request, 405, "Method Not Allowed");
}

void RequestDispatcher::answer(
    TransactionLayer *layer, const SipMessage &request, int code, const QByteArray &reason) const
{
    qCDebug(lcSip).noquote() << "answering" << request.method() << "with" << code;
    SipMessage response = SipMessage::response(request, code, reason);
    if (code == 405 || (code == 200 && request.method() == "OPTIONS"))
        response.addHeader("Allow", allowedMethods().join(", "));
    if (code == 200 && request.method() == "OPTIONS" && m_owners.contains("INVITE"))
        response.addHeader("Accept", "application/sdp");
    layer->sendResponse(response);
}

} // namespace parla::sip
