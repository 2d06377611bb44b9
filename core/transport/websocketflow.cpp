// SPDX-License-Identifier: GPL-3.0-or-later
#include "websocketflow.h"

#include "logging.h"

#include <QChildEvent>
#include <QFile>
#include <QFileInfo>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QWebSocketHandshakeOptions>

#include <algorithm>
#include <functional>

namespace parla::transport {

namespace {
const QString sipSubprotocol = QStringLiteral("sip");

QString certificateNames(const QSslCertificate &certificate)
{
    QStringList names;
    const auto alternatives = certificate.subjectAlternativeNames();
    for (auto it = alternatives.cbegin(); it != alternatives.cend(); ++it) {
        if (!names.contains(it.value()))
            names << it.value();
    }
    if (names.isEmpty())
        names = certificate.subjectInfo(QSslCertificate::CommonName);
    return names.isEmpty() ? QStringLiteral("no name at all") : names.join(QStringLiteral(", "));
}

QString issuerName(const QSslCertificate &certificate)
{
    const QStringList names = certificate.issuerInfo(QSslCertificate::CommonName);
    return names.isEmpty() ? certificate.issuerDisplayName() : names.join(QStringLiteral(", "));
}

// The most telling problems first: a person fixes the name before the trust.
int priority(QSslError::SslError error)
{
    switch (error) {
    case QSslError::HostNameMismatch:
        return 0;
    case QSslError::CertificateExpired:
    case QSslError::CertificateNotYetValid:
        return 1;
    case QSslError::CertificateRevoked:
        return 2;
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return 3;
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return 4;
    default:
        return 5;
    }
}

QString describe(const QString &host, const QSslError &error)
{
    const QSslCertificate cert = error.certificate();
    const QString when = QStringLiteral("yyyy-MM-dd HH:mm 'UTC'");
    switch (error.error()) {
    case QSslError::HostNameMismatch:
        return QStringLiteral("the server's certificate is for another name (%1, not %2)")
            .arg(certificateNames(cert), host);
    case QSslError::CertificateExpired:
        return QStringLiteral("the certificate of %1 expired on %2")
            .arg(host, cert.expiryDate().toUTC().toString(when));
    case QSslError::CertificateNotYetValid:
        return QStringLiteral("the certificate of %1 is not valid before %2 (is this computer's clock right?)")
            .arg(host, cert.effectiveDate().toUTC().toString(when));
    case QSslError::CertificateRevoked:
        return QStringLiteral("the certificate of %1 was revoked by its issuer").arg(host);
    case QSslError::SelfSignedCertificate:
        return QStringLiteral("%1 presented a self-signed certificate that no trusted authority vouches for").arg(host);
    case QSslError::SelfSignedCertificateInChain:
        return QStringLiteral("the certificate of %1 comes from an authority that is not trusted here (%2)")
            .arg(host, issuerName(cert));
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return QStringLiteral("the certificate of %1 was issued by an authority that is not trusted here (%2)")
            .arg(host, issuerName(cert));
    case QSslError::NoPeerCertificate:
        return QStringLiteral("%1 presented no certificate").arg(host);
    default:
        return QStringLiteral("the certificate of %1 is not trusted here: %2").arg(host, error.errorString());
    }
}

QList<QSslCertificate> readCaFile(const QString &path, QString *problem)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *problem = QStringLiteral("the CA file %1 does not exist").arg(path);
        return {};
    }
    if (!info.isFile()) {
        *problem = QStringLiteral("the CA file %1 is not a file").arg(path);
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot read the CA file %1: %2").arg(path, file.errorString());
        return {};
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        *problem = QStringLiteral("the CA file %1 holds no certificate (PEM expected)").arg(path);
    return certificates;
}
} // namespace

