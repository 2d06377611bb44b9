// SPDX-License-Identifier: GPL-3.0-or-later
#include "netlinkreachability.h"

#include "lifecyclelogging.h"

#include <QDeadlineTimer>
#include <QSocketNotifier>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace parla::desktop {

namespace {

int openSocket(quint32 groups, QString *error)
{
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    if (fd < 0) {
        *error = QStringLiteral("cannot open a NETLINK_ROUTE socket: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return -1;
    }
    sockaddr_nl address {};
    address.nl_family = AF_NETLINK;
    address.nl_groups = groups;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) < 0) {
        *error
            = QStringLiteral("cannot bind the NETLINK_ROUTE socket: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

NetlinkReachability::NetlinkReachability(QObject *parent)
    : ReachabilitySource(parent)
    , m_buffer(maxDatagramBytes, Qt::Uninitialized)
{
    m_events = openSocket(RTMGRP_LINK | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE, &m_error);
    m_query = m_events < 0 ? -1 : openSocket(0, &m_error);
    if (m_query < 0) {
        qCWarning(lcLifecycle).noquote() << "no rtnetlink reachability:" << m_error;
        return;
    }
    m_notifier = new QSocketNotifier(m_events, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &NetlinkReachability::onEvents);
    recompute(); // says what it found
}

NetlinkReachability::~NetlinkReachability()
{
    delete m_notifier;
    for (int fd : { m_events, m_query })
        if (fd >= 0)
            ::close(fd);
}

qsizetype NetlinkReachability::receive(int fd, QString *error)
{
    // Bounded too: any local process may send to our socket, and those datagrams are skipped.
    for (int skipped = 0; skipped < maxDatagramsPerWake;) {
        sockaddr_nl sender {};
        socklen_t senderSize = sizeof(sender);
        // MSG_TRUNC returns the datagram's true size: a bigger one is refused, not half-read.
        const ssize_t size = ::recvfrom(fd, m_buffer.data(), m_buffer.size(), MSG_DONTWAIT | MSG_TRUNC,
            reinterpret_cast<sockaddr *>(&sender), &senderSize);
        if (size < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            *error = QString::fromLocal8Bit(strerror(errno));
            return -1;
        }
        if (size > m_buffer.size()) {
            *error = QStringLiteral("a datagram of %1 bytes, over the %2-byte bound").arg(size).arg(m_buffer.size());
            return -1;
        }
        if (sender.nl_pid != 0) {
            ++skipped; // not from the kernel: never trusted
            continue;
        }
        return size;
    }
    return 0;
}

void NetlinkReachability::onEvents()
{
    bool changed = false;
    for (int i = 0; i < maxDatagramsPerWake; ++i) {
        QString error;
        const qsizetype size = receive(m_events, &error);
        if (size == 0)
            break;
        if (size < 0) {
            // ENOBUFS (events were dropped) or an oversized datagram: the re-read below resyncs.
            qCDebug(lcLifecycle).noquote() << "rtnetlink events:" << error;
            changed = true;
            continue;
        }
        NetlinkRouteTable scratch; // only to check the events and see whether any concern us
        const auto result = scratch.feed(QByteArrayView(m_buffer.constData(), size));
        if (!result.ok)
            qCDebug(lcLifecycle).noquote() << "a malformed rtnetlink event:" << result.error;
        changed = changed || result.changes > 0 || !result.ok;
    }
    if (changed)
        recompute();
}

bool NetlinkReachability::dump(quint16 type, NetlinkRouteTable *table, QString *error)
{
    while (receive(m_query, error) > 0) {
        // what a dump that timed out left behind
    }
    struct
    {
        nlmsghdr header;
        union {
            ifinfomsg link;
            rtmsg route;
        } body;
    } request {};
    const quint32 bodySize = type == RTM_GETLINK ? sizeof(ifinfomsg) : sizeof(rtmsg);
    request.header.nlmsg_len = NLMSG_LENGTH(bodySize);
    request.header.nlmsg_type = type;
    request.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request.header.nlmsg_seq = ++m_sequence;
    // rtm_family and ifi_family are both the first byte after the header: AF_UNSPEC, all families.
    sockaddr_nl kernel {};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(m_query, &request, request.header.nlmsg_len, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof(kernel))
        < 0) {
        *error = QStringLiteral("cannot ask for a dump: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    QDeadlineTimer deadline(dumpTimeout);
    for (int datagrams = 0; datagrams < maxDatagramsPerDump; ++datagrams) {
        qsizetype size = receive(m_query, error);
        while (size == 0 && !deadline.hasExpired()) {
            pollfd wait { m_query, POLLIN, 0 };
            ::poll(&wait, 1, int(qMax<qint64>(1, deadline.remainingTime())));
            size = receive(m_query, error);
        }
        if (size < 0)
            return false;
        if (size == 0) {
            *error = QStringLiteral("the kernel did not finish the dump within %1 ms").arg(dumpTimeout.count());
            return false;
        }
        const auto result = table->feed(QByteArrayView(m_buffer.constData(), size));
        if (!result.ok) {
            *error = result.error;
            return false;
        }
        if (result.done)
            return true;
    }
    *error = QStringLiteral("a dump of more than %1 datagrams").arg(maxDatagramsPerDump);
    return false;
}

void NetlinkReachability::recompute()
{
    if (m_query < 0)
        return;
    NetlinkRouteTable table;
    QString error;
    // A dump interrupted by a change is read again, once: the next event re-reads anyway.
    bool ok = false;
    for (int attempt = 0; attempt < 2 && !ok; ++attempt) {
        table.clear();
        ok = dump(RTM_GETLINK, &table, &error) && dump(RTM_GETROUTE, &table, &error);
    }
    if (!ok) {
        qCWarning(lcLifecycle).noquote() << "cannot read the links and routes:" << error;
        return;
    }
    const bool reachable = table.isReachable();
    qCDebug(lcLifecycle).noquote() << table.linkCount() << "links," << table.defaultRouteCount() << "default routes";
    if (reachable == std::exchange(m_reachable, reachable))
        return;
    qCInfo(lcLifecycle).noquote() << "rtnetlink: the network is" << (reachable ? "reachable" : "unreachable");
    Q_EMIT reachableChanged(reachable);
}

} // namespace parla::desktop
