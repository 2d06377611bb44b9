// SPDX-License-Identifier: GPL-3.0-or-later
// Linked into the ThreadSanitizer build of the tests labelled "threads" only.
//
// Debian's Qt is not built with TSan, so TSan cannot see the happens-before that Qt's event
// queue gives: a queued call or signal posted on one thread (the poster's writes, then a
// QMutex inside libQt6Core) and delivered on another. Every such delivery would be reported
// as a race, and no suppression by library can remove those reports without also removing
// every race in Parla's code (TSan matches a suppression against any frame of either stack,
// and every stack on an event loop starts in libQt6Core).
//
// So this file tells TSan about that edge, and nothing else: every call from instrumented code
// into Qt that may post to another thread (wrapped with ld --wrap, see tests/unit/CMakeLists.txt)
// releases one sync object, and every event delivery (Qt's EventNotifyCallback, run by
// QCoreApplication::notifyInternal2 on the receiving thread) acquires it. That is coarser than
// Qt's per-thread queues (it may hide a race between two threads that merely both use events),
// but it adds no edge that Qt does not give, and races between accesses with no event between
// them, such as a value shared by two threads without a lock, are still reported.
#include <QCoreApplication>
#include <QMetaObject>
#include <QStateMachine>

#include <sanitizer/tsan_interface.h>

namespace {

char eventQueues; // the sync object that stands for every thread's event queue

bool acquireOnDelivery(void **)
{
    __tsan_acquire(&eventQueues);
    return false; // go on with the delivery
}

const bool registered = QInternal::registerCallback(QInternal::EventNotifyCallback, acquireOnDelivery);

} // namespace

// The wrapped functions, by their mangled names (ld --wrap=SYMBOL sends calls to
// __wrap_SYMBOL, and __real_SYMBOL to the original).
#define PARLA_TSAN_WRAP(symbol, params, args)                                                                          \
    extern "C" void __real_##symbol params;                                                                            \
    extern "C" void __wrap_##symbol params                                                                             \
    {                                                                                                                  \
        __tsan_release(&eventQueues);                                                                                  \
        __real_##symbol args;                                                                                          \
    }

// QMetaObject::activate(QObject *, const QMetaObject *, int, void **): every signal emission.
PARLA_TSAN_WRAP(_ZN11QMetaObject8activateEP7QObjectPKS_iPPv,
    (QObject * sender, const QMetaObject *meta, int index, void **argv), (sender, meta, index, argv))
// QMetaObject::activate(QObject *, int, void **)
PARLA_TSAN_WRAP(
    _ZN11QMetaObject8activateEP7QObjectiPPv, (QObject * sender, int index, void **argv), (sender, index, argv))
// QCoreApplication::postEvent(QObject *, QEvent *, int)
PARLA_TSAN_WRAP(_ZN16QCoreApplication9postEventEP7QObjectP6QEventi, (QObject * receiver, QEvent *event, int priority),
    (receiver, event, priority))
// QObject::moveToThread(QThread *): the events already posted to the object (its state machine's
// start) move with it, and the target thread may deliver them before anything else is posted.
PARLA_TSAN_WRAP(_ZN7QObject12moveToThreadEP7QThread, (QObject * self, QThread *thread), (self, thread))
// QStateMachine::postEvent(QEvent *, QStateMachine::EventPriority) (a member: `self` is this)
PARLA_TSAN_WRAP(_ZN13QStateMachine9postEventEP6QEventNS_13EventPriorityE,
    (QStateMachine * self, QEvent *event, QStateMachine::EventPriority priority), (self, event, priority))

namespace {

// A call queued with invokeMethod has a second edge, back: the slot object is reference-counted
// by Qt (atomics compiled into libQt6Core) and the last of the two threads to let go of it
// destroys it; with a BlockingQueuedConnection the caller also waits (on a QSemaphore inside Qt)
// until the receiving thread has run the slot. This slot object runs the caller's and then
// releases, and acquires before it is destroyed.
class ReleasingSlot : public QtPrivate::QSlotObjectBase
{
public:
    explicit ReleasingSlot(QtPrivate::QSlotObjectBase *inner)
        : QSlotObjectBase(&impl)
        , m_inner(inner)
    {
    }

private:
    static void impl(int which, QSlotObjectBase *self, QObject *receiver, void **args, bool *ret)
    {
        auto *that = static_cast<ReleasingSlot *>(self);
        switch (which) {
        case Call:
            that->m_inner->call(receiver, args);
            __tsan_release(&eventQueues);
            break;
        case Compare:
            *ret = false;
            break;
        case Destroy:
            __tsan_acquire(&eventQueues);
            that->m_inner->destroyIfLastRef();
            delete that;
            break;
        }
    }

    QtPrivate::QSlotObjectBase *m_inner;
};

} // namespace

// QMetaObject::invokeMethodImpl(QObject *, QtPrivate::QSlotObjectBase *, Qt::ConnectionType, void *):
// QMetaObject::invokeMethod with a functor.
#define PARLA_TSAN_INVOKE                                                                                              \
    _ZN11QMetaObject16invokeMethodImplEP7QObjectPN9QtPrivate15QSlotObjectBaseEN2Qt14ConnectionTypeEPv
#define PARLA_TSAN_CONCAT(a, b) a##b
#define PARLA_TSAN_NAME(prefix, symbol) PARLA_TSAN_CONCAT(prefix, symbol)
extern "C" bool PARLA_TSAN_NAME(__real_, PARLA_TSAN_INVOKE)(
    QObject *, QtPrivate::QSlotObjectBase *, Qt::ConnectionType, void *);
extern "C" bool PARLA_TSAN_NAME(__wrap_, PARLA_TSAN_INVOKE)(
    QObject *object, QtPrivate::QSlotObjectBase *slot, Qt::ConnectionType type, void *ret)
{
    slot = new ReleasingSlot(slot);
    __tsan_release(&eventQueues);
    return PARLA_TSAN_NAME(__real_, PARLA_TSAN_INVOKE)(object, slot, type, ret);
}

// Keeps the registration from being dropped by the linker.
extern "C" bool parlaTsanQtHappensBefore()
{
    return registered;
}
