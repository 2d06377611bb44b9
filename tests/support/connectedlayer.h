// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sip/transactionlayer.h"
#include "transport/websocketflow.h"

#include <QSignalSpy>
#include <QUrl>

#include <memory>

namespace parla::test {

// A TransactionLayer over a real WebSocketFlow to `url`, opened; nullptr if it did not open
// within the timeout. For tests of the SIP layer against a FakeSipServer.
inline std::unique_ptr<sip::TransactionLayer> connectedLayer(const QUrl &url, int timeoutMs = 5000)
{
    auto layer = std::make_unique<sip::TransactionLayer>(
        std::make_unique<transport::WebSocketFlow>(url, transport::WebSocketFlow::Timing {}));
    QSignalSpy opened(layer->flow(), &transport::Flow::opened);
    layer->flow()->open();
    if (!opened.wait(timeoutMs))
        return nullptr;
    return layer;
}

} // namespace parla::test
