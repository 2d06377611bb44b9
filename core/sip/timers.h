// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

// RFC 3261 §17 timer values, named as the RFC names them.
namespace parla::sip::timers {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds T1 { 500 }; // RTT estimate
constexpr std::chrono::milliseconds T2 { 4000 }; // maximum retransmit interval for non-INVITE requests
constexpr std::chrono::milliseconds T4 { 5000 }; // maximum duration a message remains in the network

// Non-INVITE client transaction timeout (§17.1.2.2).
constexpr std::chrono::milliseconds TimerF = 64 * T1;
// Wait for response retransmissions: zero on a reliable transport such as WebSocket.
constexpr std::chrono::milliseconds TimerKReliable { 0 };

} // namespace parla::sip::timers