WebSocketFlow::WebSocketFlow(const QUrl &url, Timing timing, QObject *parent)
    : Flow(parent)
    , m_url(url)
    , m_timing(timing)
    , m_socket(QString(), QWebSocketProtocol::VersionLatest, this)
    , m_openTimer(this)
    , m_pingTimer(this)
    , m_pongTimer(this)
{
    m_openTimer.setSingleShot(true);
    m_pongTimer.setSingleShot(true);
    // Qt checks a frame's announced length against these before it reads the payload, so a
    // message over the limit is refused, not buffered.
    m_socket.setMaxAllowedIncomingMessageSize(quint64(MaxMessageSize));
    m_socket.setMaxAllowedIncomingFrameSize(quint64(MaxMessageSize));
    connect(&m_socket, &QWebSocket::connected, this, &WebSocketFlow::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &WebSocketFlow::onDisconnected);
    // Qt 6.4 names it error(); errorOccurred() arrives in 6.5.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &WebSocketFlow::onError);
    connect(&m_socket, &QWebSocket::pong, this, &WebSocketFlow::onPong);
    // Never ignoreSslErrors(): a certificate that fails the checks ends the flow, and the user
    // is told why in words. The only way to widen trust is setCaFile().
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        fail(FlowError::Kind::TlsRefused, describeSslErrors(m_url.host(), errors));
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
        [this](const QString &text) { Q_EMIT messageReceived(text.toUtf8()); });
    // RFC 7118 §5.1 allows binary frames too; the SIP layer parses both the same way.
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &Flow::messageReceived);
    connect(&m_openTimer, &QTimer::timeout, this, [this] {
        fail(FlowError::Kind::Timeout,
            QStringLiteral("no WebSocket handshake from %1 within %2 ms")
                .arg(m_url.toDisplayString())
                .arg(m_timing.openTimeout.count()));
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &WebSocketFlow::sendPing);
    connect(&m_pongTimer, &QTimer::timeout, this, [this] {
        fail(FlowError::Kind::Timeout,
            QStringLiteral("no pong within %1 ms: the connection is dead").arg(m_timing.pongTimeout.count()));
    });
}

WebSocketFlow::~WebSocketFlow()
{
    m_reported = true; // a flow being destroyed reports nothing more
    m_socket.abort();
}

void WebSocketFlow::setCaFile(const QString &path)
{
    m_caFile = path;
}

QString WebSocketFlow::validateCaFile(const QString &path)
{
    if (path.isEmpty())
        return {};
    QString problem;
    readCaFile(path, &problem);
    return problem;
}

QString WebSocketFlow::describeSslErrors(const QString &host, const QList<QSslError> &errors)
{
    if (errors.isEmpty())
        return QStringLiteral("the TLS handshake with %1 failed").arg(host);
    QList<QSslError> sorted = errors;
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const QSslError &a, const QSslError &b) { return priority(a.error()) < priority(b.error()); });
    QStringList reasons;
    for (const QSslError &error : sorted) {
        const QString reason = describe(host, error);
        if (!reasons.contains(reason))
            reasons << reason;
    }
    QString message = reasons.takeFirst();
    if (!reasons.isEmpty())
        message += QStringLiteral("; also: ") + reasons.join(QStringLiteral("; "));
    return message;
}

QString WebSocketFlow::validateUrl(const QUrl &url)
{
    if (!url.isValid())
        return QStringLiteral("'%1' is not a valid URL: %2").arg(url.toString(), url.errorString());
    if (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))
        return QStringLiteral("'%1' must start with ws:// or wss://").arg(url.toDisplayString());
    if (url.host().isEmpty())
        return QStringLiteral("'%1' has no host").arg(url.toDisplayString());
    return {};
}

void WebSocketFlow::open()
{
    if (const QString problem = validateUrl(m_url); !problem.isEmpty()) {
        // Reported from the event loop, as every other outcome of open() is.
        QMetaObject::invokeMethod(
            this, [this, problem] { fail(FlowError::Kind::InvalidUrl, problem); }, Qt::QueuedConnection);
        return;
    }
    qCDebug(lcTransport).noquote() << "opening" << m_url.toDisplayString();
    if (m_url.scheme() == QLatin1String("wss")) {
        // The system's CAs, plus the user's CA file. addCaCertificates() alone would turn off
        // the on-demand loading of the system's CAs, so they are listed explicitly.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!m_caFile.isEmpty()) {
            QString problem;
            const QList<QSslCertificate> extra = readCaFile(m_caFile, &problem);
            if (!problem.isEmpty()) {
                QMetaObject::invokeMethod(
                    this, [this, problem] { fail(FlowError::Kind::TlsRefused, problem); }, Qt::QueuedConnection);
                return;
            }
            tls.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
        }
        m_socket.setSslConfiguration(tls);
    }
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({ sipSubprotocol });
    m_openTimer.start(m_timing.openTimeout);
    m_socket.open(QNetworkRequest(m_url), options);
}

