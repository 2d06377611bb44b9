// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/callmedia.h"
#include "media/offeranswer.h"

#include <QList>

namespace parla::test {

// A CallMedia with real SDP offer/answer (media::OfferAnswer) and no audio: for tests of the
// SIP and call layers, which see every start, stop, mute and DTMF it was asked for.
class SdpOnlyMedia : public calls::CallMedia
{
    Q_OBJECT
public:
    explicit SdpOnlyMedia(quint16 port = 40000, QObject *parent = nullptr);

    QByteArray createOffer(bool hold = false) override;
    std::variant<QByteArray, QString> answerOffer(const QByteArray &offer) override;
    std::optional<QString> applyAnswer(const QByteArray &answer) override;
    bool isRemoteHolding() const override;
    void start() override { ++starts; }
    void stop() override { ++stops; }
    void setMuted(bool muted) override { this->muted = muted; }
    bool sendDtmf(QChar digit) override;
    QString codecName() const override
    {
        return negotiated ? QString::fromLatin1(negotiated->codec.encodingName) : QString();
    }
    // Answers queued with `stats`, as the media thread would.
    void requestStats() override
    {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT statsReady(stats); }, Qt::QueuedConnection);
    }
    quint16 port() const { return m_port; }

    int starts = 0;
    int stops = 0;
    bool muted = false;
    QString dtmfSent;
    std::optional<media::NegotiatedMedia> negotiated;
    media::RtpStreamStats stats;

private:
    quint16 m_port;
    media::OfferAnswer m_offerAnswer;
};

} // namespace parla::test
