# Locates Debian's LLVM/Clang 22 development packages.
# The plugin must be built against the same clang-tidy major version that loads it.
find_package(LLVM REQUIRED CONFIG PATHS /usr/lib/llvm-22/lib/cmake/llvm NO_DEFAULT_PATH)
# No version argument: Debian's ClangConfig rejects "22".
find_package(Clang REQUIRED CONFIG PATHS /usr/lib/llvm-22/lib/cmake/clang NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 22)
  message(FATAL_ERROR "ctxguard needs LLVM 22, found ${LLVM_VERSION}")
endif()
message(STATUS "ctxguard: LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")

set(CTXGUARD_LLVM_INCLUDE_DIRS ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
set(CTXGUARD_CLANG_TIDY ${LLVM_TOOLS_BINARY_DIR}/clang-tidy)
set(CTXGUARD_CLANGXX ${LLVM_TOOLS_BINARY_DIR}/clang++)

# Flags every target that includes Clang headers needs: LLVM is built without RTTI.
function(ctxguard_clang_target target)
  target_include_directories(${target} SYSTEM PRIVATE ${CTXGUARD_LLVM_INCLUDE_DIRS})
  target_compile_definitions(${target} PRIVATE ${LLVM_DEFINITIONS})
  if(NOT LLVM_ENABLE_RTTI)
    target_compile_options(${target} PRIVATE -fno-rtti)
  endif()
endfunction()
