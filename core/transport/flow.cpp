#include "flow.h"
