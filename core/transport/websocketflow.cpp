#include "websocketflow.h"
