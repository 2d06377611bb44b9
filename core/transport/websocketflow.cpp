#include "websocketflow.h"

#include "logging.h"

#include <QNetworkRequest>
#include <QWebSocketHandshakeOptions>

namespace parla::transport {

namespace {
const QString sipSubprotocol = QStringLiteral("sip");
}

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
    connect(&m_socket, &QWebSocket::connected, this, &WebSocketFlow::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &WebSocketFlow::onDisconnected);
    // Qt 6.4 names it error(); errorOccurred() arrives in 6.5.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &WebSocketFlow::onError);
    connect(&m_socket, &QWebSocket::pong, this, &WebSocketFlow::onPong);
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        fail(FlowError::Kind::TlsRefused,
            QStringLiteral("%1 presented a certificate that is not trusted here: %2")
                .arg(m_url.host(),
                    errors.isEmpty() ? QStringLiteral("TLS handshake failed") : errors.first().errorString()));
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
