#include "digestauth.h"
