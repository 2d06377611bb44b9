// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sipmessage.h"

#include <QByteArrayList>
#include <QMap>
#include <QObject>

#include <functional>

namespace parla::sip {

class TransactionLayer;

// The user agent core's one entry for requests that arrive (RFC 3261 §8.2): what the request
// itself makes impossible is refused first, then each request goes to the owner of its method
// (the calls layer for INVITE, ACK, BYE, CANCEL), and what nobody takes is answered here, so no
// request from the network goes unanswered:
//   a Request-URI scheme not sip/sips  416 (§8.2.2.1)
//   a Require we do not support        420 with Unsupported (§8.2.2.3)
//   an INVITE whose body is not SDP    415; one whose Accept excludes SDP, 406 (§8.2.3)
//   ACK                                never answered (§17.1.1.1)
//   in a dialog we do not know         481 (§12.2.2): BYE (§15.1.2), CANCEL (§9.2), a To tag
//   OPTIONS                            200 with a true Allow and Accept (§11.2)
//   INVITE with nobody to take it      480
//   a method we know but do not take   405 with a true Allow (§8.2.1); one we do not know, 501
// Allow lists OPTIONS and the methods that have an owner: what Parla really handles.
class RequestDispatcher : public QObject
{
    Q_OBJECT
public:
    // Returns true when it took the request (and will answer it); false to let the
    // dispatcher answer as above, e.g. a BYE for a dialog the owner does not know.
    using Owner = std::function<bool(TransactionLayer *layer, const SipMessage &request)>;

    explicit RequestDispatcher(QObject *parent = nullptr);

    void setOwner(const QByteArray &method, Owner owner);
    // Takes the requests of this layer (one per flow) from now on.
    void attach(TransactionLayer *layer);
    QByteArrayList allowedMethods() const;

    void dispatch(TransactionLayer *layer, const SipMessage &request);

private:
    void answer(TransactionLayer *layer, const SipMessage &request, int code, const QByteArray &reason) const;

    QMap<QByteArray, Owner> m_owners;
};

} // namespace parla::sip
