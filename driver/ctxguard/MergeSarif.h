//===--- MergeSarif.h - ctxguard --------------------------------*- C++ -*-===//
//
// `ctxguard merge-sarif`: joins the SARIF logs of CI shards into one run, as
// if one job had analyzed everything: rules united, results deduplicated and
// sorted, execution successful only when every shard's was.
//
//===----------------------------------------------------------------------===//

#ifndef CTXGUARD_DRIVER_MERGESARIF_H
#define CTXGUARD_DRIVER_MERGESARIF_H

#include "SarifWriter.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace ctxguard {

llvm::Expected<Json> mergeSarifLogs(const std::vector<Json> &Logs);

} // namespace ctxguard

#endif // CTXGUARD_DRIVER_MERGESARIF_H
