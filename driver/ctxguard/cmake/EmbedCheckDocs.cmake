# Writes OUTPUT: one C++ initializer {"<check>", R"...(<markdown>)..."} per
# docs/checks/<check>.md given in DOCS (a ;-list), so that the driver's SARIF
# rules carry each check's documentation. Run with cmake -P.
set(content "// Generated from docs/checks/*.md by EmbedCheckDocs.cmake. Do not edit.\n")
foreach(doc IN LISTS DOCS)
  get_filename_component(check "${doc}" NAME_WE)
  file(READ "${doc}" markdown)
  string(APPEND content "{\"${check}\", R\"ctxguard_doc(${markdown})ctxguard_doc\"},\n")
endforeach()
# Rewrite only on change, so that an unchanged doc set rebuilds nothing.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
endif()
if(NOT previous STREQUAL content)
  file(WRITE "${OUTPUT}" "${content}")
endif()
