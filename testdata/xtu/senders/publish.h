// CHECKS: ctx-abandoned-sender
#pragma once
#include <ctx/ctx.hpp>

int compute();
void publish(ctx::SendChan<int> out);        // publish.cpp: one send
void relay(ctx::Chan<int> out);              // relay.cpp: one send, through publish()
void publish_all(ctx::Chan<int> out, int n); // publish.cpp: sends in a loop
void keep(ctx::Chan<int> out);               // publish.cpp: keeps the channel
void drain(ctx::RecvChan<int> in);           // publish.cpp: one receive
