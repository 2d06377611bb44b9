#include "transactionlayer.h"
