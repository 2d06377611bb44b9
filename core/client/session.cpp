#include "session.h"

#include "transport/websocketflow.h"

namespace parla::client {

QString Session::validate() const
{
    if (const QString problem = transport::WebSocketFlow::validateUrl(server); !problem.isEmpty())
        return problem;
    if (user.isEmpty())
        return QStringLiteral("no user name given");
    for (const QChar c : user) {
        // RFC 3261 user part: keep to characters that need no escaping.
        if (!(c.isLetterOrNumber() || QStringLiteral("-_.!~*'()&=+$,;?/").contains(c)))
            return QStringLiteral("the user name '%1' contains '%2', which a SIP address cannot hold").arg(user, c);
    }
    if (const QString problem = transport::WebSocketFlow::validateCaFile(caFile); !problem.isEmpty())
        return problem;
    if (registerExpires < 60)
        return QStringLiteral("a registration must last at least 60 s (asked for %1 s)").arg(registerExpires);
    return {};
}

} // namespace parla::client
