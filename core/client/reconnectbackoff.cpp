#include "reconnectbackoff.h"
