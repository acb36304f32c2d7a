# Instrumented builds (scripts/sanitize.sh configures build-asan with both):
#   INGOT_SANITIZE  AddressSanitizer + UndefinedBehaviorSanitizer on every
#                   target; any report aborts the process (tests fail).
#   INGOT_FUZZ      clang only: coverage instrumentation on every target and
#                   the libFuzzer targets of tests/fuzz/.
option(INGOT_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(INGOT_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

if(INGOT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(INGOT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "INGOT_FUZZ needs clang (configure with -DCMAKE_CXX_COMPILER=clang++-19)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
