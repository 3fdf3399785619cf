// The declaration in include/CFuzzDriver.h is the whole of this module; libFuzzer defines the function.
#include "CFuzzDriver.h"
