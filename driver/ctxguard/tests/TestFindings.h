//===--- TestFindings.h - ctxguard ------------------------------*- C++ -*-===//
//
// Hand-made findings for the writers' unit tests.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_TESTS_TESTFINDINGS_H
#define CTXGUARD_DRIVER_TESTS_TESTFINDINGS_H

#include "Findings.h"

#include <fstream>
#include <string>

namespace ctxguard::testing {

inline const std::string Root = "/repo";

inline SourcePoint at(const std::string &File, unsigned Line, unsigned Column,
                      unsigned Offset = 0) {
  return SourcePoint{File, Offset, Line, Column, Column};
}

inline SourceRange span(const std::string &File, unsigned Line, unsigned Begin, unsigned End) {
  return {at(File, Line, Begin), at(File, Line, End)};
}

/// A lost cancel with a note and a fix, a stored context, and one tool error.
inline AnalysisResult sampleResult() {
  AnalysisResult R;
  R.TranslationUnits = 2;
  Finding Lost;
  Lost.Check = "ctx-lost-cancel";
  Lost.Message = "'cancel' is not used on all paths (possible context leak)";
  Lost.Range = span("/repo/src/fetch.cpp", 12, 22, 25);
  Lost.Notes.push_back({span("/repo/src/fetch.cpp", 14, 5, 11),
                        "this return may be reached without using 'cancel' defined on line 12"});
  Lost.Fix.push_back(
      {span("/repo/src/fetch.cpp", 12, 60, 60), " ctx::Defer d([&] { cancel(); });"});
  Lost.LineHash = "0123456789abcdef:1";
  Finding Stored;
  Stored.Check = "ctx-stored-in-struct";
  Stored.Message = "'Worker::ctx_' stores a ctx::Context; pass the context as the first "
                   "parameter of each call instead";
  Stored.Range = span("/repo/src/with space.hpp", 3, 16, 20);
  Stored.LineHash = "fedcba9876543210:1";
  R.Findings = {Stored, Lost};
  R.Errors.push_back({"expected ';' after expression", at("/repo/src/broken.cpp", 4, 9)});
  R.Errors.push_back({"cannot load a compile database", std::nullopt});
  normalize(R);
  return R;
}

inline void writeSarifForValidation(const std::string &Name, const std::string &Text) {
  std::ofstream(std::string(CTXGUARD_SARIF_OUT) + "/unit-" + Name + ".sarif") << Text;
}

} // namespace ctxguard::testing

#endif // CTXGUARD_DRIVER_TESTS_TESTFINDINGS_H
