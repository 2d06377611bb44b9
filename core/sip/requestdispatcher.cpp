// SPDX-License-Identifier: GPL-3.0-or-later
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

namespace {

// RFC 3261 §8.2.1: a method Parla recognises but does not take is answered 405; one it does not
// recognise at all, 501 (RFC 4475 §3.1.1.2, §3.1.1.5).
bool isKnownMethod(const QByteArray &method)
{
    static const QByteArrayList known { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE",
        "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE" };
    return known.contains(method);
}

// RFC 3261 §8.2.2.3: the option tags Parla implements (those its REGISTER declares Supported).
const QByteArrayList supportedOptions { "path", "outbound" };

QByteArrayList unsupportedRequired(const SipMessage &request)
{
    QByteArrayList unsupported;
    for (const QByteArray &value : request.headerValues("Require")) {
        for (const QByteArray &tag : value.split(',')) {
            const QByteArray option = tag.trimmed();
            if (!option.isEmpty() && !supportedOptions.contains(option.toLower()))
                unsupported.append(option);
        }
    }
    return unsupported;
}

// The media type of a Content-Type or Accept value, lower case, without parameters.
QByteArray mediaType(const QByteArray &value)
{
    const qsizetype semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.left(semicolon)).trimmed().toLower();
}

// RFC 3261 §8.2.3, §21.4.7: an INVITE is taken only when its body is SDP (415 otherwise) and its
// Accept, if any, lets the answer carry SDP (406 otherwise).
int inviteBodyRefusal(const SipMessage &request)
{
    if (!request.body().isEmpty() && mediaType(request.header("Content-Type")) != "application/sdp")
        return 415;
    const QList<QByteArray> accepts = request.headerValues("Accept");
    if (accepts.isEmpty())
        return 0;
    for (const QByteArray &value : accepts) {
        for (const QByteArray &range : value.split(',')) {
            const QByteArray type = mediaType(range);
            if (type.isEmpty() || type == "application/sdp" || type == "application/*" || type == "*/*")
                return 0;
        }
    }
    return 406;
}

} // namespace

void RequestDispatcher::dispatch(TransactionLayer *layer, const SipMessage &request)
{
    const QByteArray method = request.method();
    if (method != "ACK" && method != "CANCEL") { // neither is ever refused for these (§8.2.2.3)
        const QByteArray uri = request.requestUri();
        const QByteArray scheme = uri.left(uri.indexOf(':')).toLower();
        if (scheme != "sip" && scheme != "sips" && scheme != "tel") {
            answer(layer, request, 416, "Unsupported URI Scheme"); // §8.2.2.1
            return;
        }
        if (const QByteArrayList unsupported = unsupportedRequired(request); !unsupported.isEmpty()) {
            SipMessage response = SipMessage::response(request, 420, "Bad Extension");
            response.addHeader("Unsupported", unsupported.join(", "));
            layer->sendResponse(response);
            return;
        }
        if (method == "INVITE" && m_owners.contains("INVITE")) {
            if (const int code = inviteBodyRefusal(request); code != 0) {
                SipMessage response
                    = SipMessage::response(request, code, code == 415 ? "Unsupported Media Type" : "Not Acceptable");
                response.addHeader("Accept", "application/sdp");
                layer->sendResponse(response);
                return;
            }
        }
    }
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
    if (!isKnownMethod(method)) {
        answer(layer, request, 501, "Not Implemented");
        return;
    }
    answer(layer, request, 405, "Method Not Allowed");
}

void RequestDispatcher::answer(
    TransactionLayer *layer, const SipMessage &request, int code, const QByteArray &reason) const
{
    qCDebug(lcSip).noquote() << "answering" << request.method() << "with" << code;
    SipMessage response = SipMessage::response(request, code, reason);
    if (code == 405 || code == 501 || (code == 200 && request.method() == "OPTIONS"))
        response.addHeader("Allow", allowedMethods().join(", "));
    if (code == 200 && request.method() == "OPTIONS" && m_owners.contains("INVITE"))
        response.addHeader("Accept", "application/sdp");
    layer->sendResponse(response);
}

} // namespace parla::sip
