// CHECKS: ctx-blocking-without-done,ctx-loop-without-done,ctx-background-mid-flow
// OPTION: Profiles=ctx;std;grpc
// OPTION: Profile.acme.Shape=std
// OPTION: Profile.acme.TokenTypes=::acme::CancelToken
// OPTION: Profile.acme.ObserveFunctions=::acme::CancelToken::cancelled
// OPTION: Profile.acme.RootFunctions=::acme::CancelToken::none
// OPTION: Profile.acme.BlockingFunctions=::acme::sleep_for
// A profile that is declared but not listed in Profiles reports nothing
// (docs/profiles.md): the same code as user_profile_acme.cpp stays silent.
namespace acme {
class CancelToken {
public:
  bool cancelled() const;
  static CancelToken none();
};
void sleep_for(int ms);
void fetch(const CancelToken &t, int id);
} // namespace acme

void poll(acme::CancelToken t) {
  acme::fetch(acme::CancelToken::none(), 1);
  for (;;)
    acme::sleep_for(5);
}
