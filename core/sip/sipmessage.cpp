#include "sipmessage.h"
