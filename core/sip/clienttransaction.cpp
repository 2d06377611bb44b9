#include "clienttransaction.h"
