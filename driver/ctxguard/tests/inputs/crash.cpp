// Makes Clang itself crash while this file is analyzed: the driver must
// report it as a tool error and keep the other files' results.
#pragma clang __debug crash