void WebSocketFlow::close()
{
    m_openTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    if (m_reported)
        return;
    if (!m_open) {
        // Never opened (or still opening): nothing to say goodbye to, nothing to report.
        m_reported = true;
        m_socket.abort();
        return;
    }
    m_closing = true;
    m_socket.close(QWebSocketProtocol::CloseCodeNormal);
}

bool WebSocketFlow::isOpen() const
{
    return m_open;
}

void WebSocketFlow::send(const QByteArray &message)
{
    if (!m_open) {
        qCWarning(lcTransport).noquote() << "dropping a message: the flow is not open";
        return;
    }
    m_socket.sendTextMessage(QString::fromUtf8(message));
}

QByteArray WebSocketFlow::viaTransport() const
{
    return m_url.scheme() == QLatin1String("wss") ? QByteArrayLiteral("WSS") : QByteArrayLiteral("WS");
}

void WebSocketFlow::onConnected()
{
    m_openTimer.stop();
    if (m_socket.subprotocol() != sipSubprotocol) {
        fail(FlowError::Kind::ProtocolRefused,
            QStringLiteral("%1 did not accept the WebSocket subprotocol \"sip\" (RFC 7118); is it a SIP server?")
                .arg(m_url.toDisplayString()));
        return;
    }
    m_open = true;
    qCInfo(lcTransport).noquote() << "flow open to" << m_url.toDisplayString();
    m_pingTimer.start(m_timing.pingInterval);
    Q_EMIT opened();
}

void WebSocketFlow::onDisconnected()
{
    const bool wasOpen = m_open;
    m_open = false;
    m_openTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    if (m_reported)
        return;
    if (m_closing) {
        m_reported = true;
        qCDebug(lcTransport).noquote() << "flow closed";
        Q_EMIT closed();
        return;
    }
    if (wasOpen && m_socket.closeCode() == QWebSocketProtocol::CloseCodeTooMuchData) {
        fail(FlowError::Kind::Closed,
            QStringLiteral("the connection was closed: a message too large (at most %1 bytes are accepted): %2")
                .arg(MaxMessageSize)
                .arg(m_socket.closeReason()));
        return;
    }
    fail(wasOpen ? FlowError::Kind::Closed : FlowError::Kind::ConnectionRefused,
        wasOpen ? QStringLiteral("the server closed the connection (%1)")
                      .arg(m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason())
                : QStringLiteral("could not connect to %1: %2").arg(m_url.toDisplayString(), m_socket.errorString()));
}

void WebSocketFlow::onError(QAbstractSocket::SocketError error)
{
    if (m_closing)
        return;
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        fail(FlowError::Kind::HostNotFound, QStringLiteral("host not found: %1").arg(m_url.host()));
        break;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInvalidUserDataError:
    case QAbstractSocket::SslInternalError:
        fail(FlowError::Kind::TlsRefused, m_socket.errorString());
        break;
    case QAbstractSocket::SocketTimeoutError:
        fail(FlowError::Kind::Timeout, m_socket.errorString());
        break;
    case QAbstractSocket::ConnectionRefusedError:
        fail(FlowError::Kind::ConnectionRefused,
            QStringLiteral("could not connect to %1: %2").arg(m_url.toDisplayString(), m_socket.errorString()));
        break;
    default:
        // Anything else (remote close, network down) is reported by onDisconnected() as Closed.
        qCDebug(lcTransport).noquote() << "socket error" << error << m_socket.errorString();
        if (!m_open)
            fail(FlowError::Kind::ConnectionRefused,
                QStringLiteral("could not connect to %1: %2").arg(m_url.toDisplayString(), m_socket.errorString()));
        break;
    }
}

void WebSocketFlow::sendPing()
{
    if (!m_open)
        return;
    if (!m_pongTimer.isActive())
        m_pongTimer.start(m_timing.pongTimeout);
    m_socket.ping();
}

void WebSocketFlow::onPong()
{
    m_pongTimer.stop();
}

void WebSocketFlow::fail(FlowError::Kind kind, const QString &message)
{
    m_openTimer.stop();
    m_pingTimer.stop();
    m_pongTimer.stop();
    m_open = false;
    if (m_reported)
        return;
    m_reported = true;
    qCInfo(lcTransport).noquote() << "flow lost:" << message;
    m_socket.abort();
    Q_EMIT lost(FlowError { kind, message });
}

} // namespace parla::transport
