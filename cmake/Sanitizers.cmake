# Instrumented builds (scripts/sanitize.sh configures build-asan with both):
#   INGOT_SANITIZE  AddressSanitizer + UndefinedBehaviorSanitizer on every
#                   target; any report aborts the process (tests fail).
#   INGOT_FUZZ      clang only: the libFuzzer targets of tests/fuzz/, and
#                   coverage instrumentation on the code they fuzz
#                   (ingot_fuzz_coverage below).
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
endif()

# ingot_fuzz_coverage(TARGET...): libFuzzer's coverage instrumentation on the
# libraries the fuzz targets exercise (the IR, the importers, the runtime).
# Only there: the compiler, the passes and the tests are never fuzzed, and
# coverage costs about a third more compile time on what it touches.
function(ingot_fuzz_coverage)
  if(INGOT_FUZZ)
    foreach(target ${ARGN})
      target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endforeach()
  endif()
endfunction()

# ingot_uninstrument_unrunnable(SOURCES...): sources compiled for an ISA that
# this build machine cannot execute (the AVX-512 kernels on an AVX2-only
# host) get no sanitizer or coverage instrumentation. Their tests skip them
# here, so instrumenting them buys nothing; it costs most of the sanitizer
# build (clang-19 takes about 80 s per AVX-512 kernel with ASan + UBSan +
# coverage, 4 s without). On a host that has AVX-512 they stay instrumented.
function(ingot_uninstrument_unrunnable)
  if(NOT (INGOT_SANITIZE OR INGOT_FUZZ) OR CMAKE_CROSSCOMPILING)
    return()
  endif()
  set(cpuinfo "")
  if(EXISTS /proc/cpuinfo)
    file(READ /proc/cpuinfo cpuinfo)
  endif()
  if(cpuinfo MATCHES "avx512f")
    return()
  endif()
  foreach(source ${ARGN})
    if(source MATCHES "/avx512/")
      set_property(SOURCE ${source} APPEND PROPERTY COMPILE_OPTIONS -fno-sanitize=all)
    endif()
  endforeach()
endfunction()
