#include "callclient.h"
