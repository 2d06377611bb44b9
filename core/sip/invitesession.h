// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dialog.h"
#include "digestauth.h"
#include "sipmessage.h"

#include <QByteArrayList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>
#include <variant>

namespace parla::sip {

class ClientTransaction;
class TransactionLayer;

// One call's INVITE dialog usage, as caller or callee (RFC 3261 §13-15, RFC 3264 for the SDP it
// carries): INVITE with digest auth, provisional responses, CANCEL (including CANCEL racing the
// 200), the ACKs, BYE from either side, re-INVITEs both ways, and the transaction rules of a
// reliable transport (the 2xx is retransmitted until its ACK arrives, §13.3.1.4).
// SDP is opaque here: the media layer makes offers and answers; the Call ties both together.
class InviteSession : public QObject
{
    Q_OBJECT
public:
    // Who we are in this call.
    struct Self
    {
        QByteArray addressOfRecord; // sip:alice@example.com
        QByteArray displayName;
        QByteArray contactUri; // our registered Contact
        DigestCredentials credentials;
        QByteArray userAgent;
        QByteArrayList allow; // methods for Allow
    };

    // How it ended, for the Call to put into words.
    struct Ending
    {
        enum class By { Local, Remote, Network };
        By by = By::Local;
        int statusCode = 0; // the final response that ended it; 0 for a BYE or a local hang-up
        QByteArray reasonPhrase;
        bool cancelled = false; // the caller cancelled before an answer
        bool wasAnswered = false;
    };

    // Answers a remote offer (a re-INVITE's): the SDP answer, or why not (then 488).
    using OfferHandler = std::function<std::variant<QByteArray, QString>(const QByteArray &offer)>;

    InviteSession(TransactionLayer *layer, Self self, QObject *parent = nullptr);

    // Empty when `uri` can be called (a sip: or sips: URI with a host); otherwise why not.
    static QString checkTarget(const QByteArray &uri);
    // A Warning header value (399: miscellaneous) carrying `text` for a person to read.
    static QByteArray warning(const QString &text);
    ~InviteSession() override;

    // --- as the caller ---
    void invite(const QByteArray &targetUri, const QByteArray &sdpOffer);
    // --- as the callee ---
    // Takes an INVITE that opens a new dialog; answers 100 Trying at once.
    void receiveInvite(const SipMessage &invite);
    void ring(); // 180 Ringing
    void accept(const QByteArray &sdpAnswer); // 200 OK, retransmitted until the ACK
    // 486, 603, 488, ...; `warning` says why in a Warning header (RFC 3261 §20.43).
    void reject(int statusCode, const QByteArray &reasonPhrase, const QString &warning = {});
    // --- either ---
    // CANCEL before an answer (once a provisional response came, §9.1), BYE after.
    void hangUp();
    // A new offer in the dialog (hold, resume); queued while another INVITE is out. False
    // when there is no confirmed dialog to send it in.
    bool reinvite(const QByteArray &sdpOffer);
    void setOfferHandler(OfferHandler handler) { m_offerHandler = std::move(handler); }

    bool isCaller() const { return m_caller; }
    bool isEnded() const { return m_ended; }
    const SipMessage &initialInvite() const { return *m_invite; }
    // Whether a request that arrived is this session's: in its dialog, or a CANCEL, ACK or
    // retransmission of the INVITE it received.
    bool owns(const SipMessage &request) const;
    void receiveRequest(const SipMessage &request);
    // A 2xx that matched no transaction: the callee retransmits it, so the ACK is sent again.
    void receiveStrayResponse(const SipMessage &response);

Q_SIGNALS:
    // Caller: 180 (ringing) or 183 (early media, with its SDP when it has one).
    void progress(int statusCode, const QByteArray &sdp);
    // Caller: the 2xx arrived and was ACKed; its SDP is the answer to our offer.
    void answered(const QByteArray &sdpAnswer);
    // Callee: the ACK of our 2xx arrived; the call is up on both sides.
    void confirmed();
    // Our re-INVITE: accepted with this answer, or refused (the old session stays).
    void reinviteAnswered(const QByteArray &sdpAnswer);
    void reinviteFailed(int statusCode, const QByteArray &reasonPhrase);
    // The far end changed the session (a re-INVITE we answered); `offer` is what they sent.
    void remoteReinvite(const QByteArray &offer);
    void ended(const parla::sip::InviteSession::Ending &ending);

private:
    SipMessage newInvite(const QByteArray &targetUri, const QByteArray &sdp);
    void sendInvite();
    void onInviteProvisional(const SipMessage &response);
    void onInviteFinal(const SipMessage &response);
    void sendCancel();
    void sendBye();
    void onCallerAnswered(const SipMessage &response);
    void respond(const SipMessage &request, int code, const QByteArray &reason, const QByteArray &sdp = {},
        const QString &warning = {});
    void sendFinalToInvite(int code, const QByteArray &reason, const QByteArray &sdp = {}, const QString &warning = {});
    void startRetransmitting(const SipMessage &ok);
    void onReinviteRequest(const SipMessage &request);
    bool reinviteInProgress() const;
    void sendQueuedOffer();
    void onReinviteFinal(const SipMessage &response);
    void end(Ending ending);
    void addCommonHeaders(SipMessage *message) const;

    QPointer<TransactionLayer> m_layer;
    Self m_self;
    bool m_caller = false;
    bool m_ended = false;
    bool m_answered = false;
    bool m_finalSent = false; // callee: the INVITE has its final response
    bool m_cancelWanted = false; // caller: hang up asked for before any provisional response
    bool m_cancelSent = false;
    int m_challenges = 0;
    std::optional<SipMessage> m_invite; // the INVITE as sent (caller) or received (callee)
    QByteArray m_inviteBranch;
    QPointer<ClientTransaction> m_inviteTransaction;
    QByteArray m_localTag;
    std::optional<Dialog> m_dialog;
    std::optional<SipMessage> m_lastResponse; // callee: resent for a retransmitted INVITE
    DigestSession m_digest;
    OfferHandler m_offerHandler;
    // 2xx retransmission until the ACK (§13.3.1.4): T1 doubling up to T2, for 64 * T1.
    std::optional<SipMessage> m_unacknowledged;
    QTimer m_retransmitTimer;
    QTimer m_ackDeadline;
    QTimer m_cancelDeadline;
    QPointer<ClientTransaction> m_reinviteTransaction;
    std::optional<QByteArray> m_queuedOffer; // a re-offer asked for while another INVITE was out
    quint32 m_lastAckedCSeq = 0;
};

} // namespace parla::sip

Q_DECLARE_METATYPE(parla::sip::InviteSession::Ending)
