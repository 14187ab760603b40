// The route_guide examples' helper (examples/cpp/route_guide/helper.h): reads
// the feature database. Declarations only: the precision guards are analysed,
// not linked.
#ifndef CTXGUARD_PRECISION_ROUTE_GUIDE_HELPER_H
#define CTXGUARD_PRECISION_ROUTE_GUIDE_HELPER_H

#include <string>
#include <vector>

namespace routeguide {
class Feature;

std::string GetDbFileContent(int argc, char** argv);

void ParseDb(const std::string& db, std::vector<Feature>* feature_list);

}  // namespace routeguide

#endif
