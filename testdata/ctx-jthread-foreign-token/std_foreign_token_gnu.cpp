// FLAGS: -std=gnu++20
// For a member function pointer, libstdc++ in GNU mode passes the jthread's
// own token after the object: std::jthread(&C::f, obj, args...) calls
// obj->f(own_token, args...) when that is valid (docs/profiles.md). In
// strict -std=c++20 mode that call is not considered at all.
#include <stop_token>
#include <thread>

struct Poller {
  void run(std::stop_token tok);
  void run_with_parent(std::stop_token own, std::stop_token parent);
};

void foreign(Poller &p, std::stop_token parent) {
  std::jthread t(&Poller::run, &p, parent); // want:16 "(?=.*run)(?=.*'parent')"
}

void own_after_object(Poller &p, std::stop_token parent) {
  std::jthread with_parent(&Poller::run_with_parent, &p, parent);
  std::jthread alone(&Poller::run, &p);
}
