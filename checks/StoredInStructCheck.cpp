//===--- StoredInStructCheck.cpp - ctxguard -------------------------------===//

#include "StoredInStructCheck.h"
#include "model/Instantiation.h"
#include "model/Matchers.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::ctx {

namespace {

AST_MATCHER_P2(FieldDecl, holdsRoleType, const RoleModel *, Model, Role, R) {
  return Model->holdsType(Node.getType(), R);
}

// The record a member belongs to, looking through anonymous structs and
// unions to the named record the user sees.
const RecordDecl *namedOwner(const FieldDecl *Field) {
  const RecordDecl *Owner = Field->getParent();
  while (Owner->isAnonymousStructOrUnion())
    if (const auto *Outer = dyn_cast<RecordDecl>(Owner->getDeclContext()))
      Owner = Outer;
    else
      break;
  return Owner;
}

std::string memberName(const FieldDecl *Field, const RecordDecl *Owner) {
  std::string Record = Owner->getName().empty() ? "(anonymous)" : Owner->getQualifiedNameAsString();
  return Record + "::" + Field->getNameAsString();
}

std::vector<AllowedRecordMatcher> allowedRecordMatchers(StringRef Option) {
  std::vector<AllowedRecordMatcher> Matchers;
  for (StringRef Name : utils::options::parseStringList(Option))
    if (!Name.trim().empty())
      Matchers.emplace_back(Name.trim());
  return Matchers;
}

} // namespace

// Go allows a type implementing context.Context to embed the context it
// wraps: here, a record that declares or inherits a virtual method returning
// the Done type (an implementation of the runtime's context interface).
bool StoredInStructCheck::implementsContext(const RecordDecl *Record) const {
  const auto *RD = dyn_cast<CXXRecordDecl>(Record);
  if (!RD || !RD->hasDefinition() || !RD->isPolymorphic())
    return false;
  if (llvm::any_of(RD->methods(), [&](const CXXMethodDecl *M) {
        return M->isVirtual() && Model.isType(M->getReturnType(), Role::Done);
      }))
    return true;
  return llvm::any_of(RD->bases(), [&](const CXXBaseSpecifier &Base) {
    const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl();
    return BaseRecord && implementsContext(BaseRecord);
  });
}

StoredInStructCheck::StoredInStructCheck(StringRef Name, ClangTidyContext *Context)
    : CtxCheck(Name, Context, {Role::Context, Role::Done, Role::Runtime}),
      AllowedRecordsOption(Options.get("AllowedRecords", "")),
      AllowedRecords(allowedRecordMatchers(AllowedRecordsOption)) {}

void StoredInStructCheck::storeCheckOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AllowedRecords", AllowedRecordsOption);
}

void StoredInStructCheck::registerCheckMatchers(MatchFinder *Finder) {
  // A closure type's captures are implicit fields: never matched.
  Finder->addMatcher(fieldDecl(unless(isImplicit()), unless(isExpansionInSystemHeader()),
                               holdsRoleType(&Model, Role::Context))
                         .bind("field"),
                     this);
}

void StoredInStructCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field");
  // Class templates are reported in their pattern, once.
  if (isInTemplateInstantiation(Field) || Model.isRuntimeInternal(Field) ||
      Field->getParent()->isLambda())
    return;
  const RecordDecl *Owner = namedOwner(Field);
  // A context implementation may hold its parent context.
  if (Model.plays(Owner, Role::Context) || implementsContext(Owner) ||
      llvm::any_of(AllowedRecords, [&](const auto &Allowed) { return Allowed.match(*Owner); }))
    return;
  const CXXRecordDecl *Held = Model.heldRecord(Field->getType(), Role::Context);
  diag(Field->getLocation(),
       "'%0' stores a %1; pass the context as the first parameter of each call instead")
      << memberName(Field, Owner) << Held->getQualifiedNameAsString();
}

} // namespace clang::tidy::ctx
